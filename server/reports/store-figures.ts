// What a report's figures are read from: an agency's end-of-day levels (agency_daily), where the
// burn-down starts, the endpoints left unprotected after a removal, and the stamp that tells a
// draft whether anything it counts has changed since it was built.
import "server-only";
import { type Db, isPostgres } from "../db/client";
import { inIds } from "../db/read-sql";
import { prep } from "../db/sql";
import { LEVEL_SELECT } from "../findings/store-counters";
import type { Figures } from "./types";

export type DailyLevels = Omit<Figures, "reporting">;

/** A reader of an agency's end-of-day levels on a day (its last agency_daily row on or before it). */
export function dailyLevelsReader(db: Db): (agencyId: number, day: string) => DailyLevels | undefined {
  const q = prep(db, `select ${LEVEL_SELECT} from agency_daily where agency_id = ? and day <= ? order by day desc limit 1`);
  return (agencyId, day) => q.get(agencyId, day) as DailyLevels | undefined;
}

/** The earliest effective date of the active banning policies, and the earliest day one took effect in Muster. */
export function bannedPolicyStart(db: Db): { d: string | null; inForce: string | null } {
  // The UTC day a policy was put in force: no spelling both engines share.
  const activatedDay = isPostgres(db) ? "to_char(to_timestamp(activated_at / 1000) at time zone 'UTC', 'YYYY-MM-DD')" : "date(activated_at / 1000, 'unixepoch')";
  const inForce = `coalesce(${activatedDay}, effective_date)`;
  return prep(
    db,
    `select min(effective_date) as d, min(case when ${inForce} > effective_date then ${inForce} else effective_date end) as inForce
     from policies where active = true and status = 'banned'`,
  ).get() as { d: string | null; inForce: string | null };
}

/** The first day of daily history of the agencies among `ids` (null: every agency). */
export function firstDailyDay(db: Db, ids: number[] | null): { d: string | null } {
  return prep(db, `select min(day) as d from agency_daily where ${inIds("agency_id", ids)}`).get() as { d: string | null };
}

/**
 * Unprotected endpoints with a resolved finding, per agency among `ids` (null: every agency). One
 * index probe per unprotected endpoint on either engine: `limit 1 offset 0` keeps PostgreSQL from
 * hashing every resolved finding of the deployment first (as needs-action's predicate does).
 */
export function unprotectedEndpointsAfterRemoval(db: Db, ids: number[] | null): { agencyId: number; n: number }[] {
  return prep(
    db,
    `select e.agency_id as agencyId, count(*) as n from endpoints e indexed by endpoints_state_last_report_idx
     where e.state = 'unprotected' and ${inIds("e.agency_id", ids)}
       and exists (select 1 from findings f where f.endpoint_id = e.id and f.status = 'resolved' limit 1 offset 0)
     group by e.agency_id`,
  ).all() as { agencyId: number; n: number }[];
}

/** The latest check-in time, endpoint event id and audit entry id (each one index or rowid lookup). */
export function latestChangeMarks(db: Db): { c: number | null; e: number | null; a: number | null } {
  return prep(db, "select (select max(received_at) from checkins) as c, (select max(id) from endpoint_events) as e, (select max(id) from audit_log) as a").get() as {
    c: number | null;
    e: number | null;
    a: number | null;
  };
}
