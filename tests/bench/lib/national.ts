// The national-scale database shared by the scale, report and re-evaluation benchmarks:
// 1,000,000 endpoints in 50 agencies with 90 days of history, replayed through the real ingest
// code in bulk (server/demo/replay.ts with sparse history), never by writing summary rows.
// Seeding takes minutes, so the file is cached under tests/bench/.work/, keyed by a hash of the
// fleet spec, the fleet and replay code and the migrations; a cached copy is reused as it is.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createAgency } from "~/server/agencies/service";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { closeDb, getDb, migrateDb } from "~/server/db/client";
import { replayFleet } from "~/server/demo/replay";
import type { FleetSpec } from "~/server/fleet/plan";
import { nationalFleetSpec } from "~/server/fleet/profiles";
import { syncCatalogVersion } from "~/server/ingest/catalog-sync";
import { DAY_MS, dayOf } from "~/server/lib/time";
import { runMaintenance } from "~/server/maintenance/run";
import { seedPolicies } from "~/server/policy/seed";
import { createUser } from "~/server/users/service";
import { ROOT } from "../../support/server";

export const WORK = path.join(ROOT, "tests/bench/.work");
export const PASSWORD = "bench-password-123";
export const ADMIN = "bench-admin@bench.test";
export const OFFICER = "bench-officer@bench.test";
/** Agency officer of the first ministry (scoped views). */
export const MINISTRY_OFFICER = "bench-ministry@bench.test";
export const POLICIES = ["us-bod-17-01"];
/**
 * Sparse history: an endpoint reports on its first and last days and on the days something
 * changes on it (a real agent reports every few hours; replaying that for a million endpoints
 * would take hours, and a report that changes nothing only moves last_report_at). While
 * replaying, endpoints therefore become stale only after HEARTBEAT_DAYS + 1 days without a
 * report; the usual MUSTER_STALE_DAYS sweep runs at the end, when the planned stale endpoints
 * (silent for 8 to 40 days) turn stale. BENCH_HEARTBEAT_DAYS=N adds a report every N days.
 */
export const HEARTBEAT_DAYS = Number(process.env.BENCH_HEARTBEAT_DAYS || 90);
const CHUNK = 10_000;
/** Bump when seed() below changes what it writes. */
const SEED_VERSION = 1;

export type SeedMeta = { key: string; endpoints: number; checkins: number; waivers: number; rejected: number; seedMs: number; cpuMs?: number; loadAvg?: number[]; seededAt: string; heartbeatDays: number; days: number; agencies: number };

function specFor(n: number, now: number): FleetSpec {
  return { ...nationalFleetSpec(now, n), heartbeatDays: HEARTBEAT_DAYS };
}

/** What the seeded data depends on; the history is relative to the day it was seeded. */
export function seedKey(n: number): string {
  const h = createHash("sha256");
  const { startMs: _start, ...spec } = specFor(n, 0);
  h.update(JSON.stringify({ SEED_VERSION, spec, POLICIES, CHUNK, ADMIN, OFFICER, MINISTRY_OFFICER }));
  const files = (dir: string, ext: string) =>
    fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith(ext)).sort().map((f) => path.join(ROOT, dir, f));
  for (const f of [...files("drizzle", ".sql"), ...files("server/fleet", ".ts"), path.join(ROOT, "server/demo/replay.ts")]) h.update(fs.readFileSync(f));
  return h.digest("hex").slice(0, 12);
}

export function nationalDbPath(n: number): string {
  return path.join(WORK, `national-${n}-${seedKey(n)}.db`);
}

const metaPath = (file: string) => `${file}.json`;

export function readSeedMeta(file: string): SeedMeta | null {
  return fs.existsSync(file) && fs.existsSync(metaPath(file)) ? (JSON.parse(fs.readFileSync(metaPath(file), "utf8")) as SeedMeta) : null;
}

