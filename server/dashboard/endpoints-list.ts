// The Endpoints list: keyset pagination over the plan endpoints-filter.ts compiles, the total
// (exact: from counters, or counted), and the CSV iterator.
import "server-only";
import type { Scope } from "../access/scope";
import type { Db } from "../db/client";
import type { EndpointState } from "../db/schema";
import { sumCounters } from "../findings/scope-counters";
import { type CompiledFilter, compileFilter, type Driver, type EndpointFilters, type EndpointPageInput, type EndpointSort, type PlanOptions, source, ZEndpointPageSchema } from "./endpoints-filter";
import { prep } from "../db/sql";
import { inIds } from "../db/read-sql";

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

type Cursor = { v: string | number | null; id: number };

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

export type EndpointRow = {
  id: number;
  deviceId: string;
  hostname: string;
  agencyId: number;
  osPlatform: "windows" | "darwin" | "linux";
  osName: string;
  osVersion: string;
  agentVersion: string;
  state: EndpointState;
  lastReportAt: number | null;
  enrolledAt: number;
  revokedAt: number | null;
  /** "agent", or the tool whose imported inventory the state rests on. */
  evidence: string;
};

const COLUMNS = `e.id, e.device_id as deviceId, e.hostname, e.agency_id as agencyId, e.os_platform as osPlatform,
  e.os_name as osName, e.os_version as osVersion, e.agent_version as agentVersion, e.state,
  e.last_report_at as lastReportAt, e.enrolled_at as enrolledAt, e.revoked_at as revokedAt, e.evidence`;

type Segment = { cond: string; order: string; params: Record<string, unknown> };

function hostnameSegment(desc: boolean, cursor: Cursor | null): Segment[] {
  const order = desc ? "e.hostname collate nocase desc, e.id desc" : "e.hostname collate nocase, e.id";
  if (!cursor) return [{ cond: "1", order, params: {} }];
  const cond = desc ? "e.hostname collate nocase <= @cv and (e.hostname collate nocase < @cv or e.id < @cid)" : "e.hostname collate nocase >= @cv and (e.hostname collate nocase > @cv or e.id > @cid)";
  return [{ cond, order, params: { cv: String(cursor.v ?? ""), cid: cursor.id } }];
}

/** Last-report order: never-reported endpoints (null) come first ascending and last descending. */
function lastReportSegments(desc: boolean, cursor: Cursor | null): Segment[] {
  const nulls = (cond: string, params: Record<string, unknown> = {}): Segment => ({
    cond: `e.last_report_at is null and ${cond}`,
    order: desc ? "e.id desc" : "e.id",
    params,
  });
  const values = (cond: string, params: Record<string, unknown> = {}): Segment => ({
    cond: `e.last_report_at is not null and ${cond}`,
    order: desc ? "e.last_report_at desc, e.id desc" : "e.last_report_at, e.id",
    params,
  });
  const keyset = desc ? "e.last_report_at <= @cv and (e.last_report_at < @cv or e.id < @cid)" : "e.last_report_at >= @cv and (e.last_report_at > @cv or e.id > @cid)";
  if (!desc) {
    if (!cursor) return [nulls("1"), values("1")];
    if (cursor.v === null) return [nulls("e.id > @cid", { cid: cursor.id }), values("1")];
    return [values(keyset, { cv: cursor.v, cid: cursor.id })];
  }
  if (!cursor) return [values("1"), nulls("1")];
  if (cursor.v === null) return [nulls("e.id < @cid", { cid: cursor.id })];
  return [values(keyset, { cv: cursor.v, cid: cursor.id }), nulls("1")];
}

function sortSpec(sort: EndpointSort) {
  const desc = sort.startsWith("-");
  const key = sort.replace("-", "") as "hostname" | "lastReport";
  return {
    desc,
    key,
    cursorOf: (r: EndpointRow): Cursor => ({ v: key === "hostname" ? r.hostname : r.lastReportAt, id: r.id }),
    segments: (d: boolean, c: Cursor | null) => (key === "hostname" ? hostnameSegment(d, c) : lastReportSegments(d, c)),
  };
}

/** Up to `n` rows after `cursor` in the given direction. */
function fetchForward(db: Db, f: CompiledFilter, sort: EndpointSort, desc: boolean, cursor: Cursor | null, n: number): EndpointRow[] {
  const spec = sortSpec(sort);
  const out: EndpointRow[] = [];
  for (const seg of spec.segments(desc, cursor)) {
    if (out.length >= n) break;
    const src = source(f);
    const where = [...src.where, seg.cond].join(" and ");
    // Two steps: the ids in order (from the plan's index, often without reading a table row, even
    // when thousands of candidates are sorted), then the page's rows by primary key.
    const ids = prep(db, `select e.id from ${src.from} where ${where} order by ${seg.order} limit ${n - out.length}`)
      .pluck()
      .all({ ...f.params, ...seg.params }) as number[];
    if (ids.length === 0) continue;
    const rows = new Map((prep(db, `select ${COLUMNS} from endpoints e where ${inIds("e.id", ids)}`).all() as EndpointRow[]).map((r) => [r.id, r]));
    for (const id of ids) out.push(rows.get(id)!);
  }
  return out;
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
    rows = fetchForward(db, f, data.sort, !spec.desc, before, data.limit + 1);
    hasPrev = rows.length > data.limit;
    rows = rows.slice(0, data.limit).reverse();
    hasNext = true;
  } else {
    rows = fetchForward(db, f, data.sort, spec.desc, after, data.limit + 1);
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

/** Always exact: from the counters when only agency, state and "needs action" filter; otherwise
 *  counted over the plan's driver (bounded by it) or, for a scan, over the whole filter. */
export function countEndpoints(db: Db, f: CompiledFilter): Total {
  if (f.empty) return { value: 0, capped: false };
  if (f.exact !== null) return { value: f.exact, capped: false };
  if (f.ids === null && f.where.length === 0) return { value: sumCounters(db, null).endpoints, capped: false };
  const src = source(f.driver === "scan" && f.softwareIds ? { ...f, driver: "present" } : f);
  const n = prep(db, `select count(*) as n from ${src.from} where ${src.where.join(" and ") || "1"}`).get(f.params) as { n: number };
  return { value: n.n, capped: false };
}

/** Agency names and the banned products (open or excepted findings) of the rows shown. */
function decorate(db: Db, rows: EndpointRow[]): EndpointPage["items"] {
  if (rows.length === 0) return [];
  const agencyIds = [...new Set(rows.map((r) => r.agencyId))];
  const agencies = new Map((prep(db, `select id, code, name from agencies where ${inIds("id", agencyIds)}`).all() as { id: number; code: string; name: string }[]).map((a) => [a.id, a]));
  const findings = prep(
    db,
    `select endpoint_id as endpointId, product, status from findings
     where ${inIds(
       "endpoint_id",
       rows.map((r) => r.id),
     )} and +status in ('open', 'excepted') order by product`,
  ).all() as { endpointId: number; product: string; status: string }[];
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
    const rows = fetchForward(db, f, filters.sort, spec.desc, cursor, chunk);
    if (rows.length === 0) return;
    yield decorate(db, rows);
    if (rows.length < chunk) return;
    cursor = spec.cursorOf(rows[rows.length - 1]!);
  }
}
