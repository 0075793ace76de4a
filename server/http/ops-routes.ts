// The operations endpoints, answered by the custom server before anything else (no session, no
// rate limit, no database read beyond the readiness check):
//   GET /healthz  200 while the process serves requests
//   GET /readyz   200 when ready, 503 { status, reason } when starting, stopping or the database fails
//   GET /metrics  Prometheus text format: with MUSTER_METRICS_TOKEN as a bearer token, or on
//                 MUSTER_METRICS_PORT (a listener of its own, for a network only Prometheus reaches)
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { equalHex, sha256Hex } from "../lib/crypto";
import type { ReadinessState } from "../ops/health";
import { metrics } from "../ops/metrics";

export const OPS_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);
const HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

function json(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  res.writeHead(status, { ...HEADERS, "Content-Type": "application/json; charset=utf-8", ...extra });
  res.end(`${JSON.stringify(body)}\n`);
}

async function sendMetrics(res: ServerResponse, head: boolean) {
  const registry = metrics().registry;
  try {
    const text = await registry.metrics();
    res.writeHead(200, { ...HEADERS, "Content-Type": registry.contentType });
    res.end(head ? undefined : text);
  } catch (err) {
    json(res, 503, { error: `metrics could not be collected: ${(err as Error).message}` });
  }
}

/** Whether the request carries the metrics bearer token (compared as hashes, in constant time). */
export function metricsAuthorized(req: IncomingMessage, tokenHash: string | null): boolean {
  if (!tokenHash) return false;
  const m = /^Bearer ([\x21-\x7e]{1,512})$/.exec((req.headers.authorization ?? "").trim());
  return m !== null && equalHex(sha256Hex(m[1]!), tokenHash);
}

export type OpsOptions = { readiness: ReadinessState; metricsToken: string | null };

/** Answers an ops path on the main port; returns false for any other request. */
export function createOpsHandler(opts: OpsOptions) {
  const tokenHash = opts.metricsToken ? sha256Hex(opts.metricsToken) : null;
  return (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    if (!OPS_PATHS.has(path)) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      json(res, 405, { error: "Use GET" }, { Allow: "GET, HEAD" });
      return true;
    }
    if (path === "/healthz") {
      json(res, 200, { status: "alive" });
    } else if (path === "/readyz") {
      const r = opts.readiness.check();
      metrics().up.set(r.ready ? 1 : 0);
      json(res, r.ready ? 200 : 503, r, r.ready ? {} : { "Retry-After": "5" });
    } else if (!tokenHash) {
      json(res, 404, { error: "Metrics are not served on this port: set MUSTER_METRICS_TOKEN, or scrape MUSTER_METRICS_PORT" });
    } else if (!metricsAuthorized(req, tokenHash)) {
      json(res, 401, { error: "Send the metrics token as Authorization: Bearer <MUSTER_METRICS_TOKEN>" }, { "WWW-Authenticate": 'Bearer realm="metrics"' });
    } else {
      void sendMetrics(res, req.method === "HEAD");
    }
    return true;
  };
}

/** The metrics listener of its own (MUSTER_METRICS_PORT): /metrics only, no token. */
export async function startMetricsServer(port: number, host: string): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics") return json(res, 404, { error: "Only /metrics is served here" });
    if (req.method !== "GET" && req.method !== "HEAD") return json(res, 405, { error: "Use GET" }, { Allow: "GET, HEAD" });
    void sendMetrics(res, req.method === "HEAD");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) };
}
