// What housekeeping reads and writes: endpoints gone quiet (to mark stale), endpoints whose
// waiver lapsed (to re-evaluate), and old check-ins (to archive, then delete).
import { type Db, isPostgres } from "../db/client";
import type { EndpointState } from "../db/schema";
import { prep } from "../db/sql";

/** Up to `limit` endpoints in `state` whose last report is before `cutoff`, as [id, agency id, state]. */
export function quietEndpoints(db: Db, state: EndpointState, cutoff: number, limit: number): [number, number, EndpointState][] {
  return prep(db, "select id, agency_id, state from endpoints where state = ? and last_report_at < ? limit ?").raw(true).all(state, cutoff, limit) as [number, number, EndpointState][];
}

export function markEndpointStale(db: Db, id: number, now: number): void {
  prep(db, "update endpoints set state = 'stale', state_changed_at = ? where id = ?").run(now, id);
}

/** Endpoints with a finding excepted by a waiver that is gone, no longer approved or expired at `now`. */
export function endpointsWithLapsedWaivers(db: Db, now: number): number[] {
  return (
    prep(
      db,
      `select distinct f.endpoint_id from findings f left join waivers w on w.id = f.waiver_id
       where f.status = 'excepted' and (w.id is null or w.status <> 'approved' or w.expires_at <= ?)`,
    )
      .raw(true)
      .all(now) as [number][]
  ).map((r) => r[0]);
}

/** A check-in as the archive keeps it, with its endpoint's id (its key, with enrollment and seq: to delete it once archived). */
export type ArchivedCheckin = { endpointId: number; deviceId: string; enrollment: number; seq: number; receivedAt: number; collectedAt: number; entries: number; changes: number };

/** The oldest check-ins received before `before`, at most `limit`. */
export function checkinsBefore(db: Db, before: number, limit: number): ArchivedCheckin[] {
  return prep(
    db,
    `select c.endpoint_id as endpointId, e.device_id as deviceId, c.enrollment, c.seq, c.received_at as receivedAt,
            c.collected_at as collectedAt, c.entries, c.changes
     from checkins c join endpoints e on e.id = c.endpoint_id
     where c.received_at < ? order by c.received_at limit ?`,
  ).all(before, limit) as ArchivedCheckin[];
}

// By primary key (PostgreSQL has no rowid), the keys as one JSON array of [endpoint, enrollment, seq]:
// each engine has its own function to read a JSON array as rows.
const DELETE_SQLITE = "delete from checkins where (endpoint_id, enrollment, seq) in (select value ->> 0, value ->> 1, value ->> 2 from json_each(?))";
const DELETE_PG = `delete from checkins where (endpoint_id, enrollment, seq) in
  (select (k ->> 0)::bigint, (k ->> 1)::integer, (k ->> 2)::bigint from json_array_elements(cast(? as json)) k)`;

export function deleteCheckins(db: Db, keys: readonly (readonly [endpointId: number, enrollment: number, seq: number])[]): void {
  prep(db, isPostgres(db) ? DELETE_PG : DELETE_SQLITE).run(JSON.stringify(keys));
}
