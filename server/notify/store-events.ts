// Data access for reading notification events (notify_events): the due events a dispatch pass
// reads and stamps, a digest's events. They are written by notify-events/store.ts.
import type { Db } from "../db/client";
import { prep } from "../db/sql";
import type { StoredEvent } from "./describe";

type Raw = Omit<StoredEvent, "data"> & { data: string; mergeKey: string | null };

/** Events matching `where` (a condition on notify_events' columns, with its arguments), by id. */
function readEvents(db: Db, where: string, ...args: unknown[]): StoredEvent[] {
  const rows = prep(db, `select id, kind, agency_id as agencyId, at, last_at as lastAt, count, data, merge_key as mergeKey from notify_events where ${where} order by id`).all(...args) as Raw[];
  return rows.map(({ mergeKey: _m, ...r }) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
}

/** Events of [fromMs, toMs) (a digest's day or week). */
export function eventsBetween(db: Db, fromMs: number, toMs: number): StoredEvent[] {
  return readEvents(db, "at >= ? and at < ?", fromMs, toMs);
}

/**
 * Undispatched events that are due: one-off events at once; counters first seen at or before
 * `heldBefore`, or quiet since `quietBefore` (unless `holdQuiet`: then only the first rule applies).
 */
export function dueEvents(db: Db, heldBefore: number, quietBefore: number, holdQuiet: boolean): StoredEvent[] {
  return readEvents(db, `dispatched_at is null and (merge_key is null or at <= ? or (last_at <= ? and ?))`, heldBefore, quietBefore, holdQuiet ? 0 : 1);
}

/** Stamps these events dispatched at `at`. */
export function markEventsDispatched(db: Db, ids: number[], at: number): void {
  const mark = prep(db, "update notify_events set dispatched_at = ? where id = ?");
  for (const id of ids) mark.run(at, id);
}
