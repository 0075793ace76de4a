// GET /download/muster-agent.js: the agent bundle, public (endpoints fetch it before they have
// any credential), with a strong ETag (its SHA-256) so re-downloads are 304s.
import { agentBundle } from "~/server/dashboard/agent-bundle";

export const dynamic = "force-dynamic";

function respond(req: Request, head: boolean): Response {
  const bundle = agentBundle();
  if (!bundle) {
    return new Response("The agent bundle has not been built on this server (run `npm run agent:build`).\n", {
      status: 503,
      headers: { "content-type": "text/plain; charset=utf-8", "retry-after": "60" },
    });
  }
  const etag = `"sha256-${bundle.sha256}"`;
  const headers = {
    etag,
    "cache-control": "public, no-cache",
    "content-type": "application/javascript; charset=utf-8",
    "content-disposition": 'attachment; filename="muster-agent.js"',
    "x-content-sha256": bundle.sha256,
  };
  const inm = req.headers.get("if-none-match");
  if (inm?.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) return new Response(null, { status: 304, headers });
  return new Response(head ? null : new Uint8Array(bundle.bytes), { status: 200, headers: { ...headers, "content-length": String(bundle.size) } });
}

export function GET(req: Request): Response {
  return respond(req, false);
}

export function HEAD(req: Request): Response {
  return respond(req, true);
}
