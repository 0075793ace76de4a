// Writing notification events, always inside the transaction of the change that causes them (the
// outbox pattern: the change and the event commit together or not at all). The check-in path only
// pays for one upsert per agency whose new findings or reinstalls changed in the batch (the
// counters hook, findings/counters.ts): counts go into the agency's undispatched counter row, and
// the worker (notify/) turns them into messages later. Below findings, reports and notify, which
// all import it.
import type { Db } from "../db/client";
import type { NotifyEvent } from "../db/schema";
import { config } from "../config";
import { insertEventOnce, markAllUndispatched, mergeCounterEvent, reportPublishedFacts, waiverRequestedFacts } from "./store";

/** MUSTER_NOTIFY=off records no events (and the worker sends nothing). */
export function notifyEnabled(): boolean {
  return config.notify;
}

/** Adds `count` occurrences to the agency's open counter of `kind` (aggregated until dispatched). */
export function addToCounter(db: Db, kind: NotifyEvent, agencyId: number, count: number, now = Date.now()): void {
  mergeCounterEvent(db, kind, agencyId, count, now, `${kind}:${agencyId}`);
}

/** A one-off event; with `onceKey`, written at most once ever (reminders that must not repeat). */
export function recordEvent(db: Db, e: { kind: NotifyEvent; agencyId: number | null; data: Record<string, unknown>; onceKey?: string }, now = Date.now()): boolean {
  if (!notifyEnabled()) return false;
  return insertEventOnce(db, { kind: e.kind, agencyId: e.agencyId, at: now, data: JSON.stringify(e.data), onceKey: e.onceKey ?? null });
}

/** Hook of the waiver request (findings/waivers.ts), in its transaction. */
export function recordWaiverRequested(db: Db, waiverId: number, now = Date.now()): void {
  const w = waiverRequestedFacts(db, waiverId);
  recordEvent(db, { kind: "waiver.requested", agencyId: w.agencyId, data: { waiverId, ...w } }, now);
}

/** Hook of report publication (reports/publish.ts), in its transaction. */
export function recordReportPublished(db: Db, reportId: number, now = Date.now()): void {
  const r = reportPublishedFacts(db, reportId);
  recordEvent(db, { kind: "report.published", agencyId: r.agencyId, data: { reportId, ...r } }, now);
}

/** Marks every undispatched event dispatched without sending anything: for history replayed into
 *  a new deployment (the demo), which happened before anyone subscribed. */
export function closeReplayedEvents(db: Db, now: number): number {
  return markAllUndispatched(db, now);
}
