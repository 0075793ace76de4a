// The Findings list (open / resolved / excepted), keyset-paginated in (product, version, id)
// order, which is the order of the findings indexes. Same plan choice as the endpoints list:
// a small agency drives through (agency_id, status, ...) and is sorted, otherwise the
// (status, product, version) index is walked in order.
import "server-only";
import { z } from "zod";
import { narrowScope, type Scope } from "../access/scope";
import type { Db } from "../db/client";
import { catalogVendors, productName } from "../catalog/names";
import { sumCounters } from "../findings/scope-counters";
import { agencyDeadline } from "../findings/progress";
import { DRIVER_LIMIT } from "./endpoints-list";
import type { ParsedSearch } from "./endpoints-filter";
import { readFilters, type SearchParamsLike } from "./url-filters";
import { COUNT_CAP } from "../db/read-sql";
import { agencyIdByCode } from "./store-agency";
import {
  agencyCodesByIds,
  countFindingsBounded,
  endpointsByIds,
  type FindingCursor,
  type FindingQuery,
  type FindingRow,
  findingPredicates,
  findingsAfter,
  findingsFrom,
  waiversOfFindings,
} from "./store-findings";

export type { FindingRow };

export const FINDING_TABS = ["open", "resolved", "excepted"] as const;
const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const ZFindingFiltersSchema = z.object({
  status: z.preprocess(emptyToUndefined, z.enum(FINDING_TABS, { error: `Not a finding status (one of ${FINDING_TABS.join(", ")})` }).default("open")),
  agency: z.preprocess(emptyToUndefined, z.string().trim().toUpperCase().max(32).optional()),
  present: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^(vendor|product):[a-z0-9][a-z0-9._-]{0,80}$/, "Not a vendor or product (vendor:<slug> or product:<slug>)")
      .optional(),
  ),
  presence: z.preprocess(emptyToUndefined, z.enum(["installed", "remnants"], { error: "Not a presence (installed or remnants)" }).optional()),
  version: z.preprocess(emptyToUndefined, z.string().trim().max(128).optional()),
});
export type FindingFilters = z.output<typeof ZFindingFiltersSchema>;
export const ZFindingPageSchema = ZFindingFiltersSchema.extend({
  after: z.string().max(800).optional(),
  before: z.string().max(800).optional(),
  limit: z.number().int().min(1).max(1000).default(50),
});
export type FindingPageInput = z.input<typeof ZFindingPageSchema>;

/** Reads the filters from URL search parameters; values that do not parse are listed in `invalid`. */
export function findingFiltersFromSearchParams(sp: SearchParamsLike): ParsedSearch<FindingFilters> {
  const keys = ["status", "agency", "present", "presence", "version", "after", "before"];
  const { values, invalid } = readFilters(ZFindingPageSchema.shape as Record<string, z.ZodType>, keys, sp);
  const { after, before, ...filters } = values as FindingFilters & { after?: string; before?: string };
  return { filters: { ...filters, status: filters.status ?? "open" }, after, before, invalid };
}

type Cursor = FindingCursor;
const encode = (c: Cursor) => Buffer.from(JSON.stringify([c.p, c.v, c.id])).toString("base64url");
function decode(s: string | undefined): Cursor | null {
  if (!s) return null;
  try {
    const [p, v, id] = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as unknown[];
    return typeof p === "string" && typeof v === "string" && Number.isSafeInteger(id) ? { p, v, id: id as number } : null;
  } catch {
    return null;
  }
}

type Compiled = FindingQuery & { exact: number | null; empty: boolean };

function compile(db: Db, scope: Scope, filters: FindingFilters): Compiled {
  let ids: number[] | null = scope.kind === "all" ? null : scope.ids;
  let empty = false;
  if (filters.agency) {
    const agencyId = agencyIdByCode(db, filters.agency);
    if (agencyId === undefined || (scope.kind === "agencies" && !scope.ids.includes(agencyId))) empty = true;
    else ids = (narrowScope(db, scope, agencyId) as { ids: number[] }).ids;
  }
  let products: string[] | null = null;
  if (filters.present) {
    const [kind, slug] = filters.present.split(":") as ["vendor" | "product", string];
    products =
      kind === "product"
        ? [slug]
        : (catalogVendors()
            .find((v) => v.slug === slug)
            ?.products.map((p) => p.slug) ?? []);
    if (products.length === 0) empty = true;
  }
  const { where, params } = findingPredicates(filters.status, ids, products, filters);
  let byAgency = false;
  let exact: number | null = null;
  if (ids !== null && !empty) {
    const c = sumCounters(db, ids);
    const n = filters.status === "open" ? c.openFindings : filters.status === "excepted" ? c.exceptedFindings : c.resolvedFindings;
    if (!filters.present && !filters.presence && !filters.version) exact = n;
    if (n <= DRIVER_LIMIT) byAgency = true;
  } else if (!filters.present && !filters.presence && !filters.version && !empty) {
    const c = sumCounters(db, null);
    exact = filters.status === "open" ? c.openFindings : filters.status === "excepted" ? c.exceptedFindings : c.resolvedFindings;
  }
  return { where, params, from: findingsFrom(byAgency), exact, empty };
}

