// The daily history (agency_daily) as the series read it: an agency's last row before a day, its
// first day in a range, the per-day sums of day-to-day differences, and the flows per agency.
import "server-only";
import type { Db } from "../db/client";
import { inIds } from "../db/read-sql";
import { agencyDaily, LEVEL_FIELDS, type LevelField } from "../db/schema";
import { prep } from "../db/sql";
import { LEVEL_SELECT } from "./store-counters";

type Flow = "removals" | "reinstalls" | "detections";
export type DailyRow = { agencyId: number; day: string } & Record<LevelField | Flow, number>;
export type DailyPoint = { day: string } & Record<LevelField | Flow, number>;
export type AgencyFlows = { agencyId: number; removals: number; reinstalls: number; detections: number };

const COLUMNS = `agency_id as agencyId, day, ${LEVEL_SELECT}, removals, reinstalls, detections`;

/** Column names of the levels in agency_daily, from the table's own definition. */
const SQL_NAMES = Object.fromEntries(LEVEL_FIELDS.map((k) => [k, agencyDaily[k].name])) as Record<LevelField, string>;

/** Every agency's id, in order. */
export function agencyIdsInOrder(db: Db): number[] {
  return (prep(db, "select id from agencies order by id").all() as { id: number }[]).map((r) => r.id);
}

/** An agency's last daily row before `day`, if any. */
export function dailyRowBefore(db: Db, agencyId: number, day: string): DailyRow | undefined {
  return prep(db, `select ${COLUMNS} from agency_daily where agency_id = ? and day < ? order by day desc limit 1`).get(agencyId, day) as DailyRow | undefined;
}

/** An agency's first day with a row in [fromDay, toDay], if any. */
export function firstDailyDay(db: Db, agencyId: number, fromDay: string, toDay: string): string | undefined {
  return prep(db, "select day from agency_daily where agency_id = ? and day >= ? and day <= ? order by day limit 1").pluck().get(agencyId, fromDay, toDay) as string | undefined;
}

/**
 * Per day in [fromDay, toDay]: the levels of the agencies `ids` (null: every agency) minus each
 * one's previous row in the range, and the day's flows. Only days with a row are returned.
 */
export function dailyDifferences(db: Db, ids: readonly number[] | null, fromDay: string, toDay: string): DailyPoint[] {
  // Each row minus the agency's previous row in the range: lag() finds the previous day, the
  // primary key fetches both rows (agency_daily is WITHOUT ROWID, clustered on (agency_id, day)).
  return prep(
    db,
    `select d.day, ${LEVEL_FIELDS.map((k) => `sum(d.${SQL_NAMES[k]} - coalesce(p.${SQL_NAMES[k]}, 0)) as ${k}`).join(", ")},
       sum(d.removals) as removals, sum(d.reinstalls) as reinstalls, sum(d.detections) as detections
     from (select agency_id as a, day as dd, lag(day) over (partition by agency_id order by day) as pd
           from agency_daily where ${inIds("agency_id", ids)} and day >= ? and day <= ?) x
     join agency_daily d on d.agency_id = x.a and d.day = x.dd
     left join agency_daily p on p.agency_id = x.a and p.day = x.pd
     group by d.day`,
  ).all(fromDay, toDay) as DailyPoint[];
}

/** The flows of the agencies `ids` (null: every agency) summed over [fromDay, toDay], per agency. */
export function dailyFlowsByAgency(db: Db, ids: readonly number[] | null, fromDay: string, toDay: string): AgencyFlows[] {
  return prep(
    db,
    `select agency_id as agencyId, sum(removals) as removals, sum(reinstalls) as reinstalls, sum(detections) as detections
     from agency_daily where ${inIds("agency_id", ids)} and day >= ? and day <= ? group by agency_id`,
  ).all(fromDay, toDay) as AgencyFlows[];
}
