// Re-evaluation of the fleet after the active policy set or the catalog changed. The work to do is
// recorded in settings ("reevaluation_pending") in the same transaction as the change, then done in
// chunks of endpoints, one transaction each (check-ins keep flowing in between when run async).
// A crash part-way leaves the marker in place and the next start (maintenance) finishes the job;
// evaluating an endpoint twice is harmless.
//
// Only endpoints that can be affected are visited: for a policy change, those with a present
// observation of the policy's vendors or a finding of them; for a catalog change, every endpoint.
import { type Db, mapWholeFile } from "../db/client";
import { evaluateStoredEndpoints } from "../findings/stored";
import { prep } from "../ingest/sql";

export type ReevalTarget = { all?: boolean; vendors?: string[] };
export type ReevalStats = { endpoints: number; changed: number; ms: number };

const KEY = "reevaluation_pending";
/**
 * Endpoints per transaction. State changes rewrite randomly placed index entries (agency/state/
 * hostname, state/last report): small transactions rewrite the same index pages over and over
 * (each commit writes every page it dirtied), so chunks are large and run with a larger page
 * cache. Synchronously (CLI, tests) 100k endpoints per transaction; in the server, where a chunk
 * holds the event loop and the write lock, 25k (about a second), yielding in between.
 */
const CHUNK = Number(process.env.MUSTER_REEVAL_CHUNK) || 100_000;
/** In the server (async) a chunk blocks the event loop while it runs: smaller, about a second each. */
const ASYNC_CHUNK = Number(process.env.MUSTER_REEVAL_ASYNC_CHUNK) || 25_000;
const BULK_CACHE_KIB = 512 * 1024;

/** Runs `fn` with a bigger page cache, so a chunk's dirty pages stay in memory until its commit. */
function withBulkCache<T>(db: Db, fn: () => T): T {
  const before = db.$client.pragma("cache_size", { simple: true }) as number;
  const bigger = before < 0 ? Math.min(before, -BULK_CACHE_KIB) : -BULK_CACHE_KIB;
  db.$client.pragma(`cache_size = ${bigger}`);
  try {
    return fn();
  } finally {
    db.$client.pragma(`cache_size = ${before}`);
  }
}

export function readPending(db: Db): { raw: string; target: ReevalTarget } | null {
  const row = prep(db, "select value from settings where key = 'reevaluation_pending'").get() as { value: string } | undefined;
  if (!row) return null;
  try {
    return { raw: row.value, target: JSON.parse(row.value) as ReevalTarget };
  } catch {
    return { raw: row.value, target: { all: true } };
  }
}

/** Records work to do; merges with what is already pending. Call inside the change's transaction. */
export function markReevaluationPending(db: Db, target: ReevalTarget): void {
  const cur = readPending(db)?.target ?? {};
  const merged: ReevalTarget = cur.all || target.all ? { all: true } : { vendors: [...new Set([...(cur.vendors ?? []), ...(target.vendors ?? [])])].sort() };
  prep(db, "insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value").run(KEY, JSON.stringify(merged));
}

/** Ids of the endpoints a change to `target` can affect, ascending. */
export function affectedEndpointIds(db: Db, target: ReevalTarget): number[] {
  if (target.all) return (prep(db, "select id from endpoints order by id").raw(true).all() as [number][]).map((r) => r[0]);
  const vendors = target.vendors ?? [];
  if (!vendors.length) return [];
  const ids = new Set<number>();
  const inList = vendors.map(() => "?").join(",");
  const software = (db.$client.prepare(`select id from software where vendor in (${inList})`).raw(true).all(...vendors) as [number][]).map((r) => r[0]);
  if (software.length) {
    const byObs = db.$client.prepare(`select distinct endpoint_id from observations where software_id in (${software.join(",")}) and removed_at is null`).raw(true);
    for (const [eid] of byObs.iterate() as Iterable<[number]>) ids.add(eid);
  }
  const byFinding = db.$client.prepare(`select endpoint_id from findings where status in ('open', 'excepted', 'withdrawn') and vendor in (${inList})`).raw(true);
  for (const [eid] of byFinding.iterate(...vendors) as Iterable<[number]>) ids.add(eid);
  return [...ids].sort((a, b) => a - b);
}

