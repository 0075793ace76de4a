// The bundled agent against a small local Muster server: enrollment, delivery, retries, the spool
// across outages (exactly once, in seq order), revoked credentials and permanent rejections.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ROOTS, TestServer, buildAgentOnce, cleanEnv, runAgent, tempDir } from "./helpers";

const ROOT = ["--root", join(ROOTS, "linux-kaspersky")];
let servers: TestServer[] = [];

beforeAll(async () => {
  await buildAgentOnce();
});

afterEach(async () => {
  for (const s of servers) await s.close().catch(() => undefined);
  servers = [];
});

async function startServer(port = 0): Promise<TestServer> {
  const s = await new TestServer().listen(port);
  servers.push(s);
  return s;
}

async function enrolled(server: TestServer): Promise<string> {
  const state = tempDir("state");
  const r = await runAgent(["enroll", "--server", server.origin, "--token", "good-token", "--state-dir", state]);
  expect(r.code, r.stderr).toBe(0);
  return state;
}

const spooled = (state: string) => (existsSync(join(state, "spool")) ? readdirSync(join(state, "spool")).sort() : []);
const status = async (state: string) => {
  const r = await runAgent(["status", "--json", "--state-dir", state]);
  return { code: r.code, json: JSON.parse(r.stdout) as Record<string, any> };
};

