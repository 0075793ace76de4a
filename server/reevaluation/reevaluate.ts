// Re-evaluation of the fleet after the active policy set or the catalog changed. The work to do is
// recorded in settings ("reevaluation_pending") in the same transaction as the change, then done in
// chunks of endpoints, one transaction each (check-ins keep flowing in between when run async).
// A crash part-way leaves the marker in place and the next start (maintenance) finishes the job;
// evaluating an endpoint twice is harmless.
//
// Only endpoints that can be affected are visited: for a policy change, those with a present
// observation of the policy's vendors or a finding of them; for a change of the local catalog
// overlay, those with a present observation of the re-matched software rows; for a new catalog
// release, every endpoint.
import { config } from "../config";
import { type Db, inTransaction, mapWholeFile } from "../db/client";
import { betweenChunks } from "../db/write-turn";
import { evaluateStoredEndpoints } from "../findings/stored";
import { softwareRegistry } from "../catalog/software";
import { log } from "../ops/log";
import { incCounter } from "../ops/thread-counters";
import { clearProgress, writeProgress } from "./progress";
import { allEndpointIds, endpointsObserving, endpointsWithLiveFindingsOf, softwareIdsOfVendors } from "../policy/store-reach";
import { deletePendingMarker, pageCacheSize, pendingMarker, setPageCacheSize, writePendingMarker } from "./store";

export type ReevalTarget = { all?: boolean; vendors?: string[]; softwareIds?: number[] };
export type ReevalStats = { endpoints: number; changed: number; ms: number; chunks?: number; interrupted?: boolean };

/**
 * Endpoints per transaction. State changes rewrite randomly placed index entries (agency/state/
 * hostname, state/last report): small transactions rewrite the same index pages over and over
 * (each commit writes every page it dirtied), so chunks are large and run with a larger page
 * cache. Synchronously (CLI, tests) 100k endpoints per transaction. In the server a chunk holds
 * the write lock (and, on the main thread, the event loop), so its size is adapted to take about
 * MUSTER_REEVAL_CHUNK_MS each (config.ts; between 1,000 and ASYNC_CHUNK endpoints), pausing in
 * between: check-ins (which wait for the lock without blocking) then wait at most about that long.
 */
const CHUNK = config.reevalChunks.sync;
const ASYNC_CHUNK = config.reevalChunks.async;
/** Below this a chunk's fixed costs (its reads, the waivers in force) dominate its work. */
const MIN_ASYNC_CHUNK = 1000;
const CHUNK_PAUSE_MS = 10;
const SLOW_CHUNK_MS = 1000;
const BULK_CACHE_KIB = 512 * 1024;

/** Sets a bigger page cache (a chunk's dirty pages stay in memory until its commit); returns the undo. */
function bulkCache(db: Db): () => void {
  const before = pageCacheSize(db);
  const bigger = before < 0 ? Math.min(before, -BULK_CACHE_KIB) : -BULK_CACHE_KIB;
  setPageCacheSize(db, bigger);
  return () => {
    if (db.$client.open) setPageCacheSize(db, before);
  };
}

function withBulkCache<T>(db: Db, fn: () => T): T {
  const restore = bulkCache(db);
  try {
    return fn();
  } finally {
    restore();
  }
}

export function readPending(db: Db): { raw: string; target: ReevalTarget } | null {
  const raw = pendingMarker(db);
  if (raw === undefined) return null;
  try {
    return { raw, target: JSON.parse(raw) as ReevalTarget };
  } catch {
    return { raw, target: { all: true } };
  }
}

/** Records work to do; merges with what is already pending. Call inside the change's transaction. */
export function markReevaluationPending(db: Db, target: ReevalTarget): void {
  const cur = readPending(db)?.target ?? {};
  const union = <T>(a: T[] = [], b: T[] = []) => [...new Set([...a, ...b])].sort();
  const softwareIds = union(cur.softwareIds, target.softwareIds).sort((a, b) => a - b);
  const merged: ReevalTarget = cur.all || target.all ? { all: true } : { vendors: union(cur.vendors, target.vendors), ...(softwareIds.length ? { softwareIds } : {}) };
  writePendingMarker(db, JSON.stringify(merged));
}

