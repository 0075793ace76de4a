// The whole path with real parts: the bundled agent (node agent/build.mjs), the real server
// (custom server + production Next build: `npm run build`, or NEXT_DIST_DIR's), a token made with
// the admin CLI, BOD 17-01 put in force with the admin CLI, and `run --root` on a fixture machine
// with Kaspersky Endpoint Security for Linux. Remove the package: the finding is resolved; put it
// back: the finding reopens as a reinstall.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../support/db";
import { secondConnection } from "../../support/second-connection";
import { databaseEnv, ROOT, type RunningServer, startServer, TS_NODE_ARGS } from "../../support/server";

const AGENT = path.join(ROOT, "agent", "dist", "muster-agent.js");
const FIXTURE = path.join(ROOT, "tests", "fixtures", "ingest", "linux-kesl");

describe("agent to server, end to end", () => {
  let dir: string;
  let dbFile: string;
  let server: RunningServer;
  let root: string;
  let stateDir: string;
  const env = () => ({ ...process.env, ...databaseEnv(dbFile), MUSTER_ADMIN_PASSWORD: "admin-password-for-tests" });
  const admin = (...args: string[]) => execFileSync(process.execPath, [...TS_NODE_ARGS, path.join(ROOT, "server/cli/admin.ts"), ...args], { cwd: ROOT, env: env(), encoding: "utf8" });
  const agent = (...args: string[]) => {
    try {
      return {
        code: 0,
        out: execFileSync(process.execPath, [AGENT, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, MUSTER_AGENT_RETRY_BASE_MS: "50" }, stdio: ["ignore", "pipe", "pipe"] }),
      };
    } catch (err) {
      const e = err as { status: number; stdout: string; stderr: string };
      return { code: e.status, out: `${e.stdout}${e.stderr}` };
    }
  };
  const query = <T>(sql: string, ...args: unknown[]): T[] => {
    const db = secondConnection(dbFile).$client;
    try {
      return db.prepare(sql).all(...args) as T[];
    } finally {
      db.close();
    }
  };
  const dpkgStatus = () => path.join(root, "var", "lib", "dpkg", "status");
  const stanzas = () => fs.readFileSync(path.join(FIXTURE, "var", "lib", "dpkg", "status"), "utf8").split(/\n\n/);

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, "agent", "build.mjs")], { cwd: ROOT, stdio: "pipe" });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "muster-ingest-e2e-"));
    dbFile = testDatabase(dir);
    root = path.join(dir, "root");
    stateDir = path.join(dir, "agent-state");
    fs.cpSync(FIXTURE, root, { recursive: true });
    server = await startServer({ databasePath: dbFile });
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("enrolls, reports a banned product, then its removal and its reinstallation", () => {
    admin("create-agency", "--code", "E2E-ING", "--name", "Ingest end-to-end");
    const token = admin("create-token", "--agency", "E2E-ING", "--max-uses", "1").trim().split("\n").pop()!.trim();
    expect(token).toMatch(/^mst_enr_/);
    expect(admin("activate-policy", "--slug", "us-bod-17-01")).toContain("in force");

    const enrolled = agent("enroll", "--server", server.url, "--token", token, "--state-dir", stateDir);
    expect(enrolled.code, enrolled.out).toBe(0);
    const [ep] = query<{ id: number; device_id: string; state: string; hostname: string }>("select id, device_id, state, hostname from endpoints");
    expect(ep!.state).toBe("never-reported");

    // 1. Kaspersky Endpoint Security for Linux installed: banned, with an open finding.
    const first = agent("run", "--root", root, "--platform", "linux", "--state-dir", stateDir);
    expect(first.code, first.out).toBe(0);
    const state = () => query<{ state: string }>("select state from endpoints where id = ?", ep!.id)[0]!.state;
    const findings = () =>
      query<{ product: string; status: string; presence: string; reopen_count: number; resolved_seq: number | null }>(
        "select product, status, presence, reopen_count, resolved_seq from findings where endpoint_id = ?",
        ep!.id,
      );
    expect(state()).toBe("banned");
    expect(findings()).toEqual([{ product: "kaspersky-endpoint-security", status: "open", presence: "installed", reopen_count: 0, resolved_seq: null }]);
    expect(query("select hostname from endpoints")).toEqual([{ hostname: "ws-ingest-e2e" }]);

    // 2. The package is removed (dpkg ran fine and no longer lists it): resolved, by report 2.
    fs.writeFileSync(
      dpkgStatus(),
      stanzas()
        .filter((s) => !/^Package: kesl$/m.test(s))
        .join("\n\n"),
    );
    const second = agent("run", "--root", root, "--platform", "linux", "--state-dir", stateDir);
    expect(second.code, second.out).toBe(0);
    expect(findings()).toEqual([{ product: "kaspersky-endpoint-security", status: "resolved", presence: "absent", reopen_count: 0, resolved_seq: 2 }]);
    expect(["unprotected", "clean"]).toContain(state());

    // 3. Put back: the finding reopens as a reinstall.
    fs.writeFileSync(dpkgStatus(), stanzas().join("\n\n"));
    const third = agent("run", "--root", root, "--platform", "linux", "--state-dir", stateDir);
    expect(third.code, third.out).toBe(0);
    expect(findings()).toEqual([{ product: "kaspersky-endpoint-security", status: "open", presence: "installed", reopen_count: 1, resolved_seq: null }]);
    expect(state()).toBe("banned");
    expect(query<{ kind: string }>("select kind from endpoint_events where endpoint_id = ? and product = 'kaspersky-endpoint-security' order by id", ep!.id).map((e) => e.kind)).toEqual([
      "detected",
      "removed",
      "reinstalled",
    ]);
    expect(query("select seq from checkins where endpoint_id = ? order by seq", ep!.id)).toEqual([{ seq: 1 }, { seq: 2 }, { seq: 3 }]);
    const status = agent("status", "--json", "--state-dir", stateDir);
    expect(status.code, status.out).toBe(0);
  });
});
