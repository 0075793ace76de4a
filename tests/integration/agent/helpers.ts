// Shared by the agent's integration tests: build the bundle once (whichever test file gets there
// first, the others wait), run it as a child process, and a minimal Muster server speaking
// wire protocol v1 that records what it received.
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { BUILTIN_CATALOG } from "~/agent/shared/catalog/index";
import type { CheckinRequest } from "~/agent/shared/protocol";

export const REPO = resolve(__dirname, "../../..");
export const BUNDLE = join(REPO, "agent/dist/muster-agent.js");
export const ROOTS = join(REPO, "tests/fixtures/agent/roots");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds agent/dist/muster-agent.js unless it is newer than every source file. Serialised
 *  across test workers with a lock folder. */
export async function buildAgentOnce(): Promise<void> {
  const lock = join(REPO, "agent/dist/.build-lock");
  mkdirSync(join(REPO, "agent/dist"), { recursive: true });
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 120_000) rmSync(lock, { recursive: true, force: true }); // a crashed holder
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    const sources = Math.max(newestMtime(join(REPO, "agent/src")), newestMtime(join(REPO, "agent/shared")), statSync(join(REPO, "agent/build.mjs")).mtimeMs);
    if (!existsSync(BUNDLE) || statSync(BUNDLE).mtimeMs < sources) {
      execFileSync(process.execPath, [join(REPO, "agent/build.mjs")], { cwd: REPO, stdio: "pipe" });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export type AgentResult = { code: number; stdout: string; stderr: string };

/** The environment without anything that would change the agent's network path. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(https?_proxy|no_proxy|all_proxy|node_extra_ca_certs)$/i.test(k)) delete env[k];
  return { ...env, MUSTER_AGENT_RETRY_BASE_MS: "20", ...extra };
}

export function runAgent(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<AgentResult> {
  return new Promise((resolvePromise) => {
    const child = execFile(process.execPath, [BUNDLE, ...args], { cwd: REPO, env: opts.env ?? cleanEnv(), maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : 1) : 0;
      resolvePromise({ code, stdout, stderr });
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `muster-${prefix}-`));
}

type Scripted = { status: number; body?: unknown; headers?: Record<string, string> };

/** A minimal Muster server: enroll, checkin, catalog. Check-in answers can be scripted. */
export class TestServer {
  server: http.Server | https.Server;
  port = 0;
  /** Every check-in that reached the handler, in arrival order. */
  checkins: { seq: number; status: number; gzip: boolean; body: CheckinRequest }[] = [];
  accepted = new Map<number, CheckinRequest>();
  script: Scripted[] = [];
  enrolls: Record<string, unknown>[] = [];
  catalogRequests: { ifNoneMatch?: string }[] = [];
  secret = "secret-1";
  deviceId = "device-1";
  revoked = false;

  private sockets = new Set<import("node:net").Socket>();

  constructor(tls?: { key: string; cert: string }) {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => void this.handle(req, res);
    this.server = tls ? https.createServer(tls, handler) : http.createServer(handler);
    // Raw sockets, TLS handshakes that never completed included, so close() never waits on one.
    this.server.on("connection", (s: import("node:net").Socket) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
  }

  get origin(): string {
    return `${this.server instanceof https.Server ? "https" : "http"}://${this.server instanceof https.Server ? "localhost" : "127.0.0.1"}:${this.port}`;
  }

  async listen(port = 0): Promise<this> {
    await new Promise<void>((r) => this.server.listen(port, "127.0.0.1", () => r()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private send(res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let raw = Buffer.concat(chunks);
    const gzip = req.headers["content-encoding"] === "gzip";
    if (gzip) raw = gunzipSync(raw);
    const url = new URL(req.url ?? "/", "http://x");
    const authorized = req.headers.authorization === `Bearer ${this.secret}` && !this.revoked;
    if (req.method === "POST" && url.pathname === "/api/agent/v1/enroll") {
      const body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
      this.enrolls.push(body);
      if (body.enrollToken !== "good-token") return this.send(res, 401, { error: { code: "token_invalid", message: "unknown enrollment token" } });
      this.revoked = false;
      return this.send(res, 201, { deviceId: this.deviceId, deviceSecret: this.secret, checkinIntervalSeconds: 3600 });
    }
    if (req.method === "GET" && url.pathname === "/api/agent/v1/catalog") {
      this.catalogRequests.push({ ifNoneMatch: req.headers["if-none-match"] });
      const etag = `"${BUILTIN_CATALOG.version}"`;
      if (req.headers["if-none-match"] === etag) return this.send(res, 304);
      return this.send(res, 200, BUILTIN_CATALOG, { etag });
    }
    if (req.method === "POST" && url.pathname === "/api/agent/v1/checkin") {
      const body = JSON.parse(raw.toString("utf8")) as CheckinRequest;
      const scripted = this.script.shift();
      const status = scripted?.status ?? (authorized ? 200 : 401);
      this.checkins.push({ seq: body.seq, status, gzip, body });
      if (scripted) return this.send(res, scripted.status, scripted.body ?? { error: { code: "unavailable", message: "scripted" } }, scripted.headers);
      if (!authorized) return this.send(res, 401, { error: { code: "unauthorized", message: "device credential revoked" } });
      const duplicate = this.accepted.has(body.seq);
      this.accepted.set(body.seq, body);
      return this.send(res, 200, { accepted: true, ...(duplicate ? { duplicate: true } : {}), nextCheckinSeconds: 3600, catalogVersion: BUILTIN_CATALOG.version });
    }
    this.send(res, 404, { error: { code: "not_found", message: "no such endpoint" } });
  }
}

export function writeJson(file: string, value: unknown): string {
  writeFileSync(file, JSON.stringify(value));
  return file;
}