/** Ids of the endpoints a change to `target` can affect, ascending. */
export function affectedEndpointIds(db: Db, target: ReevalTarget): number[] {
  if (target.all) return allEndpointIds(db);
  const vendors = target.vendors ?? [];
  const ids = new Set<number>();
  const byRows = (target.softwareIds ?? []).filter((id) => Number.isSafeInteger(id));
  if (byRows.length) for (const eid of endpointsObserving(db, byRows)) ids.add(eid);
  if (!vendors.length) return [...ids].sort((a, b) => a - b);
  const software = softwareIdsOfVendors(db, vendors);
  if (software.length) for (const eid of endpointsObserving(db, software)) ids.add(eid);
  for (const eid of endpointsWithLiveFindingsOf(db, vendors)) ids.add(eid);
  return [...ids].sort((a, b) => a - b);
}

function finish(db: Db, raw: string): void {
  db.$client
    .transaction(() => {
      const cur = readPending(db);
      if (cur && cur.raw === raw) {
        deletePendingMarker(db);
        clearProgress(db);
      }
    })
    .immediate();
}

/** Re-evaluates these endpoints now, in chunks, synchronously. */
export function reevaluateIds(db: Db, ids: number[], now?: number): ReevalStats {
  const started = Date.now();
  const stats: ReevalStats = { endpoints: 0, changed: 0, ms: 0 };
  const sorted = [...ids].sort((a, b) => a - b);
  withBulkCache(db, () => {
    for (let i = 0; i < sorted.length; i += CHUNK) {
      const r = evaluateStoredEndpoints(db, sorted.slice(i, i + CHUNK), now ?? Date.now());
      incCounter("reevaluatedEndpoints", r.evaluated);
      stats.endpoints += r.evaluated;
      stats.changed += r.changed;
    }
  });
  stats.ms = Date.now() - started;
  return stats;
}

/** The next chunk size: about MUSTER_REEVAL_CHUNK_MS of work at the pace of the last chunk. */
export function nextChunkSize(size: number, ms: number, targetMs = config.reevalChunkMs, max = ASYNC_CHUNK): number {
  const fit = Math.round((size * targetMs) / Math.max(ms, 1));
  return Math.max(Math.min(MIN_ASYNC_CHUNK, max), Math.min(max, Math.round((size + fit) / 2), size * 4));
}

/**
 * The same, in short transactions (about MUSTER_REEVAL_CHUNK_MS each), yielding to the event loop between them
 * so other writers get the lock and the thread keeps answering. Stops between chunks once
 * `signal` is aborted (shutdown): the pending marker then stays for the next start.
 */
export async function reevaluateIdsAsync(db: Db, ids: number[], signal?: AbortSignal): Promise<ReevalStats> {
  inProgress.set(db.$client, (inProgress.get(db.$client) ?? 0) + 1);
  try {
    return await reevaluateChunked(db, ids, signal);
  } finally {
    inProgress.set(db.$client, inProgress.get(db.$client)! - 1);
  }
}

/** Re-evaluations under way per connection. */
const inProgress = new WeakMap<object, number>();

/** Whether a re-evaluation is under way on this connection (a policy change, or pending work). */
export function isReevaluating(db: Db): boolean {
  return (inProgress.get(db.$client) ?? 0) > 0;
}

function evaluateChunk(db: Db, ids: number[], also: () => void): ReturnType<typeof evaluateStoredEndpoints> {
  try {
    return inTransaction(db, () => {
      const r = evaluateStoredEndpoints(db, ids, Date.now());
      also();
      return r;
    });
  } catch (err) {
    softwareRegistry(db).clear(); // the rollback may have dropped software rows the cache holds
    throw err;
  }
}

