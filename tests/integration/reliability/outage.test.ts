// Faults on the whole path, with the real agent bundle and the real server:
// - Outage: the server is down while the agent runs on schedule three times (each run spools its
//   report and exits 4); when the server is back, the next run delivers every spooled report
//   exactly once and in order, which the finding's lifecycle (detected, removed, reinstalled) shows.
// - The disk refuses writes: the server's file size limit is set to 0 with prlimit(1), so every
//   write SQLite attempts fails with EFBIG (SQLITE_IOERR_WRITE), as on a full or failing disk. The
//   agent API answers 503 with Retry-After, a dashboard change answers 503 too, the agent keeps its
//   report, and nothing at all is written; once the disk takes writes again the report arrives.
//   On PostgreSQL the database turns read-only under the server instead (support/ops.ts refuseWrites).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInHttp } from "../../support/auth";
import { runAdmin } from "../../support/cli";
import { tempDir, testDatabase } from "../../support/db";
import { refuseWrites } from "../../support/ops";
import { secondConnection } from "../../support/second-connection";
import { freePort, ROOT, type RunningServer, startServer } from "../../support/server";
import { buildAgentOnce, BUNDLE } from "../agent/helpers";
import { postJson } from "../ingest/api-server";
import { trpcMutation } from "../reports/http";
import { checkConsistency, tableDigest } from "./support";

const FIXTURE = path.join(ROOT, "tests", "fixtures", "ingest", "linux-kesl");
const PASSWORD = "outage-officer-password";

