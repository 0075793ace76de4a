// The counter tables: agency_counts (live levels and totals per agency) and agency_daily (one row
// per agency and day), written by delta; and the counts a recomputation derives from endpoints and
// findings to check them. The scope sums the read pages show are in store-scope.ts.
import type { Db } from "../db/client";
import { agencyCounts, type EndpointState, type FindingStatus, LEVEL_FIELDS, type LevelField } from "../db/schema";
import { prep } from "../db/sql";
import { STALE_BANNED_SQL } from "./needs-action";

/** SQL column names of the levels, from the table definition (same names in agency_daily). */
export const LEVEL_COLUMNS: Record<LevelField, string> = Object.fromEntries(LEVEL_FIELDS.map((k) => [k, agencyCounts[k].name])) as Record<LevelField, string>;
const COUNT_COLS = LEVEL_FIELDS.map((k) => LEVEL_COLUMNS[k]).join(", ");
/** `col as camelName` for every level, for reading either counter table. */
export const LEVEL_SELECT = LEVEL_FIELDS.map((k) => (LEVEL_COLUMNS[k] === k ? k : `${LEVEL_COLUMNS[k]} as ${k}`)).join(", ");

/** One agency's row of agency_counts. */
export type AgencyCounters = Record<LevelField | "removalsTotal" | "reinstallsTotal", number>;
/** What one delta adds to an agency's counters (levels and flows). */
export type CounterChange = Record<LevelField | "removals" | "reinstalls" | "detections", number>;

// The texts are fixed by the schema: built once, so applying deltas allocates no SQL per call.
const COLS = LEVEL_FIELDS.map((k) => LEVEL_COLUMNS[k]);
const ADD_TO_COUNTS = `update agency_counts set ${COLS.map((c) => `${c} = ${c} + ?`).join(", ")},
       removals_total = removals_total + ?, reinstalls_total = reinstalls_total + ?
     where agency_id = ? returning ${COUNT_COLS}`;
const WRITE_DAILY = `insert into agency_daily (agency_id, day, ${COUNT_COLS}, removals, reinstalls, detections)
     values (?, ?, ${COLS.map(() => "?").join(", ")}, ?, ?, ?)
     on conflict (agency_id, day) do update set
       ${COLS.map((c) => `${c} = excluded.${c}`).join(", ")},
       removals = agency_daily.removals + excluded.removals, reinstalls = agency_daily.reinstalls + excluded.reinstalls,
       detections = agency_daily.detections + excluded.detections`;

/** Adds a change to an agency's live counters; its levels after the change (LEVEL_FIELDS order), or undefined without a row. */
export function addToAgencyCounts(db: Db, agencyId: number, d: CounterChange): number[] | undefined {
  return prep(db, ADD_TO_COUNTS)
    .raw(true)
    .get(...LEVEL_FIELDS.map((k) => d[k]), d.removals, d.reinstalls, agencyId) as number[] | undefined;
}

/** Creates an agency's (zero) agency_counts row if it has none. */
export function ensureAgencyCounts(db: Db, agencyId: number): void {
  prep(db, "insert into agency_counts (agency_id) values (?) on conflict do nothing").run(agencyId);
}

/** Writes a day's agency_daily row: the levels as they are now, the flows added to the day's. */
export function writeAgencyDaily(db: Db, agencyId: number, day: string, levels: number[], d: CounterChange): void {
  prep(db, WRITE_DAILY).run(agencyId, day, ...levels, d.removals, d.reinstalls, d.detections);
}

/** Every agency's row of agency_counts, by agency (PostgreSQL returns rows in no fixed order without one). */
export function agencyCountsRows(db: Db): (AgencyCounters & { agencyId: number })[] {
  return db.$client
    .prepare(`select agency_id as agencyId, ${LEVEL_SELECT}, removals_total as removalsTotal, reinstalls_total as reinstallsTotal from agency_counts order by agency_id`)
    .all() as (AgencyCounters & {
    agencyId: number;
  })[];
}

// Recomputation and checks (tests, CLI, the reliability suite): prepared uncached, run rarely.

export function everyAgencyId(db: Db): { id: number }[] {
  return db.$client.prepare("select id from agencies").all() as { id: number }[];
}

export function endpointsByState(db: Db): { a: number; s: EndpointState; n: number }[] {
  return db.$client.prepare("select agency_id as a, state as s, count(*) as n from endpoints group by agency_id, state").all() as { a: number; s: EndpointState; n: number }[];
}

/** Endpoints stale and last seen with an open finding, per agency (server/findings/needs-action.ts). */
export function staleBannedByAgency(db: Db): { a: number; n: number }[] {
  return db.$client.prepare(`select e.agency_id as a, count(*) as n from endpoints e where ${STALE_BANNED_SQL} group by e.agency_id`).all() as { a: number; n: number }[];
}

