// Endpoints list filters: the schema (also read from URL search parameters) and the query plan
// they compile to. A filter that selects few endpoints (known exactly from the counters for agency
// and state, or by a count bounded at DRIVER_LIMIT on its own index) drives the query and the page
// is sorted from its rows; otherwise the sort index is walked in order and the filters are
// checked on the way, which finds a page quickly because matches are then common.
import "server-only";
import { z } from "zod";
import { narrowScope, type Scope } from "../access/scope";
import type { Db } from "../db/client";
import { ENDPOINT_STATES, IMPORT_SOURCES } from "../db/schema";
import { type Counters, STATE_COUNTER, sumCounters } from "../findings/scope-counters";
import { endpointsCarrying } from "../policy/store-reach";
import { needsAction, PART_STATE } from "../findings/needs-action";
import type { Bounded } from "../db/read-sql";
import { agencyIdByCode } from "./store-agency";
import { type Driver, driverEstimates, endpointPredicates, sortIndexes, source } from "./store-endpoints-plan";
import { type InvalidFilter, readFilters, type SearchParamsLike } from "./url-filters";

export { type Driver, source };

export const ENDPOINT_SORTS = ["hostname", "-hostname", "lastReport", "-lastReport"] as const;
export type EndpointSort = (typeof ENDPOINT_SORTS)[number];
export const PLATFORM_VALUES = ["windows", "darwin", "linux"] as const;

/** Below this many candidate rows a filter drives the query (and its rows are sorted). */
export const DRIVER_LIMIT = 20_000;

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const ZEndpointFiltersSchema = z.object({
  agency: z.preprocess(emptyToUndefined, z.string().trim().toUpperCase().max(32, "An agency code has at most 32 characters").optional()),
  state: z.preprocess(emptyToUndefined, z.enum(ENDPOINT_STATES, { error: `Not an endpoint state (one of ${ENDPOINT_STATES.join(", ")})` }).optional()),
  /** "action": only the endpoints that need action (server/findings/needs-action.ts). */
  needs: z.preprocess(emptyToUndefined, z.enum(["action"], { error: "The only value is needs=action" }).optional()),
  os: z.preprocess(emptyToUndefined, z.enum(PLATFORM_VALUES, { error: "Not an operating system (windows, darwin or linux)" }).optional()),
  /** "vendor:<slug>" or "product:<slug>": a present observation of that vendor or product. */
  present: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^(vendor|product):[a-z0-9][a-z0-9._-]{0,80}$/, "Not a vendor or product (vendor:<slug> or product:<slug>)")
      .optional(),
  ),
  /** Last report older than this many days (endpoints that reported at least once). */
  olderThan: z.preprocess(emptyToUndefined, z.coerce.number({ error: "A number of days" }).int("A whole number of days").min(1, "At least 1 day").max(3650, "At most 3650 days").optional()),
  /** Hostname prefix, case-insensitive. */
  q: z.preprocess(emptyToUndefined, z.string().trim().max(255, "At most 255 characters").optional()),
  /** What the state rests on: the agent, or a tool's imported inventory. */
  evidence: z.preprocess(emptyToUndefined, z.enum(["agent", ...IMPORT_SOURCES], { error: `Not an evidence source (agent, ${IMPORT_SOURCES.join(", ")})` }).optional()),
  sort: z.preprocess(emptyToUndefined, z.enum(ENDPOINT_SORTS, { error: `Not a sort order (one of ${ENDPOINT_SORTS.join(", ")})` }).default("hostname")),
});
export type EndpointFilters = z.output<typeof ZEndpointFiltersSchema>;

export const ZEndpointPageSchema = ZEndpointFiltersSchema.extend({
  after: z.string().max(800).optional(),
  before: z.string().max(800).optional(),
  limit: z.number().int().min(1).max(1000).default(50),
});
export type EndpointPageInput = z.input<typeof ZEndpointPageSchema>;

export type ParsedSearch<F> = { filters: F; after?: string; before?: string; invalid: InvalidFilter[] };

const SEARCH_KEYS = ["agency", "state", "needs", "os", "present", "olderThan", "q", "evidence", "sort", "after", "before"] as const;

