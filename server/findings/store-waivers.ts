// Waivers: one by id or by request, the one in force for a finding (evaluation), those in force
// for every finding (bulk re-evaluation), an endpoint's, the filtered list, and a request's writes.
import type { Db } from "../db/client";
import type { WaiverStatus } from "../db/schema";
import { prep } from "../db/sql";

export type WaiverRow = {
  id: number;
  findingId: number;
  endpointId: number;
  agencyId: number;
  justification: string;
  compensatingControls: string;
  extensionReason: string | null;
  requestId: number | null;
  requestedBy: number;
  requestedAt: number;
  expiresAt: number;
  status: WaiverStatus;
  decidedBy: number | null;
  decidedAt: number | null;
  decisionNote: string | null;
};

const WAIVER_COLS = `w.id, w.finding_id as findingId, w.endpoint_id as endpointId, w.agency_id as agencyId, w.justification,
  w.compensating_controls as compensatingControls, w.extension_reason as extensionReason, w.request_id as requestId,
  w.requested_by as requestedBy, w.requested_at as requestedAt, w.expires_at as expiresAt, w.status, w.decided_by as decidedBy,
  w.decided_at as decidedAt, w.decision_note as decisionNote`;

/**
 * The approved, unexpired waiver of one finding. By its finding: left to itself SQLite picks the
 * (status, expires_at) index and reads every waiver in force for each finding it evaluates.
 */
export const WAIVER_IN_FORCE = "select id from waivers indexed by waivers_finding_idx where finding_id = ? and status = 'approved' and expires_at > ? order by expires_at desc limit 1";

/** The id of the waiver in force for a finding at `now`, or null. */
export function waiverInForce(db: Db, findingId: number, now: number): number | null {
  return (prep(db, WAIVER_IN_FORCE).get(findingId, now) as { id: number } | undefined)?.id ?? null;
}

/** Approved waivers that have not expired, as [finding id, waiver id], latest-expiring last. */
export function waiversInForceByFinding(db: Db, now: number): [number, number][] {
  return prep(db, "select finding_id, id from waivers where status = 'approved' and expires_at > ? order by expires_at").raw(true).all(now) as [number, number][];
}

export function waiverById(db: Db, id: number): WaiverRow | undefined {
  return prep(db, `select ${WAIVER_COLS} from waivers w where w.id = ?`).get(id) as WaiverRow | undefined;
}

/** The waivers asked for in one request, by id. */
export function waiversOfRequest(db: Db, requestId: number): WaiverRow[] {
  return prep(db, `select ${WAIVER_COLS} from waivers w indexed by waivers_request_idx where w.request_id = ? order by w.id`).all(requestId) as WaiverRow[];
}

/** Whether a finding has a pending, unexpired waiver request. */
export function hasPendingWaiver(db: Db, findingId: number, now: number): boolean {
  return prep(db, "select id from waivers indexed by waivers_finding_idx where finding_id = ? and status = 'pending' and expires_at > ?").get(findingId, now) !== undefined;
}

export type NewWaiver = {
  findingId: number;
  endpointId: number;
  agencyId: number;
  justification: string;
  compensatingControls: string;
  extensionReason: string | null;
  requestId: number | null;
  requestedBy: number;
  requestedAt: number;
  expiresAt: number;
};

/** Records a pending waiver request; its id. */
export function insertPendingWaiver(db: Db, w: NewWaiver): number {
  return Number(
    prep(
      db,
      `insert into waivers (finding_id, endpoint_id, agency_id, justification, compensating_controls, extension_reason, request_id, requested_by, requested_at, expires_at, status)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
    ).run(w.findingId, w.endpointId, w.agencyId, w.justification, w.compensatingControls, w.extensionReason, w.requestId, w.requestedBy, w.requestedAt, w.expiresAt).lastInsertRowid,
  );
}

/** Makes the waiver `id` the first of its own request (the request's id is its first waiver's). */
export function startWaiverRequest(db: Db, id: number): void {
  prep(db, "update waivers set request_id = ? where id = ?").run(id, id);
}

export function setWaiverDecision(db: Db, id: number, status: WaiverStatus, decidedBy: number, decidedAt: number, note: string | null): void {
  prep(db, "update waivers set status = ?, decided_by = ?, decided_at = ?, decision_note = ? where id = ?").run(status, decidedBy, decidedAt, note, id);
}

/** An endpoint's waivers (the fields its findings list shows), newest first. */
export type EndpointWaiverRow = {
  id: number;
  findingId: number;
  status: WaiverStatus;
  expiresAt: number;
  requestedBy: number;
  requestedAt: number;
  justification: string;
};

export function endpointWaivers(db: Db, endpointId: number): EndpointWaiverRow[] {
  return prep(
    db,
    `select id, finding_id as findingId, status, expires_at as expiresAt, requested_by as requestedBy, requested_at as requestedAt, justification
     from waivers where endpoint_id = ? order by id desc`,
  ).all(endpointId) as EndpointWaiverRow[];
}

export type WaiverFilter = {
  /** null: every agency; otherwise a non-empty list. */
  agencyIds: readonly number[] | null;
  endpointId?: number;
  /** "expired" is derived: pending or approved with the expiry passed at `now`. */
  status?: WaiverStatus | "expired";
  now: number;
  limit: number;
};

export type WaiverListRow = WaiverRow & {
  vendor: string;
  product: string;
  findingStatus: string;
  hostname: string;
  deviceId: string;
  requestedByEmail: string | null;
  decidedByEmail: string | null;
};

/** Waivers matching the filter, newest first, with the finding, endpoint and users they concern. Its text depends on the filter: prepared outside the cache. */
export function listWaiverRows(db: Db, q: WaiverFilter): WaiverListRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.agencyIds) {
    where.push(`w.agency_id in (${q.agencyIds.map(() => "?").join(",")})`);
    args.push(...q.agencyIds);
  }
  if (q.endpointId) {
    where.push("w.endpoint_id = ?");
    args.push(q.endpointId);
  }
  if (q.status === "expired") {
    where.push("w.status in ('pending', 'approved') and w.expires_at <= ?");
    args.push(q.now);
  } else if (q.status === "pending" || q.status === "approved") {
    where.push("w.status = ? and w.expires_at > ?");
    args.push(q.status, q.now);
  } else if (q.status) {
    where.push("w.status = ?");
    args.push(q.status);
  }
  return db.$client
    .prepare(
      `select ${WAIVER_COLS}, f.vendor, f.product, f.status as findingStatus, e.hostname, e.device_id as deviceId,
         ru.email as requestedByEmail, du.email as decidedByEmail
       from waivers w join findings f on f.id = w.finding_id join endpoints e on e.id = w.endpoint_id
       left join users ru on ru.id = w.requested_by left join users du on du.id = w.decided_by
       ${where.length ? `where ${where.join(" and ")}` : ""} order by w.id desc limit ?`,
    )
    .all(...args, q.limit) as WaiverListRow[];
}