function finish(db: Db, raw: string): void {
  db.$client.transaction(() => {
    const cur = readPending(db);
    if (cur && cur.raw === raw) prep(db, "delete from settings where key = 'reevaluation_pending'").run();
  }).immediate();
}

/** Re-evaluates these endpoints now, in chunks, synchronously. */
export function reevaluateIds(db: Db, ids: number[], now?: number): ReevalStats {
  const started = Date.now();
  const stats: ReevalStats = { endpoints: 0, changed: 0, ms: 0 };
  const sorted = [...ids].sort((a, b) => a - b);
  withBulkCache(db, () => {
    for (let i = 0; i < sorted.length; i += CHUNK) {
      const r = evaluateStoredEndpoints(db, sorted.slice(i, i + CHUNK), now ?? Date.now());
      stats.endpoints += r.evaluated;
      stats.changed += r.changed;
    }
  });
  stats.ms = Date.now() - started;
  return stats;
}

/** The same, yielding to the event loop between chunks so the server keeps answering. */
export async function reevaluateIdsAsync(db: Db, ids: number[]): Promise<ReevalStats> {
  const started = Date.now();
  const stats: ReevalStats = { endpoints: 0, changed: 0, ms: 0 };
  const sorted = [...ids].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += ASYNC_CHUNK) {
    const r = withBulkCache(db, () => evaluateStoredEndpoints(db, sorted.slice(i, i + ASYNC_CHUNK), Date.now()));
    stats.endpoints += r.evaluated;
    stats.changed += r.changed;
    await new Promise((resolve) => setImmediate(resolve));
  }
  stats.ms = Date.now() - started;
  return stats;
}

/** Clears the pending marker if it still holds `raw` (nothing was added meanwhile). */
export function clearPendingIf(db: Db, raw: string): void {
  finish(db, raw);
}

/** Does all pending re-evaluation now, synchronously (CLI, tests, bulk seeding). */
export function runPendingReevaluation(db: Db, now?: number): ReevalStats {
  const started = Date.now();
  const stats: ReevalStats = { endpoints: 0, changed: 0, ms: 0 };
  if (!readPending(db)) return stats;
  const unmap = mapWholeFile(db);
  try {
    for (let pending = readPending(db); pending; pending = readPending(db)) {
      const r = reevaluateIds(db, affectedEndpointIds(db, pending.target), now);
      stats.endpoints += r.endpoints;
      stats.changed += r.changed;
      finish(db, pending.raw);
    }
  } finally {
    unmap();
  }
  stats.ms = Date.now() - started;
  return stats;
}

const running = new WeakMap<object, Promise<ReevalStats>>();

/** Pending re-evaluation, yielding between chunks (the server's maintenance loop). */
export function runPendingReevaluationAsync(db: Db): Promise<ReevalStats> {
  const cur = running.get(db.$client);
  // A run in progress picks up work marked after it started (it loops until nothing is pending).
  if (cur) return cur.then(() => runPendingReevaluationAsync(db));
  const p = (async () => {
    // Yield first: otherwise, with nothing pending, the body (and its `finally`) runs before
    // `running.set` below, leaving a settled promise in `running` that the next call chains on
    // forever (an unbounded promise loop that exhausts the heap a minute after server start).
    await null;
    const started = Date.now();
    const stats: ReevalStats = { endpoints: 0, changed: 0, ms: 0 };
    const unmap = readPending(db) ? mapWholeFile(db) : () => {};
    try {
      for (let pending = readPending(db); pending; pending = readPending(db)) {
        const r = await reevaluateIdsAsync(db, affectedEndpointIds(db, pending.target));
        stats.endpoints += r.endpoints;
        stats.changed += r.changed;
        finish(db, pending.raw);
      }
    } finally {
      unmap();
      running.delete(db.$client);
    }
    stats.ms = Date.now() - started;
    return stats;
  })();
  running.set(db.$client, p);
  return p;
}
