// The agent API over real HTTP for integration tests: node:http with the same adapter the custom
// server uses for /api/agent/ (everything but Next), against a test database.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "~/server/db/client";
import { handleNodeAgentRequest } from "~/server/ingest/node";

export type Api = { url: string; close: () => Promise<void> };

export async function startApi(db: Db): Promise<Api> {
  const server = http.createServer((req, res) => handleNodeAgentRequest(req, res, req.socket.remoteAddress ?? "unknown", { db }));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string; json: unknown };

/** A raw request: any method, headers and body bytes (for malformed input). */
export function rawRequest(url: string, opts: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const u = new URL(opts.path, url);
    const body = opts.body === undefined ? undefined : Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(opts.body);
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method: opts.method ?? "POST", headers: { ...(body ? { "content-length": String(body.length) } : {}), ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

export function postJson(url: string, path: string, payload: unknown, headers: Record<string, string> = {}) {
  return rawRequest(url, { path, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(payload) });
}
