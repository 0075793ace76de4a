// Data access for the watched states (notify_agency_watch): the status and stale share each agency
// was last seen with, and the approved waivers that expire soon.
import type { Db } from "../db/client";
import { prep } from "../db/sql";

/** An agency's state as last seen; `staleAbove` 0 or 1. */
export type WatchedAgency = { agencyId: number; status: string; staleAbove: number };

export function agencyWatchStates(db: Db): WatchedAgency[] {
  return prep(db, "select agency_id as agencyId, status, stale_above as staleAbove from notify_agency_watch").all() as WatchedAgency[];
}

/** Records the state an agency is seen with now (inserted or replaced). */
export function saveAgencyWatch(db: Db, agencyId: number, status: string, staleAbove: 0 | 1, at: number): void {
  prep(
    db,
    `insert into notify_agency_watch (agency_id, status, stale_above, updated_at) values (?, ?, ?, ?)
       on conflict (agency_id) do update set status = excluded.status, stale_above = excluded.stale_above, updated_at = excluded.updated_at`,
  ).run(agencyId, status, staleAbove, at);
}

export type ExpiringWaiver = { waiverId: number; agencyId: number; expiresAt: number; product: string; hostname: string; deviceId: string };

/** Approved waivers expiring after `from` and at or before `to`, with product and endpoint. */
export function waiversExpiringBetween(db: Db, from: number, to: number): ExpiringWaiver[] {
  return prep(
    db,
    `select w.id as waiverId, w.agency_id as agencyId, w.expires_at as expiresAt, f.product, e.hostname, e.device_id as deviceId
       from waivers w join findings f on f.id = w.finding_id join endpoints e on e.id = w.endpoint_id
       where w.status = 'approved' and w.expires_at > ? and w.expires_at <= ?`,
  ).all(from, to) as ExpiringWaiver[];
}
