// The live counters (agency_counts) as the read pages see them: summed over a scope's agencies,
// and each agency of a scope with its own row. One row per agency: cheap at any fleet size.
import type { Db } from "../db/client";
import { inIds } from "../db/read-sql";
import { LEVEL_FIELDS } from "../db/schema";
import { prep } from "../db/sql";
import { type AgencyCounters, LEVEL_COLUMNS, LEVEL_SELECT } from "./store-counters";

export const COUNTER_KEYS = [...LEVEL_FIELDS, "removalsTotal", "reinstallsTotal"] as const satisfies readonly (keyof AgencyCounters)[];

const COUNTER_COLUMNS: Record<keyof AgencyCounters, string> = { ...LEVEL_COLUMNS, removalsTotal: "removals_total", reinstallsTotal: "reinstalls_total" };

const SELECT_COUNTERS = `${LEVEL_SELECT}, removals_total as removalsTotal, reinstalls_total as reinstallsTotal`;

/** The counters summed over the agencies `ids` (null: every agency). */
export function sumAgencyCounts(db: Db, ids: readonly number[] | null): AgencyCounters {
  const sums = COUNTER_KEYS.map((k) => `coalesce(sum(${k}), 0) as ${k}`).join(", ");
  return prep(db, `select ${sums} from (select ${SELECT_COUNTERS} from agency_counts where ${inIds("agency_id", ids)}) as c`).get() as AgencyCounters;
}

/** An agency with its own counters (null where it has no agency_counts row yet). */
export type AgencyCountsRow = { id: number; code: string; name: string; parentId: number | null; depth: number; path: string; deadline: string | null } & {
  [K in keyof AgencyCounters]?: number | null;
};

/** The agencies `ids` (null: every agency) with their own counters, by path (parents before children). */
export function agencyCountsByPath(db: Db, ids: readonly number[] | null): AgencyCountsRow[] {
  return prep(
    db,
    `select a.id, a.code, a.name, a.parent_id as parentId, a.depth, a.path, a.deadline, ${COUNTER_KEYS.map((k) => `c.${COUNTER_COLUMNS[k]} as ${k}`).join(", ")}
     from agencies a left join agency_counts c on c.agency_id = a.id
     where ${inIds("a.id", ids)} order by a.path`,
  ).all() as AgencyCountsRow[];
}
