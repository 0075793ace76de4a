// Government networks: an https server with a private CA (here a self-signed certificate made
// with openssl for the test), reached through an http proxy named by HTTPS_PROXY (CONNECT
// tunnel), and an http server reached through the same proxy (absolute-URI requests).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOTS, TestServer, buildAgentOnce, cleanEnv, runAgent, tempDir } from "./helpers";

const ROOT = ["--root", join(ROOTS, "linux-kaspersky")];

/** A tiny forward proxy: CONNECT tunnels and absolute-URI http requests, each one recorded. */
class TestProxy {
  connects: string[] = [];
  tunnels = new Set<net.Socket>();
  forwards: string[] = [];
  server = http.createServer((req, res) => {
    this.forwards.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? "");
    const up = http.request({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on("error", () => res.writeHead(502).end());
    req.pipe(up);
  });
  port = 0;
  constructor() {
    this.server.on("connect", (req, client: net.Socket, head) => {
      this.connects.push(req.url ?? "");
      const [host, port] = (req.url ?? "").split(":");
      const up = net.connect(Number(port), host === "localhost" ? "127.0.0.1" : host, () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        up.write(head);
        up.pipe(client);
        client.pipe(up);
      });
      up.on("error", () => client.end("HTTP/1.1 502 Bad Gateway\r\n\r\n"));
      client.on("error", () => up.destroy());
      // a peer that resets (a refused TLS handshake) must not leave the other side open
      client.on("close", () => up.destroy());
      up.on("close", () => client.destroy());
      this.tunnels.add(client).add(up);
    });
  }
  async listen() {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", () => r()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
  async close() {
    for (const s of this.tunnels) s.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

let dir: string;
let certFile: string;
let tlsServer: TestServer;
let plainServer: TestServer;
let proxy: TestProxy;

beforeAll(async () => {
  await buildAgentOnce();
  dir = tempDir("tls");
  certFile = join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      certFile,
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
    ],
    { stdio: "pipe" },
  );
  tlsServer = await new TestServer({ key: readFileSync(join(dir, "key.pem"), "utf8"), cert: readFileSync(certFile, "utf8") }).listen();
  plainServer = await new TestServer().listen();
  proxy = await new TestProxy().listen();
});

afterAll(async () => {
  await tlsServer?.close();
  await plainServer?.close();
  await proxy?.close();
});

describe("through an http proxy", () => {
  it("https target: CONNECT tunnel via HTTPS_PROXY, private CA via --ca (kept for later runs)", async () => {
    const state = tempDir("state");
    const env = cleanEnv({ HTTPS_PROXY: proxy.url });
    const enroll = await runAgent(["enroll", "--server", tlsServer.origin, "--token", "good-token", "--ca", certFile, "--state-dir", state], { env });
    expect(enroll.code, enroll.stderr).toBe(0);
    const run = await runAgent(["run", ...ROOT, "--state-dir", state], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(tlsServer.checkins.map((c) => c.seq)).toEqual([1]);
    // enroll, catalog and check-in all went through the tunnel
    expect(proxy.connects).toEqual([`localhost:${tlsServer.port}`, `localhost:${tlsServer.port}`, `localhost:${tlsServer.port}`]);
    expect(proxy.forwards).toEqual([]);
  });

  it("NODE_EXTRA_CA_CERTS works as well; NO_PROXY bypasses the proxy", async () => {
    const before = proxy.connects.length;
    const state = tempDir("state");
    const env = cleanEnv({ HTTPS_PROXY: proxy.url, NO_PROXY: "localhost", NODE_EXTRA_CA_CERTS: certFile });
    const enroll = await runAgent(["enroll", "--server", tlsServer.origin, "--token", "good-token", "--state-dir", state], { env });
    expect(enroll.code, enroll.stderr).toBe(0);
    expect(proxy.connects.length).toBe(before);
  });

  it("an untrusted certificate fails with what to do", async () => {
    const r = await runAgent(["enroll", "--server", tlsServer.origin, "--token", "good-token", "--state-dir", tempDir("state")], { env: cleanEnv({ HTTPS_PROXY: proxy.url }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("TLS certificate not trusted");
    expect(r.stderr).toContain("--ca FILE");
  });

  it("http target: absolute-URI requests via HTTP_PROXY", async () => {
    const state = tempDir("state");
    const env = cleanEnv({ HTTP_PROXY: proxy.url });
    expect((await runAgent(["enroll", "--server", plainServer.origin, "--token", "good-token", "--state-dir", state], { env })).code).toBe(0);
    const run = await runAgent(["run", ...ROOT, "--state-dir", state], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(plainServer.checkins.map((c) => c.seq)).toEqual([1]);
    expect(proxy.forwards).toEqual([`POST ${plainServer.origin}/api/agent/v1/enroll`, `GET ${plainServer.origin}/api/agent/v1/catalog`, `POST ${plainServer.origin}/api/agent/v1/checkin`]);
  });

  it("through the tunnel the certificate must name the server's IP address, not the proxy's", async () => {
    // The server is https://127.0.0.2, the proxy 127.0.0.1. A certificate for 127.0.0.1 only (the
    // proxy's address) must be refused; one for 127.0.0.2 accepted.
    const make = (name: string, san: string) => {
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          join(dir, `${name}.key`),
          "-out",
          join(dir, `${name}.pem`),
          "-days",
          "1",
          "-subj",
          `/CN=${san}`,
          "-addext",
          `subjectAltName=IP:${san}`,
        ],
        { stdio: "pipe" },
      );
      return { key: readFileSync(join(dir, `${name}.key`), "utf8"), cert: readFileSync(join(dir, `${name}.pem`), "utf8"), file: join(dir, `${name}.pem`) };
    };
    const enrollAt = async (pair: { key: string; cert: string; file: string }) => {
      const srv = https.createServer({ key: pair.key, cert: pair.cert }, (_req, res) => {
        res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ deviceId: "dev_ip", deviceSecret: "s", checkinIntervalSeconds: 3600 }));
      });
      await new Promise<void>((r) => srv.listen(0, "127.0.0.2", () => r()));
      const server = `https://127.0.0.2:${(srv.address() as AddressInfo).port}`;
      try {
        return await runAgent(["enroll", "--server", server, "--token", "t", "--ca", pair.file, "--state-dir", tempDir("state")], { env: cleanEnv({ HTTPS_PROXY: proxy.url }) });
      } finally {
        await new Promise<void>((r) => srv.close(() => r()));
      }
    };
    const wrong = await enrollAt(make("proxy-ip", "127.0.0.1"));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID|does not match|not in the cert's list/);
    const right = await enrollAt(make("server-ip", "127.0.0.2"));
    expect(right.code, right.stderr).toBe(0);
    expect(proxy.connects.at(-1)).toMatch(/^127\.0\.0\.2:\d+$/);
  });

  it("a proxy that is down: the report is spooled (exit 4)", async () => {
    const state = tempDir("state");
    expect((await runAgent(["enroll", "--server", plainServer.origin, "--token", "good-token", "--state-dir", state])).code).toBe(0);
    const dead = await new TestProxy().listen();
    const deadUrl = dead.url;
    await dead.close();
    const r = await runAgent(["run", ...ROOT, "--state-dir", state], { env: cleanEnv({ HTTP_PROXY: deadUrl }) });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("server unreachable");
  });
});
