// The statements of the Endpoints list (endpoints-list.ts): keyset pages over a compiled plan
// (store-endpoints-plan.ts) in hostname or last-report order, the plan's count, and what a page's
// rows are decorated with (agencies, banned products).
import type { Db } from "../db/client";
import type { EndpointState } from "../db/schema";
import { prep } from "../db/sql";
import { asciiLower, inIds } from "../db/read-sql";
import { countSource, type PlanSource, source } from "./store-endpoints-plan";

/** A keyset position: the sort key's value (null: never reported) and the id. */
export type EndpointCursor = { v: string | number | null; id: number };
type Cursor = EndpointCursor;

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
  if (!cursor) return [{ cond: "true", order, params: {} }];
  const cond = desc ? "e.hostname collate nocase <= @cv and (e.hostname collate nocase < @cv or e.id < @cid)" : "e.hostname collate nocase >= @cv and (e.hostname collate nocase > @cv or e.id > @cid)";
  return [{ cond, order, params: { cv: asciiLower(String(cursor.v ?? "")), cid: cursor.id } }];
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
    if (!cursor) return [nulls("true"), values("true")];
    if (cursor.v === null) return [nulls("e.id > @cid", { cid: cursor.id }), values("true")];
    return [values(keyset, { cv: cursor.v, cid: cursor.id })];
  }
  if (!cursor) return [values("true"), nulls("true")];
  if (cursor.v === null) return [nulls("e.id < @cid", { cid: cursor.id })];
  return [values(keyset, { cv: cursor.v, cid: cursor.id }), nulls("true")];
}

/** Up to `n` rows of the plan (its predicates with their parameters) after `cursor`, in the order of
 *  `key` (descending if `desc`). */
export function endpointsAfter(db: Db, f: PlanSource & { params: Record<string, unknown> }, key: "hostname" | "lastReport", desc: boolean, cursor: Cursor | null, n: number): EndpointRow[] {
  const segments = key === "hostname" ? hostnameSegment(desc, cursor) : lastReportSegments(desc, cursor);
  const out: EndpointRow[] = [];
  for (const seg of segments) {
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

/** The rows a plan selects, counted to the end. */
export function countPlanRows(db: Db, f: PlanSource & { params: Record<string, unknown> }): number {
  const src = countSource(f);
  return (prep(db, `select count(*) as n from ${src.from} where ${src.where.join(" and ") || "true"}`).get(f.params) as { n: number }).n;
}

export function agenciesByIds(db: Db, ids: readonly number[]): { id: number; code: string; name: string }[] {
  return prep(db, `select id, code, name from agencies where ${inIds("id", ids)}`).all() as { id: number; code: string; name: string }[];
}

/** The banned products (open or excepted findings) of these endpoints, by product. The status is
 *  compared as an expression (`status || ''`, SQLite's `+status` in a text PostgreSQL takes too) so
 *  that SQLite reads the endpoints' rows by endpoint_id rather than every open finding by status. */
export function activeFindingProducts(db: Db, endpointIds: readonly number[]): { endpointId: number; product: string; status: string }[] {
  return prep(
    db,
    `select endpoint_id as endpointId, product, status from findings
     where ${inIds("endpoint_id", endpointIds)} and (status || '') in ('open', 'excepted') order by product`,
  ).all() as { endpointId: number; product: string; status: string }[];
}
