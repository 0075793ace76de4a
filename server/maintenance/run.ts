// Housekeeping, every minute from the server (work/maintenance-schedule.ts; callable with any `now`
// for replays and tests): endpoints without a report for MUSTER_STALE_DAYS become stale, findings
// whose waiver expired reopen, check-in records older than the retention move to the archive beside
// the database (archive.ts: evidence is never deleted), pending re-evaluation is finished, an
// import whose process stopped while applying it is recorded as failed (with how far it got).
// Counters and daily history change in the same transactions as the states. With several app nodes
// the server's pass runs on one node at a time (work/maintenance-schedule.ts: a lease in the
// database); uploads a crash left behind are each node's own, removed by every node's loop.
import type { EndpointState } from "../db/schema";
import type { Db } from "../db/client";
import { config } from "../config";
import { DAY_MS } from "../lib/time";
import { applyDeltas, CounterDeltas } from "../findings/counters";
import { evaluateStoredEndpoints } from "../findings/stored";
import { archiveCheckins } from "./archive";
import { endpointsWithLapsedWaivers, markEndpointStale, quietEndpoints } from "./store";
import { failInterruptedImports } from "../import/service";
import { getIngestEngine } from "../ingest/engine";
import { watchAgencies } from "../notify/watch";
import { isReevaluating, readPending, type ReevalStats, runPendingReevaluation, runPendingReevaluationAsync } from "../reevaluation/reevaluate";

const CHUNK = 5000;
const REPORTING_STATES: EndpointState[] = ["banned", "remnants", "excepted", "unprotected", "clean"];

export type MaintenanceStats = { stale: number; waiversExpired: number; checkinsArchived: number; reevaluated: number };

/** Endpoints whose last report is older than the stale cutoff become stale (indexed range scans). */
export function markStale(db: Db, now: number, staleDays = config.staleDays): number {
  const cutoff = now - staleDays * DAY_MS;
  let total = 0;
  for (const state of REPORTING_STATES) {
    for (;;) {
      const n = db.$client
        .transaction(() => {
          const rows = quietEndpoints(db, state, cutoff, CHUNK);
          const deltas = new CounterDeltas();
          for (const [id, agencyId, from] of rows) {
            markEndpointStale(db, id, now);
            deltas.state(agencyId, now, from, "stale");
            // Banned and remnants endpoints have an open finding: they stay in "needs action".
            if (from === "banned" || from === "remnants") deltas.add(agencyId, now, "staleBanned", 1);
          }
          applyDeltas(db, deltas);
          return rows.length;
        })
        .immediate();
      total += n;
      if (n < CHUNK) break;
    }
  }
  return total;
}

/** Findings excepted by a waiver that expired (or is no longer approved) are re-evaluated: open again. */
export function expireWaivers(db: Db, now: number): number {
  const ids = endpointsWithLapsedWaivers(db, now);
  for (let i = 0; i < ids.length; i += CHUNK) evaluateStoredEndpoints(db, ids.slice(i, i + CHUNK), now);
  return ids.length;
}

/** One maintenance pass, synchronously (pending re-evaluation included). */
export function runMaintenance(db: Db, now = Date.now(), opts: { staleDays?: number; retentionDays?: number } = {}): MaintenanceStats {
  const stale = markStale(db, now, opts.staleDays);
  const waiversExpired = expireWaivers(db, now);
  const checkinsArchived = archiveCheckins(db, now, opts.retentionDays);
  const reevaluated = runPendingReevaluation(db, now).endpoints;
  failInterruptedImports(db, now);
  getIngestEngine(db).prune(now);
  watchAgencies(db, now); // notification events for states reached (status, stale, deadlines, waivers)
  return { stale, waiversExpired, checkinsArchived, reevaluated };
}

/**
 * One maintenance pass as the server runs it (on the work thread): the same steps, with pending
 * re-evaluation in short transactions; skipped while a policy change is re-evaluating (it finishes
 * the pending work itself).
 */
export async function maintenancePass(db: Db, signal?: AbortSignal): Promise<ReevalStats> {
  const now = Date.now();
  markStale(db, now);
  expireWaivers(db, now);
  archiveCheckins(db, now);
  failInterruptedImports(db, now);
  if (readPending(db) && !isReevaluating(db)) return runPendingReevaluationAsync(db, signal);
  return { endpoints: 0, changed: 0, ms: 0 };
}
