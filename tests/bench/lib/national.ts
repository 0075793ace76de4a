// The national-scale database shared by the scale, report and re-evaluation benchmarks:
// 1,000,000 endpoints in 50 agencies with 90 days of history, replayed through the real ingest
// code in bulk (server/demo/replay.ts with sparse history), never by writing summary rows.
// Seeding takes minutes, so the file is cached under tests/bench/.work/, keyed by a hash of the
// fleet spec, the fleet, replay and seeding code, the migrations and the built-in catalog's version (a
// seed matched with another catalog would be re-matched and re-evaluated whole at the server's first
// start, inside whichever benchmark starts it first); a cached copy is reused as it is.
// A large fleet is seeded in parallel, one process per CPU, each replaying its own agencies into
// its own file; the files are then merged (lib/shards.ts) and the merged counters checked.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { BUILTIN_CATALOG } from "~/agent/shared/catalog";
import { createAgency } from "~/server/agencies/service";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { closeDb, type Db, getDb, migrateDb } from "~/server/db/client";
import { replayFleet, type ReplayStats } from "~/server/demo/replay";
import { checkCounters } from "~/server/findings/counters";
import { type FleetSpec, planFleet } from "~/server/fleet/plan";
import { nationalFleetSpec } from "~/server/fleet/profiles";
import { syncCatalogVersion } from "~/server/ingest/catalog-sync";
import { DAY_MS, dayOf } from "~/server/lib/time";
import { runMaintenance } from "~/server/maintenance/run";
import { seedPolicies } from "~/server/policy/seed";
import { createUser } from "~/server/users/service";
import { ROOT, TS_NODE_ARGS } from "../../support/server";
import { mergeShard, reserveIdRange } from "./shards";

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
/** Bump when what the seed writes changes for a reason the hashed files below do not show. */
const SEED_VERSION = 2;

export type SeedMeta = {
  key: string;
  endpoints: number;
  checkins: number;
  waivers: number;
  rejected: number;
  seedMs: number;
  cpuMs?: number;
  shards?: number;
  loadAvg?: number[];
  seededAt: string;
  heartbeatDays: number;
  days: number;
  agencies: number;
};

function specFor(n: number, now: number): FleetSpec {
  return { ...nationalFleetSpec(now, n), heartbeatDays: HEARTBEAT_DAYS };
}

