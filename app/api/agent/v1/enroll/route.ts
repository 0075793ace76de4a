// Agent API route for plain `next dev`; the custom server answers it first in production.
import { handleAgentWebRequest } from "~/server/ingest/next";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handleAgentWebRequest;
export const HEAD = handleAgentWebRequest;
export const POST = handleAgentWebRequest;
export const PUT = handleAgentWebRequest;
export const PATCH = handleAgentWebRequest;
export const DELETE = handleAgentWebRequest;
