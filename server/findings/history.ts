// Daily history (agency_daily) summed over a set of agencies, one point per UTC day. A day
// without a row for an agency carries that agency's previous levels forward; flows (removals,
// reinstalls, detections) only count on the days they happened.
import "server-only";
import type { Db } from "../db/client";
import { LEVEL_FIELDS } from "../db/schema";
import { addDays } from "../lib/time";
import { agencyIdsInOrder, type DailyPoint, type DailyRow, dailyDifferences, dailyFlowsByAgency, dailyRowBefore, firstDailyDay } from "./store-history";

export const LEVEL_KEYS = LEVEL_FIELDS;
export const FLOW_KEYS = ["removals", "reinstalls", "detections"] as const;

type Level = (typeof LEVEL_KEYS)[number];
type Flow = (typeof FLOW_KEYS)[number];
export type { DailyPoint, DailyRow } from "./store-history";

/** Pure: totals per day from each agency's last row before `fromDay` and its rows in the range. */
export function carryForward(baselines: DailyRow[], rows: DailyRow[], fromDay: string, toDay: string): DailyPoint[] {
  const current = new Map<number, DailyRow>();
  const level = Object.fromEntries(LEVEL_KEYS.map((k) => [k, 0])) as Record<Level, number>;
  for (const b of baselines) {
    current.set(b.agencyId, b);
    for (const k of LEVEL_KEYS) level[k] += b[k];
  }
  const byDay = new Map<string, DailyRow[]>();
  for (const r of rows) {
    if (r.day < fromDay || r.day > toDay) continue;
    const list = byDay.get(r.day) ?? [];
    list.push(r);
    byDay.set(r.day, list);
  }
  const out: DailyPoint[] = [];
  for (let day = fromDay, guard = 0; day <= toDay && guard < 4000; day = addDays(day, 1), guard++) {
    const flow = Object.fromEntries(FLOW_KEYS.map((k) => [k, 0])) as Record<Flow, number>;
    for (const r of byDay.get(day) ?? []) {
      const prev = current.get(r.agencyId);
      for (const k of LEVEL_KEYS) level[k] += r[k] - (prev ? prev[k] : 0);
      for (const k of FLOW_KEYS) flow[k] += r[k];
      current.set(r.agencyId, r);
    }
    out.push({ day, ...level, ...flow });
  }
  return out;
}

/** The series for the agencies `ids` (null: every agency) from `fromDay` to `toDay` inclusive.
 *  The per-day sums are computed in SQL from each agency's day-to-day differences (a window over
 *  the (agency_id, day) primary key), so only one row per day reaches JavaScript; each agency's
 *  last row before the range is one primary-key seek. Same result as carryForward(). */
export function dailySeries(db: Db, ids: readonly number[] | null, fromDay: string, toDay: string): DailyPoint[] {
  const agencyIds = ids ?? agencyIdsInOrder(db);
  const level = Object.fromEntries(LEVEL_KEYS.map((k) => [k, 0])) as Record<Level, number>;
  /** Per day: what each agency's first row in the range replaces (its baseline). */
  const replaced = new Map<string, Record<Level, number>>();
  for (const id of agencyIds) {
    const b = dailyRowBefore(db, id, fromDay);
    if (!b) continue;
    for (const k of LEVEL_KEYS) level[k] += b[k];
    const first = firstDailyDay(db, id, fromDay, toDay);
    if (first) {
      const r = replaced.get(first) ?? (Object.fromEntries(LEVEL_KEYS.map((k) => [k, 0])) as Record<Level, number>);
      for (const k of LEVEL_KEYS) r[k] += b[k];
      replaced.set(first, r);
    }
  }
  const deltas = dailyDifferences(db, ids, fromDay, toDay);
  const byDay = new Map(deltas.map((d) => [d.day, d]));
  const out: DailyPoint[] = [];
  for (let day = fromDay, guard = 0; day <= toDay && guard < 4000; day = addDays(day, 1), guard++) {
    const d = byDay.get(day);
    const r = replaced.get(day);
    for (const k of LEVEL_KEYS) level[k] += (d ? d[k] : 0) - (r ? r[k] : 0);
    out.push({ day, ...level, removals: d?.removals ?? 0, reinstalls: d?.reinstalls ?? 0, detections: d?.detections ?? 0 });
  }
  return out;
}

/** Removals and reinstalls per agency (own endpoints) over the days [fromDay, toDay]. */
export function flowsByAgency(db: Db, ids: readonly number[] | null, fromDay: string, toDay: string): Map<number, { removals: number; reinstalls: number; detections: number }> {
  return new Map(dailyFlowsByAgency(db, ids, fromDay, toDay).map((r) => [r.agencyId, r]));
}
