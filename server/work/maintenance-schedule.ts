// The server's maintenance loop: every minute (and soon after start) a maintenance pass
// (maintenance/run.ts) on the work thread, so its writes never wait for the write lock on the
// event loop, then the agency watch (notifications when a status, deadline or stale share crosses
// a line). With several app nodes on one database (issue 15) one node at a time does that: the
// one holding the "maintenance" lease (work/lease.ts), claimed before each pass and renewed every
// interval while a pass runs; it lasts LEASE_INTERVALS intervals, so when its node is killed
// another takes over within that time, and a node that stops releases it. Every node, holder or
// not, prunes its own in-memory rate limits (ingest engine) and its own upload leftovers here.
//
// The claim and the agency watch, the loop's writes on the event loop (the release at shutdown
// aside), never wait for the write lock (db/sql.ts withoutAnyLockWait): while the work thread
// holds it for a re-evaluation chunk or an import's transaction, a claim that waited in SQLite's
// busy handler held every request of the node that long (measured: 350-400 ms each minute during
// a re-evaluation at 1,000,000 endpoints). A claim that finds the lock taken is tried again
// LOCKED_RETRY_MS later; a watch that finds it taken is left to the next pass (it compares
// states, so nothing is missed).
import type { Db } from "../db/client";
import { getIngestEngine } from "../ingest/engine";
import { cleanUploadDir } from "../import/upload";
import { isBusy, isStorageError, withoutAnyLockWait } from "../db/sql";
import { log } from "../ops/log";
import { watchAgencies } from "../notify/watch";
import { createLease, type Lease } from "./lease";
import { runWork } from "./run";

export const MAINTENANCE_LEASE = "maintenance";
/** How many intervals the lease lasts unrenewed: how long a killed holder keeps the others waiting. */
export const LEASE_INTERVALS = 3;

export type MaintenanceOptions = {
  intervalMs?: number;
  /** How long a claim holds the lease (default LEASE_INTERVALS intervals). */
  leaseMs?: number;
  /** The lease's clock (tests); the pass itself runs at the real time. */
  clock?: () => number;
  /** This node's name as the lease's holder (default ops/node.ts nodeId()). */
  holder?: string;
};

/** How soon a tick that found the write lock taken is tried again. */
export const LOCKED_RETRY_MS = 1000;

/** What a tick did: ran the pass, skipped it (another node holds the lease), found the last one
 *  still running, or could not claim the lease because another connection held the write lock. */
export type TickOutcome = "ran" | "skipped" | "busy" | "locked" | "failed" | "stopped";

export type Maintenance = {
  lease: Lease;
  tick: () => Promise<TickOutcome>;
  /** No more passes; the lease is released at once, or when the pass under way ends (the promise). */
  stop: () => Promise<void>;
};

function storageTrouble(err: unknown, what: string): void {
  if (isStorageError(err)) log.warn({ code: (err as { code?: string }).code }, `${what}: storage error; will retry`);
  else log.error({ err }, `${what} failed`);
}

/** The loop's steps without its timers: `tick()` is one turn (tests call it; startMaintenance on a timer). */
export function createMaintenance(db: Db, opts: MaintenanceOptions = {}): Maintenance {
  const intervalMs = opts.intervalMs ?? 60_000;
  const clock = opts.clock ?? Date.now;
  const lease = createLease(db, MAINTENANCE_LEASE, opts.leaseMs ?? LEASE_INTERVALS * intervalMs, opts.holder);
  let running: Promise<unknown> | null = null;
  let stopped = false;
  /** Whether this node holds the lease; null when the write lock was taken (not tried). */
  const claim = (): boolean | null => {
    try {
      return withoutAnyLockWait(db, () => lease.claim(clock()));
    } catch (err) {
      if (isBusy(err)) return null;
      storageTrouble(err, "maintenance lease");
      return false;
    }
  };
  const watch = (): void => {
    try {
      withoutAnyLockWait(db, () => watchAgencies(db, Date.now()));
    } catch (err) {
      if (!isBusy(err)) throw err;
      log.info({ node: lease.holder }, "agency watch: the write lock is taken; the next pass looks again");
    }
  };
  const tick = async (): Promise<TickOutcome> => {
    if (stopped) return "stopped";
    // This node's own state, whoever holds the lease.
    getIngestEngine(db).prune(Date.now());
    cleanUploadDir(Date.now());
    if (running) {
      // The pass is still running: renew, so that no other node starts one meanwhile.
      const held = claim();
      if (held === null) return "locked";
      if (!held) log.warn({ node: lease.holder }, "maintenance: the lease lapsed during a pass; another node may run one too");
      return "busy";
    }
    const held = claim();
    if (held === null) return "locked";
    if (!held) return "skipped";
    const pass = (async (): Promise<TickOutcome> => {
      try {
        await runWork(db, "maintenance", {});
        if (!stopped) watch();
        return "ran";
      } catch (err) {
        storageTrouble(err, "maintenance");
        return "failed";
      } finally {
        running = null;
        if (stopped) lease.release();
      }
    })();
    running = pass;
    return pass;
  };
  return {
    lease,
    tick,
    stop: async () => {
      stopped = true;
      // A pass under way releases the lease when it ends (at shutdown the work thread stops it
      // between chunks); the server does not wait for that here.
      if (running) await running;
      else lease.release();
    },
  };
}

export function startMaintenance(db: Db, opts: MaintenanceOptions = {}): () => void {
  const m = createMaintenance(db, opts);
  let retry: NodeJS.Timeout | null = null;
  const run = () => {
    if (retry) clearTimeout(retry);
    retry = null;
    void m.tick().then((outcome) => {
      // The lock was taken: soon again rather than at the next interval.
      if (outcome === "locked") (retry = setTimeout(run, LOCKED_RETRY_MS)).unref();
    });
  };
  const first = setTimeout(run, 2_000);
  const timer = setInterval(run, opts.intervalMs ?? 60_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
    if (retry) clearTimeout(retry);
    void m.stop();
  };
}
