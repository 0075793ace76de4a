// Every HTTP request the custom server takes: a request id (the proxy's X-Request-Id when it is a
// plain token, else a new one, echoed back), a count of the requests in flight (graceful shutdown
// waits for it to reach zero), the latency histogram, and one access-log line when the answer is
// sent: method, path (never the query string: it can carry a code or token), route group, status,
// duration, client address, and the device id for the agent API.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { getAccessLogger } from "./log";
import { codeClass, metrics } from "./metrics";

export type RequestNote = { deviceId?: string; outcome?: string };
const notes = new WeakMap<ServerResponse, RequestNote>();

/** Adds what a handler learnt (the device, the outcome) to the request's log line. */
export function noteRequest(res: ServerResponse, note: RequestNote): void {
  notes.set(res, { ...notes.get(res), ...note });
}

export type RouteGroup = { api: "agent" | "dashboard" | "ops"; route: string };

const AGENT_ROUTES = new Set(["enroll", "checkin", "catalog"]);
const OPS = new Set(["/healthz", "/readyz", "/metrics"]);
const DASHBOARD: [RegExp, string][] = [
  [/^\/api\/trpc\//, "trpc"],
  [/^\/api\/auth\//, "auth"],
  [/^\/(?:_next\/|favicon\.ico$)/, "static"],
  [/^\/(?:endpoints|findings)\/export$/, "export"],
  [/^\/reports\/\d+\/(?:pdf|agencies\.csv|endpoints\.csv|data\.json)$/, "report_file"],
  [/^\/report-print\//, "report_print"],
  [/^\/download\//, "download"],
  [/^\/signin$/, "signin"],
];

/** The route group of a path: a fixed set of labels, whatever the path. */
export function routeGroup(path: string): RouteGroup {
  if (path.startsWith("/api/agent/")) {
    const name = path.slice("/api/agent/v1/".length).replace(/\/+$/, "");
    return { api: "agent", route: AGENT_ROUTES.has(name) ? name : "other" };
  }
  if (OPS.has(path)) return { api: "ops", route: path.slice(1) };
  for (const [re, route] of DASHBOARD) if (re.test(path)) return { api: "dashboard", route };
  return { api: "dashboard", route: "page" };
}

const REQUEST_ID = /^[\w.:-]{1,100}$/;

export function createRequestTracker() {
  let inFlight = 0;
  return {
    get inFlight() {
      return inFlight;
    },
    /** Call first for every request; returns its path (without the query string). */
    track(req: IncomingMessage, res: ServerResponse, ip: string): string {
      const started = performance.now();
      const path = (req.url ?? "/").split("?")[0]!;
      const incoming = req.headers["x-request-id"];
      const reqId = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader("X-Request-Id", reqId);
      inFlight++;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        inFlight--;
        const durationMs = performance.now() - started;
        const { api, route } = routeGroup(path);
        const status = res.headersSent ? res.statusCode : 0;
        metrics().httpDuration.observe({ api, route, code: status ? codeClass(status) : "aborted" }, durationMs / 1000);
        const line = { reqId, method: req.method, path, route: `${api}:${route}`, status, durationMs: Math.round(durationMs * 10) / 10, ip, ...notes.get(res) };
        const logger = getAccessLogger();
        // Probes and static files at debug: a probe every few seconds would drown the rest.
        if (api === "ops" || route === "static") logger.debug(line, "request");
        else if (status >= 500 && status !== 503) logger.error(line, "request failed");
        else if (status === 503 || status === 0) logger.warn(line, status ? "request refused: unavailable" : "request aborted");
        else logger.info(line, "request");
      };
      res.once("finish", finish);
      res.once("close", finish);
      return path;
    },
  };
}
