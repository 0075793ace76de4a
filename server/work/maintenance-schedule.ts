// The server's maintenance loop: every minute (and soon after start) a maintenance pass
// (maintenance/run.ts) on the work thread, so its writes never wait for the write lock on the
// event loop, then the agency watch (notifications when a status, deadline or stale share crosses
// a line). With several app nodes on one database (issue 15) one node at a time does that: the
// one holding the "maintenance" lease (work/lease.ts), claimed before each pass and renewed every
// interval while a pass runs; it lasts LEASE_INTERVALS intervals, so when its node is killed
// another takes over within that time, and a node that stops releases it. Every node, holder or
// not, prunes its own in-memory rate limits (ingest engine) and its own upload leftovers here.
import type { Db } from "../db/client";
import { getIngestEngine } from "../ingest/engine";
import { cleanUploadDir } from "../import/upload";
import { isStorageError } from "../db/sql";
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

/** What a tick did: ran the pass, skipped it (another node holds the lease), or found the last one still running. */
export type TickOutcome = "ran" | "skipped" | "busy" | "failed" | "stopped";

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
  const claim = (): boolean => {
    try {
      return lease.claim(clock());
    } catch (err) {
      storageTrouble(err, "maintenance lease");
      return false;
    }
  };
  const tick = async (): Promise<TickOutcome> => {
    if (stopped) return "stopped";
    // This node's own state, whoever holds the lease.
    getIngestEngine(db).prune(Date.now());
    cleanUploadDir(Date.now());
    if (running) {
      // The pass is still running: renew, so that no other node starts one meanwhile.
      if (!claim()) log.warn({ node: lease.holder }, "maintenance: the lease lapsed during a pass; another node may run one too");
      return "busy";
    }
    if (!claim()) return "skipped";
    const pass = (async (): Promise<TickOutcome> => {
      try {
        await runWork(db, "maintenance", {});
        if (!stopped) watchAgencies(db, Date.now());
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
  const run = () => void m.tick();
  const first = setTimeout(run, 2_000);
  const timer = setInterval(run, opts.intervalMs ?? 60_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
    void m.stop();
  };
}