/** What the seeded data depends on; the history is relative to the day it was seeded. */
export function seedKey(n: number): string {
  const h = createHash("sha256");
  const { startMs: _start, ...spec } = specFor(n, 0);
  h.update(JSON.stringify({ SEED_VERSION, spec, POLICIES, CHUNK, ADMIN, OFFICER, MINISTRY_OFFICER, catalog: BUILTIN_CATALOG.version }));
  const files = (dir: string, ext: string) =>
    fs
      .readdirSync(path.join(ROOT, dir))
      .filter((f) => f.endsWith(ext))
      .sort()
      .map((f) => path.join(ROOT, dir, f));
  const seeding = [path.join(ROOT, "server/demo/replay.ts"), __filename, path.join(__dirname, "shards.ts")];
  for (const f of [...files("drizzle", ".sql"), ...files("server/fleet", ".ts"), ...seeding]) h.update(fs.readFileSync(f));
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

/**
 * The seed a `--db FILE` run measures: FILE's own metadata (`FILE.json`, as the cache writes it) when
 * it has one, so a copy made under an older seed key is measured as it is instead of reseeding (and
 * clearing the cache); otherwise the cached seed of this key, seeded first when missing.
 */
export async function seedOf(n: number, db: string | undefined): Promise<{ file: string; meta: SeedMeta; reused: boolean }> {
  const own = db ? readSeedMeta(db) : null;
  if (db && own) {
    console.log(`measuring ${db} with its own seed record (${metaPath(db)}, seeded ${own.seededAt})`);
    return { file: db, meta: own, reused: true };
  }
  const cached = await ensureNationalDb(n);
  return { file: db ?? cached.file, meta: cached.meta, reused: cached.reused };
}

/** Shards seeded in parallel (one process each): BENCH_SEED_SHARDS, else one per CPU for a large fleet. */
function shardCount(n: number): number {
  const asked = Number(process.env.BENCH_SEED_SHARDS);
  if (Number.isInteger(asked) && asked >= 1) return asked;
  return n >= 100_000 ? Math.max(1, Math.min(os.cpus().length, 8)) : 1;
}

/** The shard that replays the spec's agency `i` (round robin: every shard gets a mix of profiles). */
const shardOf = (i: number, shards: number) => i % shards;

function shardAgencies(spec: FleetSpec, shard: number, shards: number): string[] {
  return spec.agencies.filter((_, i) => shardOf(i, shards) === shard).map((a) => a.code);
}

type ShardResult = { stats: ReplayStats; cpuMs: number };

/**
 * Opens a file for seeding: no fsync, a 2 GiB page cache and the file mapped (reads without
 * syscalls). Seeding is not what is measured; the server runs with synchronous=FULL.
 */
function openForSeeding(file: string): Db {
  const db = getDb(file);
  db.$client.pragma("synchronous = OFF");
  db.$client.pragma("journal_mode = MEMORY");
  db.$client.pragma(`cache_size = ${process.env.BENCH_SEED_CACHE || -2 * 1024 * 1024}`);
  db.$client.pragma(`mmap_size = ${process.env.BENCH_SEED_MMAP ?? 2147418112}`);
  return db;
}

/**
 * One shard in this process: the deployment's setup (every shard the same), then the history of
 * its own agencies' endpoints through the ingest service in bulk. Shard 0 of 1 is the whole fleet.
 */
export async function seedShard(file: string, n: number, now: number, shard: number, shards: number, log: (line: string) => void): Promise<ShardResult> {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const db = openForSeeding(file);
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
  const mine = new Set(shardAgencies(spec, shard, shards));
  const before = spec.agencies.filter((_, i) => shardOf(i, shards) < shard).reduce((sum, a) => sum + a.endpoints, 0);
  reserveIdRange(db, shard, before);
  const staleDays = process.env.MUSTER_STALE_DAYS;
  process.env.MUSTER_STALE_DAYS = String(HEARTBEAT_DAYS + 1);
  const stats = await replayFleet(db, spec, {
    now,
    policySlugs: POLICIES,
    requester: { who: { id: officer.id, role: "officer" }, actor: { userId: officer.id, label: OFFICER } },
    approver: { who: { id: admin.id, role: "admin" }, actor: { userId: admin.id, label: ADMIN } },
    system: SYSTEM_ACTOR,
    bulk: { chunkSize: CHUNK },
    plans: shards > 1 ? planFleet(spec).filter((p) => mine.has(p.agencyCode)) : undefined,
    log: (line) => {
      const day = Number(/day (\d+)\//.exec(line)?.[1]);
      if (day === 1 || day % 10 === 0) log(`${line} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    },
  });
  if (staleDays === undefined) delete process.env.MUSTER_STALE_DAYS;
  else process.env.MUSTER_STALE_DAYS = staleDays;
  closeDb(file);
  return { stats, cpuMs: cpuMsSince(cpu0) };
}

const cpuMsSince = (cpu0: NodeJS.CpuUsage) => ((cpu) => (cpu.user + cpu.system) / 1000)(process.cpuUsage(cpu0));

/** Shard `k` in a child process (tests/bench/seed.ts --shard), its log lines prefixed. */
function seedShardProcess(file: string, n: number, now: number, shard: number, shards: number, log: (line: string) => void): Promise<ShardResult> {
  return new Promise((resolve, reject) => {
    const args = ["--max-old-space-size=8192", "--max-semi-space-size=64", ...TS_NODE_ARGS, "tests/bench/seed.ts"];
    args.push("--endpoints", String(n), "--now", String(now), "--shard", String(shard), "--shards", String(shards), "--file", file);
    const p = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let result: ShardResult | undefined;
    readline.createInterface({ input: p.stdout }).on("line", (line) => {
      if (line.startsWith(SHARD_RESULT)) result = JSON.parse(line.slice(SHARD_RESULT.length)) as ShardResult;
      else log(`[shard ${shard + 1}/${shards}] ${line}`);
    });
    p.on("exit", (code) => (code === 0 && result ? resolve(result) : reject(new Error(`seed shard ${shard + 1}/${shards} exited with ${code}`))));
  });
}
export const SHARD_RESULT = "SHARD_RESULT ";

/** Seeds `file` with the national fleet of `n` endpoints, in `shards` processes merged afterwards. */
export async function seed(file: string, n: number, log: (line: string) => void, shards = shardCount(n), now = Date.now()): Promise<SeedMeta> {
  const started = performance.now();
  const spec = specFor(n, now);
  const files = Array.from({ length: shards }, (_, k) => (k === 0 ? file : `${file}.shard-${k}`));
  for (const f of files) for (const s of ["", "-wal", "-shm", "-journal"]) fs.rmSync(f + s, { force: true });
  let results: ShardResult[];
  if (shards === 1) {
    results = [await seedShard(file, n, now, 0, 1, log)];
  } else {
    log(`seeding in ${shards} shards of about ${Math.round(n / shards).toLocaleString("en-GB")} endpoints, one process each`);
    results = await Promise.all(files.map((f, k) => seedShardProcess(f, n, now, k, shards, log)));
  }
  const cpu0 = process.cpuUsage();
  const db = openForSeeding(file);
  if (shards > 1) {
    const t0 = performance.now();
    // Every row comes from a file written with foreign keys enforced, and ids cannot collide.
    db.$client.pragma("foreign_keys = OFF");
    for (let k = 1; k < shards; k++) {
      mergeShard(db, files[k]!, shardAgencies(spec, k, shards));
      fs.rmSync(files[k]!);
    }
    db.$client.pragma("foreign_keys = ON");
    const ids = db.$client.prepare("select count(*) as n, max(id) as max from endpoints").get() as { n: number; max: number };
    if (ids.n !== ids.max) throw new Error(`merged shards: endpoint ids are not dense (${ids.n} endpoints, highest id ${ids.max})`);
    log(`merged ${shards} shards in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    // The merged counters must still equal a recomputation from the endpoints and findings.
    const mismatches = checkCounters(db);
    if (mismatches.length) throw new Error(`merged shards: ${mismatches.length} counter mismatches, e.g. ${JSON.stringify(mismatches[0])}`);
    log(`counters equal a recomputation (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  runMaintenance(db, Date.now());
  db.$client.pragma("journal_mode = WAL");
  closeDb(file);
  const sum = (f: (r: ShardResult) => number) => results.reduce((a, r) => a + f(r), 0);
  const meta: SeedMeta = {
    key: seedKey(n),
    endpoints: sum((r) => r.stats.endpoints),
    checkins: sum((r) => r.stats.checkins),
    waivers: sum((r) => r.stats.waivers),
    rejected: sum((r) => r.stats.rejected),
    seedMs: performance.now() - started,
    cpuMs: sum((r) => r.cpuMs) + cpuMsSince(cpu0),
    shards,
    loadAvg: os.loadavg(),
    seededAt: new Date(now).toISOString(),
    heartbeatDays: HEARTBEAT_DAYS,
    days: spec.days,
    agencies: spec.agencies.length,
  };
  log(
    `seeded ${meta.endpoints.toLocaleString("en-GB")} endpoints, ${meta.checkins.toLocaleString("en-GB")} check-ins (${meta.rejected} rejected), ${meta.waivers} waivers in ${(meta.seedMs / 1000).toFixed(0)} s`,
  );
  return meta;
}