/** Returns the cached national database for `n` endpoints, seeding it first when missing. */
export async function ensureNationalDb(n: number, log: (line: string) => void = console.log): Promise<{ file: string; meta: SeedMeta; reused: boolean }> {
  fs.mkdirSync(WORK, { recursive: true });
  const file = nationalDbPath(n);
  const cached = readSeedMeta(file);
  if (cached) {
    log(`reusing the seeded database ${path.relative(ROOT, file)} (seeded ${cached.seededAt} in ${(cached.seedMs / 1000).toFixed(0)} s)`);
    return { file, meta: cached, reused: true };
  }
  // Older seeds of the same size are another spec or schema: make room for this one.
  for (const f of fs.readdirSync(WORK)) if (f.startsWith(`national-${n}-`)) fs.rmSync(path.join(WORK, f), { force: true });
  const tmp = `${file}.seeding`;
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(tmp + s, { force: true });
  const meta = await seed(tmp, n, log);
  fs.renameSync(tmp, file);
  fs.writeFileSync(metaPath(file), JSON.stringify(meta, null, 2));
  return { file, meta, reused: false };
}

async function seed(file: string, n: number, log: (line: string) => void): Promise<SeedMeta> {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const now = Date.now();
  const db = getDb(file);
  // Seeding is not what is measured: no fsync, a bigger page cache. The server runs FULL.
  db.$client.pragma("synchronous = OFF");
  db.$client.pragma(`journal_mode = ${process.env.BENCH_JOURNAL || "MEMORY"}`);
  db.$client.pragma("cache_size = -1048576");
  migrateDb(db);
  seedPolicies(db);
  syncCatalogVersion(db);
  const spec = specFor(n, now);
  spec.agencies.forEach((a, i) => {
    const ministry = /^MIN-\d+$/.test(a.code);
    createAgency(db, SYSTEM_ACTOR, {
      code: a.code,
      name: ministry ? `Ministry ${a.code.slice(4)}` : `Agency ${a.code.slice(4)}`,
      parentCode: ministry ? undefined : a.code.replace(/-AG-\d+$/, ""),
      deadline: ministry ? null : dayOf(now + (i % 7 === 0 ? -10 : 60 + (i % 7) * 30) * DAY_MS),
    });
  });
  const admin = (await createUser(db, SYSTEM_ACTOR, { email: ADMIN, name: "Bench Admin", role: "admin", password: PASSWORD })).user;
  const officer = (await createUser(db, SYSTEM_ACTOR, { email: OFFICER, name: "Bench Officer", role: "officer", password: PASSWORD })).user;
  await createUser(db, SYSTEM_ACTOR, { email: MINISTRY_OFFICER, name: "Bench Ministry Officer", role: "agency_officer", agencyCode: "MIN-1", password: PASSWORD });
  const staleDays = process.env.MUSTER_STALE_DAYS;
  process.env.MUSTER_STALE_DAYS = String(HEARTBEAT_DAYS + 1);
  const stats = await replayFleet(db, spec, {
    now,
    policySlugs: POLICIES,
    requester: { who: { id: officer.id, role: "officer" }, actor: { userId: officer.id, label: OFFICER } },
    approver: { who: { id: admin.id, role: "admin" }, actor: { userId: admin.id, label: ADMIN } },
    system: SYSTEM_ACTOR,
    bulk: { chunkSize: CHUNK },
    log: (line) => {
      const day = Number(/day (\d+)\//.exec(line)?.[1]);
      if (day === 1 || day % 10 === 0) log(`${line} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    },
  });
  if (staleDays === undefined) delete process.env.MUSTER_STALE_DAYS;
  else process.env.MUSTER_STALE_DAYS = staleDays;
  runMaintenance(db, Date.now());
  db.$client.pragma("journal_mode = WAL");
  closeDb(file);
  const meta: SeedMeta = {
    key: seedKey(n),
    endpoints: stats.endpoints,
    checkins: stats.checkins,
    waivers: stats.waivers,
    rejected: stats.rejected,
    seedMs: performance.now() - started,
    cpuMs: ((cpu) => (cpu.user + cpu.system) / 1000)(process.cpuUsage(cpu0)),
    loadAvg: os.loadavg(),
    seededAt: new Date(now).toISOString(),
    heartbeatDays: HEARTBEAT_DAYS,
    days: spec.days,
    agencies: spec.agencies.length,
  };
  log(`seeded ${stats.endpoints.toLocaleString("en-GB")} endpoints, ${stats.checkins.toLocaleString("en-GB")} check-ins (${stats.rejected} rejected), ${stats.waivers} waivers in ${(meta.seedMs / 1000).toFixed(0)} s`);
  return meta;
}
