// A minimal client of the agent API (wire protocol v1) over keep-alive HTTP(S), for the
// fleet simulator and the benchmarks. It speaks only the public agent API.
import http from "node:http";
import https from "node:https";
import type { CheckinRequest, EnrollRequest, EnrollResponse } from "~/agent/shared/protocol";

export type AgentApiResult<T> = { status: number; body: T | { error?: { code: string; message: string } }; ms: number };

export function createAgentClient(serverUrl: string, opts: { maxSockets?: number } = {}) {
  const base = new URL(serverUrl);
  const isHttps = base.protocol === "https:";
  const agent = isHttps ? new https.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 64 }) : new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 64 });

  function post<T>(path: string, body: unknown, bearer?: string): Promise<AgentApiResult<T>> {
    const payload = Buffer.from(JSON.stringify(body));
    const started = performance.now();
    return new Promise((resolve) => {
      const req = (isHttps ? https : http).request(
        {
          hostname: base.hostname,
          port: base.port || (isHttps ? 443 : 80),
          path: `${base.pathname.replace(/\/$/, "")}${path}`,
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            "content-length": payload.length,
            ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            let parsed: unknown = null;
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
            } catch {
              parsed = { error: { code: "bad_response", message: "response was not JSON" } };
            }
            resolve({ status: res.statusCode ?? 0, body: parsed as T, ms: performance.now() - started });
          });
        },
      );
      req.on("error", (err) => resolve({ status: 0, body: { error: { code: "network", message: err.message } }, ms: performance.now() - started }));
      req.end(payload);
    });
  }

  return {
    enroll: (body: EnrollRequest) => post<EnrollResponse>("/api/agent/v1/enroll", body),
    checkin: (secret: string, body: CheckinRequest) => post<{ accepted: true; duplicate?: true }>("/api/agent/v1/checkin", body, secret),
    close: () => agent.destroy(),
  };
}

/** Percentile of an unsorted sample (nearest rank). */
export function percentile(sample: number[], p: number): number {
  if (!sample.length) return Number.NaN;
  const sorted = Float64Array.from(sample).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