describe("outage and disk failure, agent to server", () => {
  const dir = tempDir("muster-outage-");
  const dbFile = testDatabase(dir);
  const root = path.join(dir, "root");
  const stateDir = path.join(dir, "agent-state");
  const agentJs = path.join(dir, "muster-agent.js");
  let port = 0;
  let server: RunningServer | undefined;

  const agent = (...args: string[]) => {
    try {
      const out = execFileSync(process.execPath, [agentJs, ...args, "--state-dir", stateDir], {
        encoding: "utf8",
        env: { ...process.env, MUSTER_AGENT_RETRY_BASE_MS: "20" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      return { code: 0, out };
    } catch (err) {
      const e = err as { status: number; stdout: string; stderr: string };
      return { code: e.status, out: `${e.stdout}${e.stderr}` };
    }
  };
  const run = () => agent("run", "--root", root, "--platform", "linux");
  const spooled = () =>
    fs.existsSync(path.join(stateDir, "spool"))
      ? fs
          .readdirSync(path.join(stateDir, "spool"))
          .filter((f) => f.endsWith(".json"))
          .sort()
      : [];
  const dpkg = path.join(root, "var", "lib", "dpkg", "status");
  const original = fs.readFileSync(path.join(FIXTURE, "var", "lib", "dpkg", "status"), "utf8");
  const setKesl = (installed: boolean) =>
    fs.writeFileSync(
      dpkg,
      installed
        ? original
        : original
            .split(/\n\n/)
            .filter((s) => !/^Package: kesl$/m.test(s))
            .join("\n\n"),
    );
  const query = <T>(sql: string, ...args: unknown[]): T[] => {
    const db = secondConnection(dbFile).$client;
    try {
      return db.prepare(sql).all(...args) as T[];
    } finally {
      db.close();
    }
  };
  const start = async () => (server = await startServer({ databasePath: dbFile, port }));

  beforeAll(async () => {
    await buildAgentOnce();
    // Our own copy: other test files may rebuild the bundle while this one runs it.
    fs.copyFileSync(BUNDLE, agentJs);
    fs.cpSync(FIXTURE, root, { recursive: true });
    expect(runAdmin(dbFile, ["create-agency", "--code", "OUT", "--name", "Outage test agency"]).code).toBe(0);
    expect(runAdmin(dbFile, ["activate-policy", "--slug", "us-bod-17-01"]).code).toBe(0);
    expect(runAdmin(dbFile, ["create-user", "--email", "officer@outage.test", "--role", "officer"], PASSWORD).code).toBe(0);
    const token = runAdmin(dbFile, ["create-token", "--agency", "OUT", "--max-uses", "1"]).stdout.trim().split("\n").pop()!.trim();
    port = await freePort();
    await start();
    const enrolled = agent("enroll", "--server", server!.url, "--token", token);
    expect(enrolled.code, enrolled.out).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await server?.stop("SIGKILL");
  });

  it("spools while the server is down and delivers every report once, in order, when it is back", async () => {
    await server!.stop("SIGKILL");
    // Three scheduled runs during the outage: installed, removed, reinstalled.
    for (const [i, installed] of [true, false, true].entries()) {
      setKesl(installed);
      const r = run();
      expect(r.code, r.out).toBe(4);
      expect(spooled()).toHaveLength(i + 1);
    }
    expect(query("select count(*) as n from checkins")).toEqual([{ n: 0 }]);

    await start();
    const back = run();
    expect(back.code, back.out).toBe(0);
    expect(back.out).toContain("delivered 4");
    expect(spooled()).toEqual([]);
    const rows = query<{ seq: number; received_at: number }>("select seq, received_at from checkins order by seq");
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(rows.map((r) => r.received_at)).toEqual([...rows.map((r) => r.received_at)].sort((a, b) => a - b));
    // Delivered in order: the finding was detected by 1, resolved by 2, reopened by 3.
    expect(query("select kind, seq from endpoint_events where product = 'kaspersky-endpoint-security' order by id")).toEqual([
      { kind: "detected", seq: 1 },
      { kind: "removed", seq: 2 },
      { kind: "reinstalled", seq: 3 },
    ]);
    expect(query("select status, reopen_count from findings")).toEqual([{ status: "open", reopen_count: 1 }]);
    expect(query("select state, last_seq from endpoints")).toEqual([{ state: "banned", last_seq: 4 }]);

    // The next scheduled run sends only its own report.
    expect(run().code).toBe(0);
    expect(query<{ seq: number }>("select seq from checkins order by seq").map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it("answers 503 + Retry-After when the disk refuses writes; the agent keeps its report; nothing is half-written", async () => {
    const officer = await signInHttp(server!.url, "officer@outage.test", PASSWORD);
    expect(officer.ok).toBe(true);
    const agency = query<{ id: number }>("select id from agencies where code = 'OUT'")[0]!;
    const cred = JSON.parse(fs.readFileSync(path.join(stateDir, "credential.json"), "utf8")) as { deviceId: string; deviceSecret: string };

    const digest = () => {
      const db = secondConnection(dbFile).$client;
      try {
        return tableDigest(db);
      } finally {
        db.close();
      }
    };
    const before = digest();
    const allowWrites = refuseWrites(server!.proc.pid!, dbFile);
    try {
      setKesl(false);
      const r = run();
      expect(r.code, r.out).toBe(4);
      expect(spooled()).toEqual(["000000000006.json"]);

      // The same over raw HTTP: 503 with Retry-After, the protocol's error body.
      const report = JSON.parse(fs.readFileSync(path.join(stateDir, "spool", "000000000006.json"), "utf8"));
      const direct = await postJson(server!.url, "/api/agent/v1/checkin", report, { authorization: `Bearer ${cred.deviceSecret}` });
      expect(direct.status).toBe(503);
      expect(Number(direct.headers["retry-after"])).toBeGreaterThan(0);
      expect(direct.json).toMatchObject({ error: { code: "unavailable" } });
      // A change made in the dashboard is refused the same way, not with a 500.
      const token = await trpcMutation(server!.url, officer.cookie, "enrollment.create", { agencyId: agency.id });
      expect(token).toMatchObject({ ok: false, code: "SERVICE_UNAVAILABLE", status: 503 });
      // Pages that only read still work.
      expect((await fetch(`${server!.url}/endpoints`, { headers: { cookie: officer.cookie } })).status).toBe(200);
    } finally {
      allowWrites();
    }
    expect(digest()).toBe(before);

    const again = run();
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain("delivered 2");
    expect(spooled()).toEqual([]);
    expect(query<{ seq: number }>("select seq from checkins order by seq").map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(query("select status, resolved_seq from findings")).toEqual([{ status: "resolved", resolved_seq: 6 }]);
    await server!.stop();
    server = undefined;
    expect(checkConsistency(dbFile)).toMatchObject({ integrity: "ok", foreignKeyViolations: 0, counterMismatches: [], stateDrift: 0 });
  });
});
