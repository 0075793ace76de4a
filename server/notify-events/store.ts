// Data access for writing notification events (notify_events): counters merged until dispatched,
// one-off events written at most once, the facts a waiver or report event carries. What a dispatch
// pass reads and stamps is in notify/store-events.ts.
import type { Db } from "../db/client";
import type { NotifyEvent } from "../db/schema";
import { prep } from "../db/sql";

// Columns qualified (PostgreSQL finds a bare `count` ambiguous beside `excluded`); the earlier and
// later instant as `case` (SQLite's scalar min/max are PostgreSQL's least/greatest).
const MERGE = `insert into notify_events (kind, agency_id, at, last_at, count, merge_key) values (?, ?, ?, ?, ?, ?)
  on conflict (merge_key) where dispatched_at is null do update set count = notify_events.count + excluded.count,
    at = case when excluded.at < notify_events.at then excluded.at else notify_events.at end,
    last_at = case when excluded.last_at > notify_events.last_at then excluded.last_at else notify_events.last_at end`;

/** Adds `count` to the undispatched counter row of `mergeKey` (or opens it at `at`). */
export function mergeCounterEvent(db: Db, kind: NotifyEvent, agencyId: number, count: number, at: number, mergeKey: string): void {
  prep(db, MERGE).run(kind, agencyId, at, at, count, mergeKey);
}

export type NewEventRow = { kind: NotifyEvent; agencyId: number | null; at: number; data: string; onceKey: string | null };

/** Inserts an event; false when its `onceKey` was written before (nothing inserted). */
export function insertEventOnce(db: Db, e: NewEventRow): boolean {
  const r = prep(db, "insert into notify_events (kind, agency_id, at, last_at, data, once_key) values (?, ?, ?, ?, ?, ?) on conflict (once_key) do nothing").run(
    e.kind,
    e.agencyId,
    e.at,
    e.at,
    e.data,
    e.onceKey,
  );
  return r.changes > 0;
}

export type WaiverRequestedFacts = { agencyId: number; requesterId: number } & Record<string, unknown>;

/** What a waiver request's event tells: agency, requester, product, endpoint, justification, expiry. */
export function waiverRequestedFacts(db: Db, waiverId: number): WaiverRequestedFacts {
  return prep(
    db,
    `select w.agency_id as agencyId, w.requested_by as requesterId, u.email as requester, w.justification, w.expires_at as expiresAt,
       f.product, e.hostname, e.device_id as deviceId
     from waivers w join findings f on f.id = w.finding_id join endpoints e on e.id = w.endpoint_id join users u on u.id = w.requested_by where w.id = ?`,
  ).get(waiverId) as WaiverRequestedFacts;
}

export type ReportPublishedFacts = {
  agencyId: number | null;
  title: string;
  asOf: string;
  scopeName: string | null;
  scopeCode: string | null;
  sha256: string;
  publisherId: number;
  publisher: string;
};

/** What a report publication's event tells: scope, title, date, hash and publisher. */
export function reportPublishedFacts(db: Db, reportId: number): ReportPublishedFacts {
  return prep(
    db,
    `select r.scope_agency_id as agencyId, r.title, r.as_of as asOf, a.name as scopeName, a.code as scopeCode, r.sha256, r.published_by as publisherId, u.email as publisher
     from reports r join users u on u.id = r.published_by left join agencies a on a.id = r.scope_agency_id where r.id = ?`,
  ).get(reportId) as ReportPublishedFacts;
}

/** Stamps every undispatched event dispatched at `at`; the number stamped. */
export function markAllUndispatched(db: Db, at: number): number {
  return prep(db, "update notify_events set dispatched_at = ? where dispatched_at is null").run(at).changes;
}