async function reevaluateChunked(db: Db, ids: number[], signal?: AbortSignal): Promise<ReevalStats> {
  const started = Date.now();
  const stats: ReevalStats = { endpoints: 0, changed: 0, ms: 0, chunks: 0 };
  const sorted = [...ids].sort((a, b) => a - b);
  let size = Math.min(MIN_ASYNC_CHUNK, ASYNC_CHUNK);
  // The larger page cache for the whole run: chunks are small, and shrinking the cache between
  // them would drop the pages the next chunk reads again.
  const restore = bulkCache(db);
  try {
    for (let i = 0; i < sorted.length; ) {
      if (signal?.aborted) {
        stats.interrupted = true;
        break;
      }
      const chunk = sorted.slice(i, i + size);
      const t0 = performance.now();
      const done = i + chunk.length;
      // The chunk and how far the pass has got, in one transaction (the Policies page shows it).
      const r = evaluateChunk(db, chunk, () => writeProgress(db, { done, total: sorted.length, startedAt: started, updatedAt: Date.now() }));
      const took = performance.now() - t0;
      // Check-ins wait for the write lock this long (they give up after 5 s).
      if (took >= SLOW_CHUNK_MS) log.warn({ endpoints: chunk.length, ms: Math.round(took) }, "re-evaluation: slow chunk held the write lock");
      size = nextChunkSize(chunk.length, took);
      i = done;
      stats.endpoints += r.evaluated;
      stats.changed += r.changed;
      stats.chunks!++;
      incCounter("reevaluatedEndpoints", r.evaluated);
      // Check-ins get the write lock in between; when they are waiting for it, the next chunk
      // waits until they have had it (db/write-turn.ts).
      await betweenChunks(CHUNK_PAUSE_MS);
    }
  } finally {
    restore();
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
export function runPendingReevaluationAsync(db: Db, signal?: AbortSignal): Promise<ReevalStats> {
  const cur = running.get(db.$client);
  // A run in progress picks up work marked after it started (it loops until nothing is pending).
  const again = () => runPendingReevaluationAsync(db, signal);
  if (cur) return cur.then(again, again);
  let p: Promise<ReevalStats> | undefined;
  p = (async () => {
    // Yield first: otherwise, with nothing pending, the body (and its `finally`) runs before
    // `running.set` below, leaving a settled promise in `running` that the next call chains on
    // forever (an unbounded promise loop that exhausts the heap a minute after server start).
    await null;
    const started = Date.now();
    const stats: ReevalStats = { endpoints: 0, changed: 0, ms: 0 };
    const unmap = readPending(db) ? mapWholeFile(db) : () => {};
    try {
      for (let pending = readPending(db); pending && !signal?.aborted; pending = readPending(db)) {
        const r = await reevaluateIdsAsync(db, affectedEndpointIds(db, pending.target), signal);
        stats.endpoints += r.endpoints;
        stats.changed += r.changed;
        if (r.interrupted) {
          stats.interrupted = true;
          break;
        }
        finish(db, pending.raw);
      }
    } finally {
      unmap();
      if (running.get(db.$client) === p) running.delete(db.$client);
    }
    stats.ms = Date.now() - started;
    return stats;
  })();
  running.set(db.$client, p);
  return p;
}

/**
 * Runs a re-evaluation in the background (a policy change is answered once committed, not after
 * minutes of re-evaluation): pending runs asked for meanwhile (the maintenance loop, tests) wait for
 * it, then do whatever is still pending. A failure is logged; the marker stays for the next pass.
 */
export function reevaluateInBackground(db: Db, run: () => Promise<ReevalStats>): void {
  const cur = running.get(db.$client);
  const p: Promise<ReevalStats> = (cur ? cur.then(run, run) : run())
    .catch((err: unknown) => {
      log.error({ err }, "re-evaluation failed; the maintenance loop tries again");
      return { endpoints: 0, changed: 0, ms: 0 };
    })
    .finally(() => {
      if (running.get(db.$client) === p) running.delete(db.$client);
    });
  running.set(db.$client, p);
}
