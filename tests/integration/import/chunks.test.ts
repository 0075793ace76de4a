// A large import is applied in short transactions, so check-ins (another writer) get the write lock
// between them instead of waiting for the whole file: the history shows it "applying" with its
// progress meanwhile. When a transaction fails, what the earlier ones applied stays, each device
// whole with its counters; the import says how far it got, the same file again applies the rest,
// and undo takes it back. An import whose process stopped is recorded as failed by maintenance.
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ALL } from "~/server/access/scope";
import { isPostgres } from "~/server/db/client";
import { SyncPgConnection } from "~/server/db/pg-sync";
import { getImportItem } from "~/server/import/history";
import { undoImport } from "~/server/import/undo";
import { runMaintenance } from "~/server/maintenance/run";
import { metrics } from "~/server/ops/metrics";
import { expectCountersConsistent, importWorld, intuneExport, OFFICER, runImport } from "./helpers";
import { testEngine } from "../../support/db";

const DEVICES = 6000;
// On PostgreSQL every statement is a round trip to the server (one connection, waited for): a 6,000-device
// import takes about 50 s there on a busy 2-core machine, and these tests run up to three of them.
if (testEngine() === "postgres") vi.setConfig({ testTimeout: 300_000 });
let w: Awaited<ReturnType<typeof importWorld>>;
let file: string;
beforeEach(async () => {
  w = await importWorld();
  file = path.join(w.dir, "intune.csv");
  intuneExport(file, DEVICES);
});
afterEach(() => w.close());

const endpointCount = () => (w.db.$client.prepare("select count(*) as n from endpoints where agency_id = ?").get(w.agencyId) as { n: number }).n;
const lastImport = () => w.db.$client.prepare("select id, status, created, unchanged, message from imports order by id desc limit 1").get() as ImportView;
type ImportView = { id: number; status: string; created: number; unchanged: number; message: string };

/** Fails every write of an import's endpoint record from the `after`-th on: a real failure in the middle of the apply. */
function failAfter(after: number) {
  if (isPostgres(w.db)) {
    // The same trigger in PostgreSQL's spelling: a function raising the error, run before each insert.
    w.db.$client.exec(`create function fail_apply() returns trigger language plpgsql as $$
      begin if (select count(*) from import_endpoints) >= ${after} then raise exception 'simulated write failure'; end if; return new; end $$`);
    w.db.$client.exec("create trigger fail_apply before insert on import_endpoints for each row execute function fail_apply()");
    return () => w.db.$client.exec("drop trigger fail_apply on import_endpoints").exec("drop function fail_apply()");
  }
  w.db.$client.exec(`create trigger fail_apply before insert on import_endpoints when (select count(*) from import_endpoints) >= ${after}
    begin select raise(abort, 'simulated write failure'); end`);
  return () => w.db.$client.exec("drop trigger fail_apply");
}

/** Every created endpoint is banned exactly when the export gave it Kaspersky (every fifth PC). */
function expectDevicesWhole() {
  const rows = w.db.$client.prepare("select hostname, state from endpoints where agency_id = ?").all(w.agencyId) as { hostname: string; state: string }[];
  const wrong = rows.filter((r) => (Number(r.hostname.slice(-6)) % 5 === 0) !== (r.state === "banned"));
  expect(wrong).toEqual([]);
  expectCountersConsistent(w.db);
}

it("applies a large export in short transactions: another writer gets the lock in between, and the history shows the import applying", async () => {
  const other = anotherWriter();
  const progress: number[] = [];
  let locked = 0;
  const timer = setInterval(() => {
    const row = other.lastImport();
    if (row?.status !== "applying") return;
    progress.push(row.created);
    if (other.tryLock()) locked++;
  }, 2);
  try {
    const r = await runImport(w.db, w.agencyId, file);
    expect(r).toMatchObject({ status: "applied", devices: DEVICES, created: DEVICES });
  } finally {
    clearInterval(timer);
    other.close();
  }
  expect(locked).toBeGreaterThan(0);
  expect(progress.some((n) => n > 0 && n < DEVICES)).toBe(true);
  expect(endpointCount()).toBe(DEVICES);
  expectDevicesWhole();
});

/** A second connection: it reads the import's progress, and tries to take the write lock without waiting. */
function anotherWriter() {
  const last = "select status, created from imports order by id desc limit 1";
  type Last = { status: string; created: number } | undefined;
  if (isPostgres(w.db)) {
    // PostgreSQL has no database-wide write lock: the lock every insert or update of endpoints
    // holds until its transaction ends (share row exclusive conflicts with it) stands for SQLite's.
    const c = new SyncPgConnection(w.file);
    return {
      lastImport: () => c.query(last).rows[0] as Last,
      tryLock: () => {
        c.query("begin");
        try {
          c.query("lock table endpoints in share row exclusive mode nowait");
          return true;
        } catch {
          return false; // the import holds it right now
        } finally {
          c.query("rollback");
        }
      },
      close: () => c.close(),
    };
  }
  const other = new Database(w.file);
  other.pragma("busy_timeout = 0");
  return {
    lastImport: () => other.prepare(last).get() as Last,
    tryLock: () => {
      try {
        other.exec("begin immediate");
        other.exec("commit");
        return true;
      } catch {
        return false; // the import holds the lock right now
      }
    },
    close: () => other.close(),
  };
}

