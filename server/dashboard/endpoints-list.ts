// The Endpoints list: keyset pagination over the plan endpoints-filter.ts compiles, the total
// (exact: from counters, or counted), and the CSV iterator.
import "server-only";
import type { Scope } from "../access/scope";
import type { Db } from "../db/client";
import { sumCounters } from "../findings/scope-counters";
import { type CompiledFilter, compileFilter, type Driver, type EndpointFilters, type EndpointPageInput, type EndpointSort, type PlanOptions, ZEndpointPageSchema } from "./endpoints-filter";
import { activeFindingProducts, agenciesByIds, countPlanRows, type EndpointCursor, type EndpointRow, endpointsAfter } from "./store-endpoints";

export {
  DRIVER_LIMIT,
  ENDPOINT_SORTS,
  type EndpointFilters,
  type EndpointPageInput,
  type EndpointSort,
  filtersFromSearchParams,
  PLATFORM_VALUES,
  ZEndpointFiltersSchema,
  ZEndpointPageSchema,
} from "./endpoints-filter";
export type { EndpointRow };

type Cursor = EndpointCursor;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.v, c.id])).toString("base64url");
}

export function decodeCursor(s: string | undefined): Cursor | null {
  if (!s) return null;
  try {
    const [v, id] = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as [unknown, unknown];
    if (!Number.isSafeInteger(id)) return null;
    if (v !== null && typeof v !== "string" && !Number.isFinite(v)) return null;
    return { v: v as string | number | null, id: id as number };
  } catch {
    return null;
  }
}

function sortSpec(sort: EndpointSort) {
  const desc = sort.startsWith("-");
  const key = sort.replace("-", "") as "hostname" | "lastReport";
  return {
    desc,
    key,
    cursorOf: (r: EndpointRow): Cursor => ({ v: key === "hostname" ? r.hostname : r.lastReportAt, id: r.id }),
  };
}

export type EndpointPage = {
  items: (EndpointRow & { agencyCode: string; agencyName: string; products: { product: string; status: string }[] })[];
  nextCursor: string | null;
  prevCursor: string | null;
  total: Total;
  plan: Driver;
};

export function listEndpoints(db: Db, scope: Scope, input: EndpointPageInput, now = Date.now(), opts: PlanOptions = {}): EndpointPage {
  const data = ZEndpointPageSchema.parse(input);
  const f = compileFilter(db, scope, data, now, opts);
  if (f.empty) return { items: [], nextCursor: null, prevCursor: null, total: { value: 0, capped: false }, plan: f.driver };
  const spec = sortSpec(data.sort);
  const after = decodeCursor(data.after);
  const before = after ? null : decodeCursor(data.before);
  let rows: EndpointRow[];
  let hasNext: boolean;
  let hasPrev: boolean;
  if (before) {
    rows = endpointsAfter(db, f, spec.key, !spec.desc, before, data.limit + 1);
    hasPrev = rows.length > data.limit;
    rows = rows.slice(0, data.limit).reverse();
    hasNext = true;
  } else {
    rows = endpointsAfter(db, f, spec.key, spec.desc, after, data.limit + 1);
    hasNext = rows.length > data.limit;
    rows = rows.slice(0, data.limit);
    hasPrev = after !== null;
  }
  return {
    items: decorate(db, rows),
    nextCursor: hasNext && rows.length ? encodeCursor(spec.cursorOf(rows[rows.length - 1]!)) : null,
    prevCursor: hasPrev && rows.length ? encodeCursor(spec.cursorOf(rows[0]!)) : null,
    total: countEndpoints(db, f),
    plan: f.driver,
  };
}

export type Total = { value: number; capped: boolean };

/** Always exact: from the counters when only agency, state and "needs action" filter, or only presence; otherwise
 *  counted over the plan's driver (bounded by it) or, for a scan, over the whole filter. */
export function countEndpoints(db: Db, f: CompiledFilter): Total {
  if (f.empty) return { value: 0, capped: false };
  if (f.exact !== null) return { value: f.exact, capped: false };
  if (f.ids === null && f.where.length === 0) return { value: sumCounters(db, null).endpoints, capped: false };
  return { value: countPlanRows(db, f), capped: false };
}

/** Agency names and the banned products (open or excepted findings) of the rows shown. */
function decorate(db: Db, rows: EndpointRow[]): EndpointPage["items"] {
  if (rows.length === 0) return [];
  const agencyIds = [...new Set(rows.map((r) => r.agencyId))];
  const agencies = new Map(agenciesByIds(db, agencyIds).map((a) => [a.id, a]));
  const findings = activeFindingProducts(
    db,
    rows.map((r) => r.id),
  );
  const byEndpoint = new Map<number, { product: string; status: string }[]>();
  for (const x of findings) {
    const list = byEndpoint.get(x.endpointId) ?? [];
    list.push({ product: x.product, status: x.status });
    byEndpoint.set(x.endpointId, list);
  }
  return rows.map((r) => ({
    ...r,
    agencyCode: agencies.get(r.agencyId)?.code ?? "",
    agencyName: agencies.get(r.agencyId)?.name ?? "",
    products: byEndpoint.get(r.id) ?? [],
  }));
}

/** Every endpoint matching the filters, in pages of `chunk`, for CSV export. */
export function* iterateEndpoints(db: Db, scope: Scope, filters: EndpointFilters, chunk = 1000, now = Date.now(), opts: PlanOptions = {}): Generator<EndpointPage["items"]> {
  const f = compileFilter(db, scope, filters, now, opts);
  if (f.empty) return;
  const spec = sortSpec(filters.sort);
  let cursor: Cursor | null = null;
  for (;;) {
    const rows = endpointsAfter(db, f, spec.key, spec.desc, cursor, chunk);
    if (rows.length === 0) return;
    yield decorate(db, rows);
    if (rows.length < chunk) return;
    cursor = spec.cursorOf(rows[rows.length - 1]!);
  }
}