/** Exact over an index range when every filter is in the index (status, agency, product, version);
 *  bounded at 1,000 when the presence needs each row read. */
function countFindings(db: Db, c: Compiled, filters: FindingFilters): { value: number; capped: boolean } {
  return countFindingsBounded(db, c, filters.presence ? 1_000 : COUNT_CAP);
}

export type FindingItem = FindingRow & {
  productName: string;
  hostname: string;
  deviceId: string;
  endpointState: string;
  agencyCode: string;
  /** The removal deadline that applies to the finding's agency (a waiver lasting longer needs a reason). */
  deadline: string | null;
  waiver: { id: number; status: string; expiresAt: number; requestedBy: number } | null;
};

export type FindingPage = { items: FindingItem[]; nextCursor: string | null; prevCursor: string | null; total: { value: number; capped: boolean } };

export function listFindings(db: Db, scope: Scope, input: FindingPageInput): FindingPage {
  const data = ZFindingPageSchema.parse(input);
  const c = compile(db, scope, data);
  if (c.empty) return { items: [], nextCursor: null, prevCursor: null, total: { value: 0, capped: false } };
  const after = decode(data.after);
  const before = after ? null : decode(data.before);
  let rows: FindingRow[];
  let hasNext: boolean;
  let hasPrev: boolean;
  if (before) {
    rows = findingsAfter(db, c, true, before, data.limit + 1);
    hasPrev = rows.length > data.limit;
    rows = rows.slice(0, data.limit).reverse();
    hasNext = true;
  } else {
    rows = findingsAfter(db, c, false, after, data.limit + 1);
    hasNext = rows.length > data.limit;
    rows = rows.slice(0, data.limit);
    hasPrev = after !== null;
  }
  const cur = (r: FindingRow) => encode({ p: r.product, v: r.version, id: r.id });
  return {
    items: decorateFindings(db, rows),
    nextCursor: hasNext && rows.length ? cur(rows[rows.length - 1]!) : null,
    prevCursor: hasPrev && rows.length ? cur(rows[0]!) : null,
    total: c.exact !== null ? { value: c.exact, capped: false } : countFindings(db, c, data),
  };
}

export function decorateFindings(db: Db, rows: FindingRow[]): FindingItem[] {
  if (rows.length === 0) return [];
  const endpoints = new Map(endpointsByIds(db, [...new Set(rows.map((r) => r.endpointId))]).map((e) => [e.id, e]));
  const agencies = new Map(agencyCodesByIds(db, [...new Set(rows.map((r) => r.agencyId))]).map((a) => [a.id, a.code]));
  const waivers = new Map<number, FindingItem["waiver"]>();
  for (const w of waiversOfFindings(
    db,
    rows.map((r) => r.id),
  )) {
    waivers.set(w.findingId, { id: w.id, status: w.status, expiresAt: w.expiresAt, requestedBy: w.requestedBy });
  }
  const deadlines = new Map([...new Set(rows.map((r) => r.agencyId))].map((id) => [id, agencyDeadline(db, id)]));
  return rows.map((r) => {
    const e = endpoints.get(r.endpointId);
    return {
      ...r,
      productName: productName(r.product),
      hostname: e?.hostname ?? "",
      deviceId: e?.deviceId ?? "",
      endpointState: e?.state ?? "",
      agencyCode: agencies.get(r.agencyId) ?? "",
      deadline: deadlines.get(r.agencyId) ?? null,
      waiver: waivers.get(r.id) ?? null,
    };
  });
}

export function* iterateFindings(db: Db, scope: Scope, filters: FindingFilters, chunk = 1000): Generator<FindingItem[]> {
  const c = compile(db, scope, filters);
  if (c.empty) return;
  let cursor: Cursor | null = null;
  for (;;) {
    const rows = findingsAfter(db, c, false, cursor, chunk);
    if (rows.length === 0) return;
    yield decorateFindings(db, rows);
    if (rows.length < chunk) return;
    const last = rows[rows.length - 1]!;
    cursor = { p: last.product, v: last.version, id: last.id };
  }
}

/** Findings per tab (open, resolved, excepted) in the scope or one agency subtree, from the counters. */
export function findingTabCounts(db: Db, scope: Scope, agencyCode?: string): Record<(typeof FINDING_TABS)[number], number> {
  let ids: number[] | null = scope.kind === "all" ? null : scope.ids;
  if (agencyCode) {
    const agencyId = agencyIdByCode(db, agencyCode.toUpperCase());
    if (agencyId === undefined || (scope.kind === "agencies" && !scope.ids.includes(agencyId))) return { open: 0, resolved: 0, excepted: 0 };
    ids = (narrowScope(db, scope, agencyId) as { ids: number[] }).ids;
  }
  const c = sumCounters(db, ids);
  return { open: c.openFindings, resolved: c.resolvedFindings, excepted: c.exceptedFindings };
}