/** Reads the filters from URL search parameters; values that do not parse are listed in `invalid`. */
export function filtersFromSearchParams(sp: SearchParamsLike): ParsedSearch<EndpointFilters> {
  const { values, invalid } = readFilters(ZEndpointPageSchema.shape as Record<string, z.ZodType>, SEARCH_KEYS, sp);
  const { after, before, ...filters } = values as EndpointFilters & { after?: string; before?: string };
  return { filters: { ...filters, sort: filters.sort ?? "hostname" }, after, before, invalid };
}

const NEEDS_ACTION_STATES = new Set(Object.values(PART_STATE) as string[]);

/** How many endpoints the agency, state and needs filters select, from the counters. */
export function counterCount(c: Counters, filters: Pick<EndpointFilters, "state" | "needs">): number {
  if (filters.needs) {
    if (!filters.state) return needsAction(c).total;
    if (filters.state === "stale") return c.staleBanned;
    return NEEDS_ACTION_STATES.has(filters.state) ? c[STATE_COUNTER[filters.state]] : 0;
  }
  return filters.state ? c[STATE_COUNTER[filters.state]] : c.endpoints;
}

/** A compiled filter: the residual predicate on `e`, its parameters, and what can drive it. */
export type CompiledFilter = {
  ids: number[] | null;
  /** All predicates; `base` are those the counters answer (agency, state). */
  where: string[];
  base: string[];
  params: Record<string, unknown>;
  softwareIds: number[] | null;
  empty: boolean;
  /** Exact count from the counters when only agency and state filter, or only presence. */
  exact: number | null;
  driver: Driver;
  /** The index walked in "scan" plans: one that gives the sort order within agency and state. */
  scanIndex: string;
  filters: EndpointFilters;
};

/** A filter this small always drives, even when an index could give the order directly. */
export const SMALL_DRIVER = 2_000;

export type PlanOptions = { /** Tests force a plan with 0 (always walk the sort index) or a large value. */ driverLimit?: number };

export function compileFilter(db: Db, scope: Scope, filters: EndpointFilters, now = Date.now(), opts: PlanOptions = {}): CompiledFilter {
  const driverLimit = opts.driverLimit ?? DRIVER_LIMIT;
  let ids: number[] | null = scope.kind === "all" ? null : scope.ids;
  let empty = false;
  if (filters.agency) {
    const agencyId = agencyIdByCode(db, filters.agency);
    if (agencyId === undefined || (scope.kind === "agencies" && !scope.ids.includes(agencyId))) empty = true;
    else ids = (narrowScope(db, scope, agencyId) as { ids: number[] }).ids;
  }
  // Within "needs action" a state names one of its parts; other states have none of it.
  if (filters.needs && filters.state && !NEEDS_ACTION_STATES.has(filters.state)) empty = true;
  const predicates = endpointPredicates(db, ids, filters, now);
  const { where, base, params, softwareIds } = predicates;
  if (softwareIds?.length === 0) empty = true;

  const onlyCounters = !filters.os && !filters.present && !filters.olderThan && !filters.q && !filters.evidence;
  let exact: number | null = null;
  const estimates: { driver: Driver; n: Bounded }[] = [];
  if (!empty && (ids !== null || filters.state || filters.needs)) {
    const n = counterCount(sumCounters(db, ids), filters);
    if (onlyCounters) exact = n;
    estimates.push({ driver: "counters", n: { value: n, capped: false } });
  }
  // Presence alone (within the scope): its own counts, instead of reading every observation.
  const onlyPresence = filters.present && !filters.state && !filters.needs && !filters.os && !filters.olderThan && !filters.q && !filters.evidence;
  if (!empty && onlyPresence) {
    const [kind, slug] = filters.present!.split(":") as ["vendor" | "product", string];
    exact = endpointsCarrying(db, kind, slug, ids);
  }
  if (!empty) estimates.push(...driverEstimates(db, ids, predicates, filters, DRIVER_LIMIT));
  const best = estimates.filter((e) => !e.n.capped && e.n.value <= driverLimit).sort((a, b) => a.n.value - b.n.value)[0];
  const { ordered, scan: scanIndex } = sortIndexes(ids, filters.state, filters.sort);
  // An index that already gives the order within the agency/state filter beats sorting a
  // mid-sized driver's rows; a small driver beats both.
  const driver: Driver = best && (best.n.value <= Math.min(SMALL_DRIVER, driverLimit) || !ordered) ? best.driver : "scan";
  return { ids, where, base, params, softwareIds, empty, exact, driver, scanIndex, filters };
}
