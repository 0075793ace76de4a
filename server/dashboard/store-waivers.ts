// The statements behind the dashboard's waiver lists (waivers.ts): waivers with their finding, endpoint,
// agency and people, by agency subtree and status, of an endpoint, and the products of their requests.
import type { Db } from "../db/client";
import { prep } from "../db/sql";
import { inIds } from "../db/read-sql";

/** A waiver as read, with its finding's product and version, endpoint, agency and the people involved. */
export type DashboardWaiverRow = {
  id: number;
  findingId: number;
  endpointId: number;
  agencyId: number;
  agencyCode: string;
  hostname: string;
  deviceId: string;
  product: string;
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

/** Waivers of the agencies `ids` (null: all), with `status` if given (pending: those not expired at `now`),
 *  oldest request first when pending, else newest first; at most `limit`. */
export function waiversOfAgencies(db: Db, ids: readonly number[] | null, status: DashboardWaiverRow["status"] | undefined, now: number, limit: number): DashboardWaiverRow[] {
  const where = [inIds("w.agency_id", ids)];
  const params: Record<string, unknown> = {};
  if (status) {
    where.push("w.status = @status");
    params.status = status;
  }
  if (status === "pending") {
    where.push("w.expires_at > @now");
    params.now = now;
  }
  const order = status === "pending" ? "w.requested_at, w.id" : "w.id desc";
  return prep(db, `${SELECT} where ${where.join(" and ")} order by ${order} limit ${limit}`).all(params) as DashboardWaiverRow[];
}

/** Pending waivers of the agencies `ids` (null: all) that have not expired at `now`. */
export function countPendingWaiversOf(db: Db, ids: readonly number[] | null, now: number): number {
  return (prep(db, `select count(*) as n from waivers where status = 'pending' and expires_at > ? and ${inIds("agency_id", ids)}`).get(now) as { n: number }).n;
}

/** The waivers of an endpoint's findings, newest first. */
export function waiversOfEndpointFindings(db: Db, endpointId: number, findingIds: readonly number[]): DashboardWaiverRow[] {
  return prep(db, `${SELECT} where ${inIds("w.finding_id", findingIds)} and w.endpoint_id = ? order by w.id desc`).all(endpointId) as DashboardWaiverRow[];
}

/** The products (slugs) of the waivers of these requests, by request, in waiver order. */
export function productsOfRequests(db: Db, requestIds: readonly number[]): { requestId: number; product: string }[] {
  return prep(db, `select w.request_id as requestId, f.product from waivers w join findings f on f.id = w.finding_id where ${inIds("w.request_id", requestIds)} order by w.id`).all() as {
    requestId: number;
    product: string;
  }[];
}
