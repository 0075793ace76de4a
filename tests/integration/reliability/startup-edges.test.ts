// What a fresh production start guarantees at the edges: it refuses a weak AUTH_SECRET, a missing
// NEXTAUTH_URL and a proxy setting that would trust anyone; the data folder and database files are
// private (0700/0600); the first administrator's generated password never reaches the log; forwarded
// headers are believed only from the configured proxy addresses; an absolute-form request target
// takes the same path as the origin form.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInHttp } from "../../support/auth";
import { tempDir, testDatabase, testEngine } from "../../support/db";
import { secondConnection } from "../../support/second-connection";
import { ROOT, type RunningServer, startServer, TS_NODE_ARGS } from "../../support/server";

/** Starts the server expecting it to refuse: its exit code and output. */
function refusedStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const dir = tempDir("muster-refused-");
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [...TS_NODE_ARGS, path.join(ROOT, "server/main.ts")], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", DATABASE_PATH: path.join(dir, "m.db"), PORT: "0", HOST: "127.0.0.1", NEXTAUTH_URL: "http://127.0.0.1:1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    proc.stdout.on("data", (d: Buffer) => (output += d));
    proc.stderr.on("data", (d: Buffer) => (output += d));
    const timer = setTimeout(() => proc.kill("SIGKILL"), 30_000);
    proc.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("refused configurations", () => {
  it("an AUTH_SECRET shorter than 32 bytes", async () => {
    const r = await refusedStart({ AUTH_SECRET: "short-secret-of-31-bytes-xxxxxx" });
    expect(r.code).toBe(1);
    expect(r.output).toContain("AUTH_SECRET must be at least 32 bytes (got 31)");
  });

  it("production without NEXTAUTH_URL", async () => {
    const r = await refusedStart({ NEXTAUTH_URL: "" });
    expect(r.code).toBe(1);
    expect(r.output).toContain("NEXTAUTH_URL must be set in production");
  });

  it("MUSTER_TRUST_PROXY as a hop count (it trusted every client)", async () => {
    const r = await refusedStart({ MUSTER_TRUST_PROXY: "1" });
    expect(r.code).toBe(1);
    expect(r.output).toContain("MUSTER_TRUST_PROXY must list the reverse proxies' addresses or CIDR blocks");
  });
});

describe("a fresh production start", () => {
  const dir = path.join(tempDir("muster-fresh-"), "data");
  const dbFile = testDatabase(dir);
  let server: RunningServer;

  beforeAll(async () => {
    // The proxy is 127.0.0.1; clients connect from 127.0.0.2 to be "anyone else".
    // DATABASE_PATH names the data folder on PostgreSQL too.
    server = await startServer({
      databasePath: dbFile,
      env: { DATABASE_PATH: path.join(dir, "muster.db"), MUSTER_ADMIN_PASSWORD: "", MUSTER_TRUST_PROXY: "127.0.0.1/32, 10.200.0.0/16" },
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("creates the data folder 0700 and the database, WAL and shared-memory files 0600", () => {
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    // On PostgreSQL the database is the cluster's, and AUTH_SECRET is required (no generated one).
    const files = testEngine() === "postgres" ? [] : [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, path.join(dir, "auth-secret")];
    for (const f of files) expect(fs.statSync(f).mode & 0o777, f).toBe(0o600);
  });

  it("never logs the first administrator's password: it is in a 0600 file, and it works", async () => {
    const file = path.join(dir, "first-admin-password");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const [email, password] = fs.readFileSync(file, "utf8").trim().split("\n") as [string, string];
    expect(email).toBe("admin@muster.local");
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(server.output()).not.toContain(password);
    expect(server.output()).toContain(`Its generated password is in ${file}`);
    const signin = await signInHttp(server.url, email, password);
    expect(signin.ok).toBe(true);
  });

  /** A request from a chosen loopback source address. */
  function requestFrom(localAddress: string, p: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: server.port, path: p, localAddress, headers }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("believes X-Forwarded-Proto only from a configured proxy address", async () => {
    const fromProxy = await requestFrom("127.0.0.1", "/signin", { "x-forwarded-proto": "https" });
    expect(fromProxy.headers["strict-transport-security"]).toMatch(/max-age=/);
    const fromClient = await requestFrom("127.0.0.2", "/signin", { "x-forwarded-proto": "https" });
    expect(fromClient.headers["strict-transport-security"]).toBeUndefined();
  });

  it("takes the client address from X-Forwarded-For only behind a configured proxy (skipping trusted hops)", async () => {
    // Through the proxy: the client is the nearest untrusted hop (10.200.0.7 is a second, trusted proxy).
    await signInHttp(server.url, "nobody@x.gov", "wrong-password", "203.0.113.9, 198.51.100.4, 10.200.0.7");
    const db = secondConnection(dbFile).$client;
    const ips = (db.prepare("select ip from audit_log where action like 'auth.%' and actor = 'nobody@x.gov'").all() as { ip: string }[]).map((r) => r.ip);
    db.close();
    expect(ips).toEqual(["198.51.100.4"]);
  });

  it("answers an absolute-form request target exactly as its path", async () => {
    const raw = (target: string) =>
      new Promise<string>((resolve, reject) => {
        const s = net.connect(server.port, "127.0.0.1", () => s.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`));
        let out = "";
        s.on("data", (d) => (out += d));
        s.on("end", () => resolve(out));
        s.on("error", reject);
      });
    const absolute = await raw(`http://127.0.0.1:${server.port}/api/agent/v1/nothing-here`);
    const origin = await raw("/api/agent/v1/nothing-here");
    for (const r of [absolute, origin]) {
      expect(r.split("\r\n")[0]).toBe("HTTP/1.1 404 Not Found");
      expect(r).toContain('{"error":{"code":"not_found","message":"No agent API at /api/agent/v1/nothing-here"}}');
    }
    expect((await raw(`http://127.0.0.1:${server.port}/api/agent/v1/catalog`)).split("\r\n")[0]).toBe("HTTP/1.1 200 OK");
    expect((await raw(`http://127.0.0.1:${server.port}/signin`)).split("\r\n")[0]).toBe("HTTP/1.1 200 OK");
  });
});
