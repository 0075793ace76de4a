// The statements of the Findings list (findings-list.ts) and of an endpoint's findings: the filter's
// predicates and the index that drives them, keyset pages in (product, version, id) order, the
// bounded count, and what a page's rows are decorated with (endpoints, agency codes, waivers).
import type { Db } from "../db/client";
import { prep } from "../db/sql";
import { boundedCount, inIds } from "../db/read-sql";

export type FindingRow = {
  id: number;
  endpointId: number;
  agencyId: number;
  vendor: string;
  product: string;
  version: string;
  status: "open" | "resolved" | "excepted" | "withdrawn";
  presence: "installed" | "remnants" | "absent";
  firstDetectedAt: number;
  lastChangedAt: number;
  resolvedAt: number | null;
  reopenCount: number;
  waiverId: number | null;
};

const COLUMNS = `f.id, f.endpoint_id as endpointId, f.agency_id as agencyId, f.vendor, f.product, f.version, f.status, f.presence,
  f.first_detected_at as firstDetectedAt, f.last_changed_at as lastChangedAt, f.resolved_at as resolvedAt,
  f.reopen_count as reopenCount, f.waiver_id as waiverId`;

/** A compiled filter: its predicates on `f`, their parameters, and the FROM clause with its index. */
export type FindingQuery = { where: string[]; params: Record<string, unknown>; from: string };

/** The predicates of a filter: status, the agencies (null: all), the products (null: any), presence, version. */
export function findingPredicates(
  status: string,
  ids: readonly number[] | null,
  products: readonly string[] | null,
  filters: { presence?: string; version?: string },
): { where: string[]; params: Record<string, unknown> } {
  const where = ["f.status = @status"];
  const params: Record<string, unknown> = { status };
  if (ids !== null) where.push(inIds("f.agency_id", ids));
  if (products) {
    products.forEach((p, i) => (params[`p${i}`] = p));
    where.push(`f.product in (${products.map((_, i) => `@p${i}`).join(", ")})`);
  }
  if (filters.presence) {
    where.push("f.presence = @presence");
    params.presence = filters.presence;
  }
  if (filters.version) {
    where.push("f.version = @version");
    params.version = filters.version;
  }
  return { where, params };
}

/** The FROM clause: through (agency_id, status, ...) for a small agency subtree, else in (status, product, version) order. */
export function findingsFrom(byAgency: boolean): string {
  return byAgency ? "findings f indexed by findings_agency_status_idx" : "findings f indexed by findings_status_product_idx";
}

export type FindingCursor = { p: string; v: string; id: number };

/** Up to `n` rows after `cursor`, in (product, version, id) order or its reverse. */
export function findingsAfter(db: Db, c: FindingQuery, desc: boolean, cursor: FindingCursor | null, n: number): FindingRow[] {
  const where = [...c.where];
  const params: Record<string, unknown> = { ...c.params };
  if (cursor) {
    where.push(`(f.product, f.version, f.id) ${desc ? "<" : ">"} (@cp, @cv, @cid)`);
    Object.assign(params, { cp: cursor.p, cv: cursor.v, cid: cursor.id });
  }
  const dir = desc ? " desc" : "";
  return prep(db, `select ${COLUMNS} from ${c.from} where ${where.join(" and ")} order by f.product${dir}, f.version${dir}, f.id${dir} limit ${n}`).all(params) as FindingRow[];
}

/** The rows a filter selects, counted up to `cap`. */
export function countFindingsBounded(db: Db, c: FindingQuery, cap: number): { value: number; capped: boolean } {
  return boundedCount(db, `select 1 from ${c.from} where ${c.where.join(" and ")}`, c.params, cap);
}

export function endpointsByIds(db: Db, ids: readonly number[]): { id: number; hostname: string; deviceId: string; state: string }[] {
  return prep(db, `select id, hostname, device_id as deviceId, state from endpoints where ${inIds("id", ids)}`).all() as { id: number; hostname: string; deviceId: string; state: string }[];
}

export function agencyCodesByIds(db: Db, ids: readonly number[]): { id: number; code: string }[] {
  return prep(db, `select id, code from agencies where ${inIds("id", ids)}`).all() as { id: number; code: string }[];
}

export type FindingWaiverRow = { id: number; findingId: number; status: string; expiresAt: number; requestedBy: number };

/** The waivers of these findings, by id (so a finding's latest comes last). */
export function waiversOfFindings(db: Db, findingIds: readonly number[]): FindingWaiverRow[] {
  return prep(
    db,
    `select id, finding_id as findingId, status, expires_at as expiresAt, requested_by as requestedBy from waivers
     where ${inIds("finding_id", findingIds)} order by id`,
  ).all() as FindingWaiverRow[];
}

/** Every finding of one endpoint, open ones first, by product. */
export function findingsOfEndpoint(db: Db, endpointId: number): FindingRow[] {
  return prep(
    db,
    `select id, endpoint_id as endpointId, agency_id as agencyId, vendor, product, version, status, presence,
       first_detected_at as firstDetectedAt, last_changed_at as lastChangedAt, resolved_at as resolvedAt,
       reopen_count as reopenCount, waiver_id as waiverId
     from findings where endpoint_id = ? order by status = 'open' desc, product`,
  ).all(endpointId) as FindingRow[];
}
