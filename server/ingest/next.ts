// Web-standard (Request/Response) adapter of the agent API, for the route handlers under
// app/api/agent/v1/ that serve it under plain `next dev`. Production traffic never gets here: the
// custom server answers /api/agent/ itself (node.ts).
import "server-only";
import { LIMITS } from "~/agent/shared/protocol";
import { handleAgentRequest } from "./http";
import { config } from "../config";

export async function handleAgentWebRequest(req: Request): Promise<Response> {
  // Under the custom server every /api/agent/ request is answered before Next (node.ts): a request
  // that reaches this route took another path (an odd spelling of the URL) and gets no second set
  // of budgets.
  if (config.customServer) {
    return Response.json({ error: { code: "not_found", message: "No agent API at this address" } }, { status: 404 });
  }
  const declared = Number(req.headers.get("content-length"));
  const body =
    req.method === "GET" || req.method === "HEAD" || (Number.isFinite(declared) && declared > LIMITS.bodyBytes)
      ? Buffer.alloc(declared > LIMITS.bodyBytes ? LIMITS.bodyBytes + 1 : 0)
      : Buffer.from(await req.arrayBuffer());
  const headers: Record<string, string> = {};
  req.headers.forEach((v, k) => (headers[k] = v));
  const url = new URL(req.url);
  const ip = headers["x-muster-client-ip"] || headers["x-forwarded-for"]?.split(",")[0]?.trim() || "unknown";
  const r = await handleAgentRequest({ method: req.method, path: url.pathname, headers, body, ip });
  return new Response(r.status === 304 || r.body.length === 0 ? null : new Uint8Array(r.body), { status: r.status, headers: r.headers });
}
