// Waivers as the dashboard lists them: the pending ones awaiting a decision, and those of an
// agency subtree. Decisions themselves go through the findings service (server/findings).
import "server-only";
import type { Scope } from "../access/scope";
import type { Db } from "../db/client";
import { effectiveWaiverStatus } from "../findings/waivers";
import { productName } from "../catalog/names";
import { prep } from "../db/sql";
import { inIds } from "../db/read-sql";

export type WaiverItem = {
  id: number;
  findingId: number;
  endpointId: number;
  agencyId: number;
  agencyCode: string;
  hostname: string;
  deviceId: string;
  product: string;
  productName: string;
  version: string;
  justification: string;
  compensatingControls: string;
  extensionReason: string | null;
  /** Waivers asked for together share this id (the first one's) and are decided together. */
  requestId: number | null;
  requestedBy: number;
  requestedByEmail: string;
  requestedByName: string | null;
  requestedAt: number;
  expiresAt: number;
  status: "pending" | "approved" | "rejected" | "revoked";
  decidedByEmail: string | null;
  decidedByName: string | null;
  decidedAt: number | null;
  decisionNote: string | null;
  /** "expired" once an approved or pending waiver's expiry has passed. */
  effectiveStatus: WaiverItem["status"] | "expired";
  /** Every product of the request this waiver belongs to (one, unless a machine's products were asked for together). */
  requestProducts: string[];
};

const SELECT = `select w.id, w.finding_id as findingId, w.endpoint_id as endpointId, w.agency_id as agencyId, a.code as agencyCode,
  e.hostname, e.device_id as deviceId, f.product, f.version, w.justification, w.compensating_controls as compensatingControls,
  w.extension_reason as extensionReason, w.request_id as requestId, w.requested_by as requestedBy,
  ru.email as requestedByEmail, ru.name as requestedByName, w.requested_at as requestedAt, w.expires_at as expiresAt, w.status,
  du.email as decidedByEmail, du.name as decidedByName, w.decided_at as decidedAt, w.decision_note as decisionNote
  from waivers w
  join findings f on f.id = w.finding_id
  join endpoints e on e.id = w.endpoint_id
  join agencies a on a.id = w.agency_id
  left join users ru on ru.id = w.requested_by
  left join users du on du.id = w.decided_by`;

type Raw = Omit<WaiverItem, "productName" | "effectiveStatus" | "requestProducts">;

function withNames(db: Db, rows: Raw[], now = Date.now()): WaiverItem[] {
  const requests = [...new Set(rows.map((r) => r.requestId).filter((id): id is number => id !== null))];
  const products = new Map<number, string[]>();
  if (requests.length) {
    for (const r of prep(db, `select w.request_id as requestId, f.product from waivers w join findings f on f.id = w.finding_id where ${inIds("w.request_id", requests)} order by w.id`).all() as {
      requestId: number;
      product: string;
    }[]) {
      const list = products.get(r.requestId) ?? [];
      list.push(productName(r.product));
      products.set(r.requestId, list);
    }
  }
  return rows.map((r) => ({
    ...r,
    productName: productName(r.product),
    effectiveStatus: effectiveWaiverStatus(r, now),
    requestProducts: (r.requestId !== null ? products.get(r.requestId) : undefined) ?? [productName(r.product)],
  }));
}

/** Waivers with a given status in the scope (or in `ids`), oldest request first, at most `limit`. */
export function listWaivers(db: Db, scope: Scope, opts: { status?: WaiverItem["status"]; ids?: number[] | null; limit?: number } = {}): { items: WaiverItem[]; more: boolean } {
  const ids = opts.ids !== undefined ? opts.ids : scope.kind === "all" ? null : scope.ids;
  const limit = opts.limit ?? 100;
  const where = [inIds("w.agency_id", ids)];
  const params: Record<string, unknown> = {};
  if (opts.status) {
    where.push("w.status = @status");
    params.status = opts.status;
  }
  if (opts.status === "pending") {
    where.push("w.expires_at > @now");
    params.now = Date.now();
  }
  const order = opts.status === "pending" ? "w.requested_at, w.id" : "w.id desc";
  const rows = prep(db, `${SELECT} where ${where.join(" and ")} order by ${order} limit ${limit + 1}`).all(params) as Raw[];
  return { items: withNames(db, rows.slice(0, limit)), more: rows.length > limit };
}

export function countPendingWaivers(db: Db, scope: Scope): number {
  const ids = scope.kind === "all" ? null : scope.ids;
  return (prep(db, `select count(*) as n from waivers where status = 'pending' and expires_at > ? and ${inIds("agency_id", ids)}`).get(Date.now()) as { n: number }).n;
}

export function waiversForEndpoint(db: Db, endpointId: number, findingIds: number[]): WaiverItem[] {
  if (findingIds.length === 0) return [];
  const rows = prep(db, `${SELECT} where ${inIds("w.finding_id", findingIds)} and w.endpoint_id = ? order by w.id desc`).all(endpointId) as Raw[];
  return withNames(db, rows);
}
