// The SQL of an Endpoints list filter (endpoints-filter.ts chooses the plan): the predicates on `e`
// a filter compiles to, the bounded counts that tell whether a filter can drive the query, the
// indexes that give a sort order, and the FROM clause (with its index) of each plan.
import type { Db } from "../db/client";
import { NEEDS_ACTION_SQL, STALE_BANNED_SQL } from "../findings/needs-action";
import { DAY_MS } from "../lib/time";
import { prep } from "../db/sql";
import { asciiLower, type Bounded, boundedCount, inIds, prefixUpper } from "../db/read-sql";

export type Driver = "counters" | "present" | "q" | "older" | "scan";

/** The filters the SQL depends on (endpoints-filter.ts EndpointFilters). */
export type EndpointPredicateFilters = {
  state?: string;
  needs?: string;
  os?: string;
  present?: string;
  olderThan?: number;
  q?: string;
  evidence?: string;
  sort: string;
};

/** The predicates on `e` and their parameters; `base` are those the counters answer (agency, state). */
export type EndpointPredicates = {
  where: string[];
  base: string[];
  params: Record<string, unknown>;
  /** The software rows of a "present" filter (null: no such filter; empty: nothing matches). */
  softwareIds: number[] | null;
};

/** What the FROM clause of a plan depends on. */
export type PlanSource = {
  driver: Driver;
  ids: readonly number[] | null;
  where: string[];
  softwareIds: readonly number[] | null;
  scanIndex: string;
  filters: { sort: string; state?: string; os?: string; olderThan?: number; q?: string; evidence?: string };
};

/** The predicates of the agencies `ids` (null: all) and the filters. Within "needs action" a state
 *  names one of its parts (the caller finds a state outside it empty). */
export function endpointPredicates(db: Db, ids: readonly number[] | null, filters: EndpointPredicateFilters, now: number): EndpointPredicates {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (ids !== null) where.push(inIds("e.agency_id", ids));
  if (filters.state) {
    where.push("e.state = @state");
    params.state = filters.state;
  }
  if (filters.needs) {
    if (filters.state === "stale") where.push(STALE_BANNED_SQL);
    else if (!filters.state) where.push(NEEDS_ACTION_SQL);
  }
  const base = [...where];
  if (filters.os) {
    where.push("e.os_platform = @os");
    params.os = filters.os;
  }
  if (filters.evidence) {
    where.push("e.evidence = @evidence");
    params.evidence = filters.evidence;
  }
  let softwareIds: number[] | null = null;
  if (filters.present) {
    const [kind, slug] = filters.present.split(":") as ["vendor" | "product", string];
    softwareIds = (prep(db, `select id from software where ${kind} = ?`).all(slug) as { id: number }[]).map((r) => r.id);
    if (softwareIds.length > 0) where.push(`exists (select 1 from observations o where o.endpoint_id = e.id and o.removed_at is null and ${inIds("o.software_id", softwareIds)})`);
  }
  if (filters.olderThan) {
    where.push("e.last_report_at < @cutoff");
    params.cutoff = now - filters.olderThan * DAY_MS;
  }
  if (filters.q) {
    where.push("e.hostname collate nocase >= @qLow and e.hostname collate nocase < @qHigh");
    params.qLow = asciiLower(filters.q);
    params.qHigh = prefixUpper(asciiLower(filters.q));
  }
  return { where, base, params, softwareIds };
}

/** The candidate rows of each filter that can drive the query on its own index (present, q,
 *  older), each counted up to `cap`. */
