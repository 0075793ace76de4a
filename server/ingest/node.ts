// node:http adapter of the agent API, used by the custom server for every /api/agent/ URL. Reads
// the body with a hard limit (413 as soon as it is exceeded; the rest is dropped, then the
// connection closed) and hands the
// request to handleAgentRequest.
import type { IncomingMessage, ServerResponse } from "node:http";
import { LIMITS } from "~/agent/shared/protocol";
import { discardBody } from "../lib/discard-body";
import { noteRequest } from "../ops/requests";
import { type AgentApiOptions, type AgentResponse, BASE_HEADERS, handleAgentRequest } from "./http";
import { errorReply } from "./replies";

function send(res: ServerResponse, r: AgentResponse): void {
  if (r.meta) noteRequest(res, r.meta);
  if (res.headersSent || res.destroyed) return;
  res.writeHead(r.status, { ...r.headers, "Content-Length": r.body.length });
  res.end(r.body);
}

function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  const reply = errorReply(413, "payload_too_large", `The body is larger than ${LIMITS.bodyBytes} bytes`);
  const body = Buffer.from(JSON.stringify(reply.body));
  send(res, { status: 413, headers: { ...BASE_HEADERS, "Content-Type": "application/json; charset=utf-8" }, body });
  discardBody(req);
}

export function handleNodeAgentRequest(req: IncomingMessage, res: ServerResponse, ip: string, opts: AgentApiOptions = {}): void {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > LIMITS.bodyBytes) {
    tooLarge(req, res);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  req.on("data", (c: Buffer) => {
    if (over) return;
    size += c.length;
    if (size > LIMITS.bodyBytes) {
      over = true;
      chunks.length = 0;
      tooLarge(req, res);
      return;
    }
    chunks.push(c);
  });
  req.on("error", () => req.destroy());
  req.on("end", () => {
    if (over) return;
    handleAgentRequest({ method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), ip }, opts)
      .then((r) => send(res, r))
      .catch(() => send(res, { status: 503, headers: { ...BASE_HEADERS, "Retry-After": "30" }, body: Buffer.alloc(0) }));
  });
}