describe("enrollment", () => {
  it("stores the credential readable by its owner only and sends who the device is", async () => {
    const server = await startServer();
    const state = await enrolled(server);
    const cred = JSON.parse(readFileSync(join(state, "credential.json"), "utf8"));
    expect(cred).toMatchObject({ server: server.origin, deviceId: "device-1", deviceSecret: "secret-1" });
    expect(statSync(join(state, "credential.json")).mode & 0o777).toBe(0o600);
    const sent = server.enrolls[0]!;
    expect(sent).toMatchObject({ enrollToken: "good-token", agentVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(sent.hardwareId).toMatch(/^[0-9a-f]{64}$/);
    expect(sent.hardwareId).not.toContain(readFileSync("/etc/machine-id", "utf8").trim());
    expect((sent.os as Record<string, string>).platform).toBe("linux");
  });

  it("a refused token fails with the server's reason and what to do", async () => {
    const server = await startServer();
    const r = await runAgent(["enroll", "--server", server.origin, "--token", "bad", "--state-dir", tempDir("state")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("token_invalid");
    expect(r.stderr).toContain("check it and the server URL");
  });

  it("refuses plain http to another machine, and run before enrollment exits 3", async () => {
    const r = await runAgent(["enroll", "--server", "http://muster.example.gov", "--token", "t", "--state-dir", tempDir("state")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--server must use https://");
    const run = await runAgent(["run", "--state-dir", tempDir("state")]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("muster-agent enroll --server URL --token TOKEN");
    expect((await status(tempDir("state"))).code).toBe(3);
  });
});

describe("run", () => {
  it("collects, delivers, empties the spool and refreshes the catalog with If-None-Match", async () => {
    const server = await startServer();
    const state = await enrolled(server);
    const r = await runAgent(["run", ...ROOT, "--state-dir", state]);
    expect(r.code, r.stderr).toBe(0);
    expect(server.checkins.map((c) => [c.seq, c.status])).toEqual([[1, 200]]);
    const report = server.checkins[0]!.body;
    expect(report.deviceId).toBe("device-1");
    expect(report.software.map((e) => e.identifier)).toContain("kesl");
    expect(report.collectors.map((c) => c.name)).toEqual(["dpkg", "linux-systemd", "linux-path"]);
    expect(spooled(state)).toEqual([]);
    const second = await runAgent(["run", ...ROOT, "--state-dir", state]);
    expect(second.code).toBe(0);
    expect(server.checkins.map((c) => c.seq)).toEqual([1, 2]);
    expect(server.catalogRequests[0]?.ifNoneMatch).toBeUndefined();
    expect(server.catalogRequests[1]?.ifNoneMatch).toMatch(/^".+"$/);
    const s = await status(state);
    expect(s.code).toBe(0);
    expect(s.json).toMatchObject({ enrolled: true, credential: "ok", nextSeq: 3, lastReport: { seq: 2, outcome: "delivered" }, spool: { count: 0 } });
  });

  it("gzips large bodies (Content-Encoding: gzip) and sends small ones plain", async () => {
    const server = await startServer();
    const state = await enrolled(server);
    // A root whose dpkg database holds 300 look-alike packages: all are sent (flagged unrecognized).
    const root = tempDir("bigroot");
    mkdirSync(join(root, "var/lib/dpkg"), { recursive: true });
    const stanzas = Array.from(
      { length: 300 },
      (_, i) => `Package: acme-antivirus-${i}\nStatus: install ok installed\nVersion: 1.0.${i}\nMaintainer: Acme Corp <pkg@acme.example>\nDescription: Acme antivirus engine ${i}\n`,
    );
    writeFileSync(join(root, "var/lib/dpkg/status"), stanzas.join("\n"));
    expect((await runAgent(["run", "--root", root, "--state-dir", state])).code).toBe(0);
    expect((await runAgent(["run", ...ROOT, "--state-dir", state])).code).toBe(0);
    const [big, small] = server.checkins;
    expect(big!.gzip).toBe(true);
    expect(big!.body.software).toHaveLength(300);
    expect(big!.body.software[0]).toMatchObject({ source: "dpkg", name: "acme-antivirus-0", unrecognized: true });
    expect(small!.gzip).toBe(false);
  });

  it("503 then 200: retried within the same run", async () => {
    const server = await startServer();
    const state = await enrolled(server);
    server.script.push({ status: 503, headers: { "retry-after": "0" } });
    const r = await runAgent(["run", ...ROOT, "--state-dir", state]);
    expect(r.code, r.stderr).toBe(0);
    expect(server.checkins.map((c) => [c.seq, c.status])).toEqual([
      [1, 503],
      [1, 200],
    ]);
    expect(spooled(state)).toEqual([]);
  });

  it("persistent 503: gives up after bounded retries, keeps the report, exit 4", async () => {
    const server = await startServer();
    const state = await enrolled(server);
    server.script.push({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const r = await runAgent(["run", ...ROOT, "--state-dir", state]);
    expect(r.code).toBe(4);
    expect(server.checkins).toHaveLength(3);
    expect(spooled(state)).toEqual(["000000000001.json"]);
  });

  it("server down: spooled (exit 4); back up: every report delivered exactly once, in seq order", async () => {
    const server = await startServer();
    const state = await enrolled(server);
    const port = server.port;
    await server.close();
    servers = [];
    for (let i = 0; i < 3; i++) {
      const r = await runAgent(["run", ...ROOT, "--state-dir", state]);
      expect(r.code).toBe(4);
      expect(r.stderr).toContain("server unreachable");
    }
    expect(spooled(state)).toEqual(["000000000001.json", "000000000002.json", "000000000003.json"]);
    expect((await status(state)).json.spool).toMatchObject({ count: 3, oldestSeq: 1, newestSeq: 3 });

    const back = await startServer(port);
    const r = await runAgent(["run", ...ROOT, "--state-dir", state]);
    expect(r.code, r.stderr).toBe(0);
    expect(back.checkins.map((c) => c.seq)).toEqual([1, 2, 3, 4]);
    expect([...back.accepted.keys()]).toEqual([1, 2, 3, 4]);
    expect(spooled(state)).toEqual([]);
    // nothing is sent twice on the next run
    await runAgent(["run", ...ROOT, "--state-dir", state]);
    expect(back.checkins.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it("401: the credential is revoked; reports stay spooled, status says so (exit 5)", async () => {
    const server = await startServer();
    const state = await enrolled(server);
    server.revoked = true;
    const r = await runAgent(["run", ...ROOT, "--state-dir", state]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain("credential revoked");
    expect(spooled(state)).toEqual(["000000000001.json"]);
    const s = await status(state);
    expect(s.code).toBe(5);
    expect(s.json).toMatchObject({ credential: "revoked", lastReport: { seq: 1, outcome: "revoked", httpStatus: 401 } });
    const text = await runAgent(["status", "--state-dir", state]);
    expect(text.stdout).toContain("CREDENTIAL REVOKED");
    expect(readFileSync(join(state, "agent.log"), "utf8")).toMatch(/ERROR credential refused/);

    // a second run keeps both reports; re-enrolling starts a new stream and discards the old spool
    expect((await runAgent(["run", ...ROOT, "--state-dir", state])).code).toBe(5);
    expect(spooled(state)).toEqual(["000000000001.json", "000000000002.json"]);
    expect((await runAgent(["enroll", "--server", server.origin, "--token", "good-token", "--state-dir", state])).code).toBe(0);
    expect(spooled(state)).toEqual([]);
    expect(readFileSync(join(state, "agent.log"), "utf8")).toContain("discarded 2 spooled report(s) of the previous credential");
    expect((await runAgent(["run", ...ROOT, "--state-dir", state])).code).toBe(0);
    expect(server.accepted.has(1)).toBe(true);
    expect((await status(state)).json).toMatchObject({ credential: "ok", nextSeq: 2 });
  });

  it("400: the report is dropped for good and the next one still goes", async () => {
    const server = await startServer();
    const state = await enrolled(server);
    const port = server.port;
    await server.close();
    servers = [];
    expect((await runAgent(["run", ...ROOT, "--state-dir", state])).code).toBe(4);
    const back = await startServer(port);
    back.script.push({ status: 400, body: { error: { code: "invalid_body", message: "software[0].source is not a source" } } });
    const r = await runAgent(["run", ...ROOT, "--state-dir", state]);
    expect(r.code, r.stderr).toBe(0);
    expect(back.checkins.map((c) => [c.seq, c.status])).toEqual([
      [1, 400],
      [2, 200],
    ]);
    expect(spooled(state)).toEqual([]);
    expect(readFileSync(join(state, "agent.log"), "utf8")).toContain("report seq 1 rejected for good (HTTP 400 invalid_body");
  });

  it("the run budget is shared: a long Retry-After stops the run at once and keeps the report", async () => {
    const server = await startServer();
    const state = await enrolled(server);
    server.script.push({ status: 429, headers: { "retry-after": "3600" }, body: { error: { code: "rate_limited", message: "slow down" } } });
    const r = await runAgent(["run", ...ROOT, "--state-dir", state], { env: cleanEnv() });
    expect(r.code).toBe(4);
    expect(server.checkins).toHaveLength(1);
    expect(spooled(state)).toEqual(["000000000001.json"]);
  });
});