/** The value of a series in this process's registry (0 when it was never counted). */
async function series(name: string, labels: Record<string, string>): Promise<number> {
  const m = (await metrics().registry.getSingleMetric(name)?.get())?.values ?? [];
  return m.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))?.value ?? 0;
}

it("counts each import by tool and outcome, and the devices of applied ones, for /metrics", async () => {
  const applied = await series("muster_imports_total", { source: "intune", outcome: "applied" });
  const failed = await series("muster_imports_total", { source: "intune", outcome: "failed" });
  const duplicate = await series("muster_imports_total", { source: "intune", outcome: "duplicate" });
  const created = await series("muster_imported_devices_total", { outcome: "created" });
  const restore = failAfter(1500);
  await expect(runImport(w.db, w.agencyId, file)).rejects.toThrow();
  restore();
  const done = await runImport(w.db, w.agencyId, file);
  await runImport(w.db, w.agencyId, file); // the same file again: a duplicate
  expect(await series("muster_imports_total", { source: "intune", outcome: "failed" })).toBe(failed + 1);
  expect(await series("muster_imports_total", { source: "intune", outcome: "applied" })).toBe(applied + 1);
  expect(await series("muster_imports_total", { source: "intune", outcome: "duplicate" })).toBe(duplicate + 1);
  expect(await series("muster_imported_devices_total", { outcome: "created" })).toBe(created + done.created);
});

describe("a failure while applying", () => {
  it("keeps what was applied, each device whole, says how far it got, and the same file again applies the rest", async () => {
    const restore = failAfter(1500);
    await expect(runImport(w.db, w.agencyId, file)).rejects.toThrow(/simulated write failure/);
    const failed = lastImport();
    expect(failed.status).toBe("failed");
    expect(failed.created).toBeGreaterThan(0);
    expect(failed.created).toBeLessThan(DEVICES);
    expect(failed.message).toContain(`after ${failed.created.toLocaleString("en-GB")} of ${DEVICES.toLocaleString("en-GB")} devices had been applied (simulated write failure)`);
    expect(endpointCount()).toBe(failed.created);
    expectDevicesWhole();
    const audit = w.db.$client.prepare("select action from audit_log where object_type = 'import' and object_id = ?").all(String(failed.id)) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(["import.fail"]);
    expect(getImportItem(w.db, ALL, failed.id).undoable).toBe(true);

    restore();
    const again = await runImport(w.db, w.agencyId, file);
    expect(again).toMatchObject({ status: "applied", created: DEVICES - failed.created, unchanged: failed.created });
    expect(endpointCount()).toBe(DEVICES);
    expectDevicesWhole();
  });

  it("can be undone for what it applied", async () => {
    failAfter(1500);
    await expect(runImport(w.db, w.agencyId, file)).rejects.toThrow();
    const failed = lastImport();
    const undone = undoImport(w.db, OFFICER, ALL, failed.id);
    expect(undone).toMatchObject({ endpointsRemoved: failed.created, endpointsRestored: 0 });
    expect(endpointCount()).toBe(0);
    expect(lastImport().status).toBe("undone");
    expectCountersConsistent(w.db);
  });

  it("nothing applied: says nothing was imported, and there is nothing to undo", async () => {
    failAfter(0);
    await expect(runImport(w.db, w.agencyId, file)).rejects.toThrow();
    const failed = lastImport();
    expect(failed).toMatchObject({ status: "failed", created: 0 });
    expect(failed.message).toBe("The import failed; nothing was imported (simulated write failure).");
    expect(getImportItem(w.db, ALL, failed.id)).toMatchObject({ undoable: false, undoBlockedBy: null });
    expect(endpointCount()).toBe(0);
  });
});

describe("an import whose process stopped while applying it", () => {
  it("is recorded as failed by maintenance once its progress is two minutes old, and blocks undo of the agency's imports until then", async () => {
    const restore = failAfter(1500);
    await expect(runImport(w.db, w.agencyId, file)).rejects.toThrow();
    restore();
    const first = lastImport();
    // Another import of the agency was being applied when its process was killed.
    const now = Date.now();
    const stopped = w.db.$client
      .prepare(
        `insert into imports (agency_id, source, status, file_name, file_sha256, file_bytes, collected_at, started_at, finished_at, actor, devices, created, updated)
         values (?, 'intune', 'applying', 'other.csv', ?, 10, ?, ?, ?, 'officer@import.test', 40, 12, 3) returning id`,
      )
      .get(w.agencyId, "ab".repeat(32), now - 60_000, now - 60_000, now - 30_000) as { id: number };
    expect(getImportItem(w.db, ALL, first.id).undoBlockedBy).toEqual({ key: "errors.undoWhileApplying", params: { id: stopped.id } });
    expect(() => undoImport(w.db, OFFICER, ALL, first.id)).toThrow(/is being applied/);

    runMaintenance(w.db, now); // its progress is 30 s old: it may still be running
    expect(getImportItem(w.db, ALL, stopped.id).status).toBe("applying");
    runMaintenance(w.db, now + 120_000);
    const item = getImportItem(w.db, ALL, stopped.id);
    expect(item.status).toBe("failed");
    expect(item.message).toBe(
      "The server stopped while this import was being applied, after 15 of 40 devices. Those stay applied, each device whole; import the same file again to apply the rest, or undo this import.",
    );
    expect(getImportItem(w.db, ALL, first.id).undoBlockedBy).toBeNull();
  });
});
