// Backups: `npm run admin -- backup FILE` while the real server takes a check-in load gives a
// consistent copy (integrity, counters, states), holding at least every check-in accepted before
// the backup started; restoring it (the copy becomes a new DATABASE_PATH) and starting the server
// on it works: the data is served, people sign in, and agents carry on.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { BUILTIN_CATALOG } from "~/agent/shared/catalog";
import { createAgentClient } from "~/server/fleet/agent-client";
import { reportOn } from "~/server/fleet/plan";
import { signInHttp } from "../../support/auth";
import { type CliResult, runAdmin } from "../../support/cli";
import { tempDir } from "../../support/db";
import { ROOT, type RunningServer, startServer, TS_NODE_ARGS } from "../../support/server";
import { trpcQuery } from "../reports/http";
import { checkConsistency, enrollFleet, fleetPlans, type LoadDevice, startLoad, waitFor } from "./support";

const PASSWORD = "backup-officer-password";

/** The admin CLI without blocking this process (the load keeps running meanwhile); killed after `timeoutMs`. */
function adminAsync(databasePath: string, args: string[], timeoutMs: number): Promise<CliResult & { ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [...TS_NODE_ARGS, path.join(ROOT, "server/cli/admin.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: databasePath },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => p.kill("SIGKILL"), timeoutMs);
    p.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr: code === null ? `${stderr}killed after ${timeoutMs} ms` : stderr, ms: Date.now() - started });
    });
  });
}

describe("backup and restore", () => {
  const dir = tempDir("muster-backup-");
  const dbFile = path.join(dir, "live", "muster.db");
  const backupFile = path.join(dir, "backups", "muster-backup.db");
  const restoredFile = path.join(dir, "restored", "muster.db");
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop("SIGKILL");
  });

  it("backs up a consistent copy under load, and the restored copy serves the data", async () => {
    const tokens = new Map<string, string>();
    for (const code of ["BK-ONE", "BK-TWO"]) {
      expect(runAdmin(dbFile, ["create-agency", "--code", code, "--name", `Backup ${code}`]).code).toBe(0);
      tokens.set(code, runAdmin(dbFile, ["create-token", "--agency", code]).stdout.trim().split("\n").pop()!.trim());
    }
    expect(runAdmin(dbFile, ["activate-policy", "--slug", "us-bod-17-01"]).code).toBe(0);
    expect(runAdmin(dbFile, ["create-user", "--email", "officer@backup.test", "--role", "officer"], PASSWORD).code).toBe(0);
    // Years of audit history make the file big enough (~40 MB) for a copy to take many steps:
    // a copy made page by page restarts at every commit of the busy server and never finishes.
    const pad = new Database(dbFile);
    pad.transaction(() => {
      const add = pad.prepare("insert into audit_log (at, actor, action, object_type, details) values (?, 'cli:import', 'history.import', 'history', ?)");
      for (let i = 0; i < 10_000; i++) add.run(Date.now() - (10_000 - i) * 60_000, JSON.stringify({ note: `imported entry ${i} `.padEnd(4000, ".") }));
    })();
    pad.close();
    const live = await startServer({ databasePath: dbFile, env: { MUSTER_DEVICE_BURST: "0" } });
    servers.push(live);
    const { spec, plans } = fleetPlans(["BK-ONE", "BK-TWO"], 50, 21);
    const devices = await enrollFleet(live.url, plans, (c) => tokens.get(c)!);
    const load = startLoad(live.url, devices, { concurrency: 16, days: spec.days });
    let backup: CliResult & { ms: number };
    let acceptedBefore: Map<LoadDevice, number>;
    let during = 0;
    try {
      await waitFor("check-ins to flow", () => load.stats.accepted >= 400, 60_000);
      acceptedBefore = new Map(devices.map((d) => [d, d.acked.at(-1) ?? 0]));
      const atStart = load.stats.accepted;
      backup = await adminAsync(dbFile, ["backup", backupFile], 60_000);
      during = load.stats.accepted - atStart;
    } finally {
      await load.stop();
    }
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain("Backup written to");
    console.log(`backup: written in ${backup.ms} ms while ${during} check-ins were accepted meanwhile`);
    // The load really ran during the backup.
    expect(during).toBeGreaterThan(0);
    expect(load.stats.unexpected).toEqual([]);

    // A consistent copy holding everything accepted before the backup began.
    expect(checkConsistency(backupFile)).toMatchObject({ integrity: "ok", foreignKeyViolations: 0, counterMismatches: [], stateDrift: 0 });
    const copy = new Database(backupFile, { readonly: true });
    const lastSeq = copy.prepare("select last_seq as s from endpoints where device_id = ?");
    for (const [d, seq] of acceptedBefore!) expect((lastSeq.get(d.deviceId) as { s: number }).s, d.deviceId).toBeGreaterThanOrEqual(seq);
    const counts = copy.prepare("select (select count(*) from endpoints) as endpoints, (select count(*) from checkins) as checkins, (select count(*) from findings) as findings").get() as Record<
      string,
      number
    >;
    const audited = copy.prepare("select count(*) as n from audit_log where action = 'database.backup'").get() as { n: number };
    copy.close();
    expect(counts.endpoints).toBe(devices.length);
    // The backup itself is audited (on the live database, after the copy was taken).
    expect(audited.n).toBe(0);
    const liveDb = new Database(dbFile, { readonly: true });
    expect(liveDb.prepare("select actor, details from audit_log where action = 'database.backup'").all()).toEqual([
      { actor: expect.stringMatching(/^cli:/), details: JSON.stringify({ file: backupFile }) },
    ]);
    liveDb.close();
    // The CLI refuses to overwrite an existing backup.
    const again = runAdmin(dbFile, ["backup", backupFile]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");

    // Restore: the copy becomes the database of a new deployment folder, with the auth secret.
    fs.mkdirSync(path.dirname(restoredFile), { recursive: true });
    fs.copyFileSync(backupFile, restoredFile);
    fs.copyFileSync(path.join(path.dirname(dbFile), "auth-secret"), path.join(path.dirname(restoredFile), "auth-secret"));
    const restored = await startServer({ databasePath: restoredFile });
    servers.push(restored);
    const officer = await signInHttp(restored.url, "officer@backup.test", PASSWORD);
    expect(officer.ok).toBe(true);
    const list = await trpcQuery<{ items: unknown[] }>(restored.url, officer.cookie, "endpoints.list", { limit: 200 });
    expect(list.ok && list.data.items.length).toBe(devices.length);
    const overview = await trpcQuery<{ totals: { endpoints: number } }>(restored.url, officer.cookie, "overview.get", undefined);
    expect(overview.ok && JSON.stringify(overview.data)).toContain(`"endpoints":${devices.length}`);
    const page = await fetch(`${restored.url}/findings`, { headers: { cookie: officer.cookie } });
    expect(page.status).toBe(200);
    // Agents carry on against the restored server: their next seq is past the copy's last_seq.
    const client = createAgentClient(restored.url);
    try {
      for (const d of devices.slice(0, 10)) {
        const seq = (d.acked.at(-1) ?? 0) + 1;
        const r = await client.checkin(d.secret, { ...reportOn(d.plan, d.day, Date.now(), BUILTIN_CATALOG.version), deviceId: d.deviceId, seq });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
      }
    } finally {
      client.close();
    }
    expect(counts.checkins).toBeGreaterThan(0);
    expect(counts.findings).toBeGreaterThan(0);
  }, 180_000);
});