/** Findings per agency and status, with their reopen counts summed. */
export function findingsByStatus(db: Db): { a: number; s: FindingStatus; n: number; r: number }[] {
  return db.$client.prepare("select agency_id as a, status as s, count(*) as n, sum(reopen_count) as r from findings group by agency_id, status").all() as {
    a: number;
    s: FindingStatus;
    n: number;
    r: number;
  }[];
}

/** Each agency's latest agency_daily row (its levels). */
export function latestDailyLevels(db: Db): (Record<LevelField, number> & { agencyId: number })[] {
  return db.$client
    .prepare(
      `select d.agency_id as agencyId, ${LEVEL_SELECT}
       from agency_daily d where d.day = (select max(day) from agency_daily x where x.agency_id = d.agency_id)`,
    )
    .all() as (Record<LevelField, number> & { agencyId: number })[];
}

/** The daily flows summed over all days, per agency. */
export function dailyFlowTotals(db: Db): { agencyId: number; removals: number; reinstalls: number; detections: number }[] {
  return db.$client.prepare("select agency_id as agencyId, sum(removals) as removals, sum(reinstalls) as reinstalls, sum(detections) as detections from agency_daily group by agency_id").all() as {
    agencyId: number;
    removals: number;
    reinstalls: number;
    detections: number;
  }[];
}

/** Findings ever detected (every row, any status), per agency. */
export function findingsPerAgency(db: Db): { a: number; n: number }[] {
  return db.$client.prepare("select agency_id as a, count(*) as n from findings group by agency_id").all() as { a: number; n: number }[];
}

// The one-off stale_banned backfill (migration of older databases), marked done in settings.

export function staleBannedBackfilled(db: Db): boolean {
  return prep(db, "select 1 from settings where key = 'counters.stale_banned'").get() !== undefined;
}

/** Sets an agency's stale_banned in its live counters and its latest daily row. */
export function setStaleBanned(db: Db, agencyId: number, n: number): void {
  db.$client.prepare("update agency_counts set stale_banned = ? where agency_id = ?").run(n, agencyId);
  db.$client.prepare("update agency_daily set stale_banned = ? where agency_id = ? and day = (select max(day) from agency_daily where agency_id = ?)").run(n, agencyId, agencyId);
}

export function markStaleBannedBackfilled(db: Db, at: string): void {
  db.$client.prepare("insert into settings (key, value) values ('counters.stale_banned', ?)").run(at);
}

export type PresenceRow = { kind: string; slug: string; a: number; n: number };

/** The presence counts as kept (drizzle/0016's triggers). */
export function presenceCountRows(db: Db): PresenceRow[] {
  return prep(db, "select kind, slug, agency_id as a, endpoints as n from presence_counts where endpoints <> 0").all() as PresenceRow[];
}

/** The presence counts recomputed from the observations: endpoints per agency with a present
 *  observation of each vendor's and each product's software. */
export function presenceRecounted(db: Db): PresenceRow[] {
  const per = (col: "vendor" | "product") =>
    `select '${col}' as kind, x.slug, e.agency_id as a, count(*) as n
     from (select distinct s.${col} as slug, o.endpoint_id from observations o join software s on s.id = o.software_id
           where o.removed_at is null and s.${col} is not null) x join endpoints e on e.id = x.endpoint_id
     group by x.slug, e.agency_id`;
  return prep(db, `${per("vendor")} union all ${per("product")}`).all() as PresenceRow[];
}

/** The open findings per agency, product and version as kept (drizzle/0018's triggers), as
 *  PresenceRow (kind "open", slug "product@version"). */
export function openFindingCountRows(db: Db): PresenceRow[] {
  return prep(db, "select 'open' as kind, product || '@' || version as slug, agency_id as a, findings as n from open_finding_counts where findings <> 0").all() as PresenceRow[];
}

/** The same recounted from the findings. */
export function openFindingsRecounted(db: Db): PresenceRow[] {
  return prep(
    db,
    "select 'open' as kind, product || '@' || version as slug, agency_id as a, count(*) as n from findings where status = 'open' group by agency_id, product, version",
  ).all() as PresenceRow[];
}

/** Unrevoked endpoints per agency and agent version as kept (drizzle/0019's triggers), as
 *  PresenceRow (kind "agent", slug the version). */
export function agentVersionCountRows(db: Db): PresenceRow[] {
  return prep(db, "select 'agent' as kind, version as slug, agency_id as a, endpoints as n from agent_version_counts where endpoints <> 0").all() as PresenceRow[];
}

/** The same recounted from the endpoints. */
export function agentVersionsRecounted(db: Db): PresenceRow[] {
  return prep(db, "select 'agent' as kind, agent_version as slug, agency_id as a, count(*) as n from endpoints where revoked_at is null group by agency_id, agent_version").all() as PresenceRow[];
}
