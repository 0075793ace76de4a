// Housekeeping, every minute from the server (and callable with any `now` for replays and tests):
// endpoints without a report for MUSTER_STALE_DAYS become stale, findings whose waiver expired
// reopen, check-in records older than the retention are pruned, and pending re-evaluation is
// finished. Counters and daily history change in the same transactions as the states.
import type { EndpointState } from "../db/schema";
import { type Db } from "../db/client";
import { config } from "../config";
import { DAY_MS } from "../lib/time";
import { applyDeltas, CounterDeltas } from "../findings/counters";
import { evaluateStoredEndpoints } from "../findings/stored";
import { getIngestEngine } from "../ingest/engine";
import { isStorageError, prep } from "../ingest/sql";
import { runPendingReevaluation, runPendingReevaluationAsync } from "../policy/reevaluate";

export const CHECKIN_RETENTION_DAYS = 400;
const CHUNK = 5000;
const REPORTING_STATES: EndpointState[] = ["banned", "remnants", "excepted", "unprotected", "clean"];

export type MaintenanceStats = { stale: number; waiversExpired: number; checkinsPruned: number; reevaluated: number };

/** Endpoints whose last report is older than the stale cutoff become stale (indexed range scans). */
export function markStale(db: Db, now: number, staleDays = config.staleDays): number {
  const cutoff = now - staleDays * DAY_MS;
  const select = prep(db, "select id, agency_id, state from endpoints where state = ? and last_report_at < ? limit ?").raw(true);
  const update = prep(db, "update endpoints set state = 'stale', state_changed_at = ? where id = ?");
  let total = 0;
  for (const state of REPORTING_STATES) {
    for (;;) {
      const n = db.$client
        .transaction(() => {
          const rows = select.all(state, cutoff, CHUNK) as [number, number, EndpointState][];
          const deltas = new CounterDeltas();
          for (const [id, agencyId, from] of rows) {
            update.run(now, id);
            deltas.state(agencyId, now, from, "stale");
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
  const ids = (
    prep(
      db,
      `select distinct f.endpoint_id from findings f left join waivers w on w.id = f.waiver_id
       where f.status = 'excepted' and (w.id is null or w.status <> 'approved' or w.expires_at <= ?)`,
    )
      .raw(true)
      .all(now) as [number][]
  ).map((r) => r[0]);
  for (let i = 0; i < ids.length; i += CHUNK) evaluateStoredEndpoints(db, ids.slice(i, i + CHUNK), now);
  return ids.length;
}

export function pruneCheckins(db: Db, now: number, retentionDays = CHECKIN_RETENTION_DAYS): number {
  const del = prep(
    db,
    "delete from checkins where (endpoint_id, seq) in (select endpoint_id, seq from checkins where received_at < ? limit 10000)",
  );
  let total = 0;
  for (;;) {
    const n = db.$client.transaction(() => del.run(now - retentionDays * DAY_MS).changes).immediate();
    total += n;
    if (n < 10000) return total;
  }
}

/** One maintenance pass, synchronously (pending re-evaluation included). */
export function runMaintenance(db: Db, now = Date.now(), opts: { staleDays?: number; retentionDays?: number } = {}): MaintenanceStats {
  const stale = markStale(db, now, opts.staleDays);
  const waiversExpired = expireWaivers(db, now);
  const checkinsPruned = pruneCheckins(db, now, opts.retentionDays);
  const reevaluated = runPendingReevaluation(db, now).endpoints;
  getIngestEngine(db).prune(now);
  return { stale, waiversExpired, checkinsPruned, reevaluated };
}

/** Runs maintenance every `intervalMs` (and soon after start); re-evaluation yields to requests. */
export function startMaintenance(db: Db, intervalMs = 60_000): () => void {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const now = Date.now();
      markStale(db, now);
      expireWaivers(db, now);
      pruneCheckins(db, now);
      getIngestEngine(db).prune(now);
      await runPendingReevaluationAsync(db);
    } catch (err) {
      if (isStorageError(err)) console.error(`maintenance: storage error (${(err as { code?: string }).code}); will retry`);
      else console.error("maintenance failed:", err);
    } finally {
      busy = false;
    }
  };
  const first = setTimeout(tick, 2_000);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