export function driverEstimates(db: Db, ids: readonly number[] | null, p: EndpointPredicates, filters: EndpointPredicateFilters, cap: number): { driver: Driver; n: Bounded }[] {
  const estimates: { driver: Driver; n: Bounded }[] = [];
  if (p.softwareIds) {
    estimates.push({
      driver: "present",
      // Rows, not distinct endpoints (cheaper; an over-estimate only makes this driver less likely).
      n: boundedCount(db, `select 1 from observations indexed by observations_software_removed_idx where ${inIds("software_id", p.softwareIds)} and removed_at is null`, [], cap),
    });
  }
  if (filters.q) {
    estimates.push({
      driver: "q",
      n: boundedCount(db, "select 1 from endpoints e where e.hostname collate nocase >= @qLow and e.hostname collate nocase < @qHigh", { qLow: p.params.qLow, qHigh: p.params.qHigh }, cap),
    });
  }
  if (filters.olderThan) {
    estimates.push({
      driver: "older",
      n:
        ids === null
          ? boundedCount(db, "select 1 from endpoints e indexed by endpoints_last_report_idx where e.last_report_at < @cutoff", { cutoff: p.params.cutoff }, cap)
          : boundedCount(
              db,
              `select 1 from endpoints e indexed by endpoints_agency_last_report_idx where ${inIds("e.agency_id", ids)} and e.last_report_at < @cutoff`,
              { cutoff: p.params.cutoff },
              cap,
            ),
    });
  }
  return estimates;
}

/** The index that returns rows in the sort order while also narrowing to the agency/state filter
 *  (`ordered`, or null), and the one a scan walks. */
export function sortIndexes(ids: readonly number[] | null, state: string | undefined, sort: string): { ordered: string | null; scan: string } {
  const byHost = sort === "hostname" || sort === "-hostname";
  let ordered: string | null = null;
  if (ids === null && state) ordered = byHost ? "endpoints_state_hostname_idx" : "endpoints_state_last_report_idx";
  else if (ids !== null && ids.length === 1 && !state && !byHost) ordered = "endpoints_agency_last_report_idx";
  else if (ids === null && !state) ordered = byHost ? "endpoints_hostname_idx" : "endpoints_last_report_idx";
  return { ordered, scan: ordered ?? (byHost ? "endpoints_hostname_idx" : "endpoints_last_report_idx") };
}

/** The FROM clause (with its index) and the predicates for a plan. */
export function source(f: PlanSource): { from: string; where: string[] } {
  const byHost = f.filters.sort === "hostname" || f.filters.sort === "-hostname";
  switch (f.driver) {
    case "counters": {
      // Covering for the agency/state predicate and the sort key, so sorting reads no table row.
      const index =
        f.ids !== null ? (byHost || f.filters.state ? "endpoints_agency_state_idx" : "endpoints_agency_last_report_idx") : byHost ? "endpoints_state_hostname_idx" : "endpoints_state_last_report_idx";
      return { from: `endpoints e indexed by ${index}`, where: f.where };
    }
    case "present":
      return {
        from: "endpoints e not indexed",
        where: [
          ...f.where.filter((w) => !w.startsWith("exists")),
          `e.id in (select endpoint_id from observations indexed by observations_software_removed_idx where ${inIds("software_id", f.softwareIds)} and removed_at is null)`,
        ],
      };
    case "q":
      return { from: "endpoints e indexed by endpoints_hostname_idx", where: f.where };
    case "older":
      return {
        from: f.ids !== null ? "endpoints e indexed by endpoints_agency_last_report_idx" : "endpoints e indexed by endpoints_last_report_idx",
        where: f.where,
      };
    case "scan":
      return { from: `endpoints e indexed by ${f.scanIndex}`, where: f.where };
  }
}

/** The FROM clause of a plan's exact count. A driver bounds the rows, so the count walks the page's
 *  own source; a scan does not, and the sort index it walks would read a table row for every
 *  endpoint: the count takes the index that answers its filters with the fewest table reads
 *  (os: one that holds the state, agency and last report too; then hostname prefix, last report,
 *  evidence), else the planner's choice. */
export function countSource(f: PlanSource): { from: string; where: string[] } {
  if (f.driver !== "scan") return source(f);
  if (f.softwareIds) return source({ ...f, driver: "present" });
  if (f.filters.os) return { from: "endpoints e indexed by endpoints_os_idx", where: f.where };
  if (f.filters.q) return source({ ...f, driver: "q" });
  if (f.filters.olderThan) return source({ ...f, driver: "older" });
  if (f.filters.evidence) return { from: "endpoints e indexed by endpoints_evidence_idx", where: f.where };
  return { from: "endpoints e", where: f.where };
}
