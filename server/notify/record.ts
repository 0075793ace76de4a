// Writing notification events, always inside the transaction of the change that causes them (the
// outbox pattern: the change and the event commit together or not at all). The check-in path only
// pays for one upsert per agency whose new findings or reinstalls changed in the batch: counts go
// into the agency's undispatched counter row, and the worker turns them into messages later.
import type { Db } from "../db/client";
import type { NotifyEvent } from "../db/schema";
import type { CounterDeltas } from "../findings/counters";
import { prep } from "../db/sql";
import { config } from "../config";

/** MUSTER_NOTIFY=off records no events (and the worker sends nothing). */
export function notifyEnabled(): boolean {
  return config.notify;
}

const MERGE = `insert into notify_events (kind, agency_id, at, last_at, count, merge_key) values (?, ?, ?, ?, ?, ?)
  on conflict (merge_key) where dispatched_at is null do update set count = count + excluded.count, at = min(at, excluded.at), last_at = max(last_at, excluded.last_at)`;

/** Adds `count` occurrences to the agency's open counter of `kind` (aggregated until dispatched). */
export function addToCounter(db: Db, kind: NotifyEvent, agencyId: number, count: number, now = Date.now()): void {
  prep(db, MERGE).run(kind, agencyId, now, now, count, `${kind}:${agencyId}`);
}

/** Time spent in the check-in path's hook (benchmarks read it). */
export const hookStats = { calls: 0, upserts: 0, ms: 0 };

/** The counters hook: new findings and reinstalls of one transaction's counter deltas. */
export function recordCounterEvents(db: Db, deltas: CounterDeltas): void {
  if (!notifyEnabled()) return;
  const t0 = performance.now();
  for (const { agencyId, at, delta } of deltas.byKey.values()) {
    if (delta.detections > 0) {
      addToCounter(db, "finding.new", agencyId, delta.detections, at);
      hookStats.upserts++;
    }
    if (delta.reinstalls > 0) {
      addToCounter(db, "finding.reinstalled", agencyId, delta.reinstalls, at);
      hookStats.upserts++;
    }
  }
  hookStats.calls++;
  hookStats.ms += performance.now() - t0;
}

/** A one-off event; with `onceKey`, written at most once ever (reminders that must not repeat). */
export function recordEvent(db: Db, e: { kind: NotifyEvent; agencyId: number | null; data: Record<string, unknown>; onceKey?: string }, now = Date.now()): boolean {
  if (!notifyEnabled()) return false;
  const r = prep(db, "insert into notify_events (kind, agency_id, at, last_at, data, once_key) values (?, ?, ?, ?, ?, ?) on conflict (once_key) do nothing").run(
    e.kind,
    e.agencyId,
    now,
    now,
    JSON.stringify(e.data),
    e.onceKey ?? null,
  );
  return r.changes > 0;
}

/** Hook of the waiver request (findings/waivers.ts), in its transaction. */
export function recordWaiverRequested(db: Db, waiverId: number, now = Date.now()): void {
  const w = prep(
    db,
    `select w.agency_id as agencyId, w.requested_by as requesterId, u.email as requester, w.justification, w.expires_at as expiresAt,
       f.product, e.hostname, e.device_id as deviceId
     from waivers w join findings f on f.id = w.finding_id join endpoints e on e.id = w.endpoint_id join users u on u.id = w.requested_by where w.id = ?`,
  ).get(waiverId) as { agencyId: number; requesterId: number } & Record<string, unknown>;
  recordEvent(db, { kind: "waiver.requested", agencyId: w.agencyId, data: { waiverId, ...w } }, now);
}

/** Hook of report publication (reports/publish.ts), in its transaction. */
export function recordReportPublished(db: Db, reportId: number, now = Date.now()): void {
  const r = prep(
    db,
    `select r.scope_agency_id as agencyId, r.title, r.as_of as asOf, a.name as scopeName, a.code as scopeCode, r.sha256, r.published_by as publisherId, u.email as publisher
     from reports r join users u on u.id = r.published_by left join agencies a on a.id = r.scope_agency_id where r.id = ?`,
  ).get(reportId) as { agencyId: number | null; title: string; asOf: string; scopeName: string | null; scopeCode: string | null; sha256: string; publisherId: number; publisher: string };
  recordEvent(db, { kind: "report.published", agencyId: r.agencyId, data: { reportId, ...r } }, now);
}

/** Marks every undispatched event dispatched without sending anything: for history replayed into
 *  a new deployment (the demo), which happened before anyone subscribed. */
export function closeReplayedEvents(db: Db, now: number): number {
  return prep(db, "update notify_events set dispatched_at = ? where dispatched_at is null").run(now).changes;
}
