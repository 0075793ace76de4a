// Waivers: an exception for one finding. Any officer-level user (not an auditor) may request one
// for a finding in their scope, with a justification and an expiry (at most a year ahead); an
// administrator or a (global) officer other than the requester approves or rejects it; an
// approved waiver can be revoked; once it expires it stops covering (the maintenance loop reopens
// the finding). Every step is audited and re-evaluates the endpoint in the same transaction.
import { z } from "zod";
import { assertInScope, type Scope, type Viewer } from "../access/scope";
import { type Actor, recordAudit } from "../audit/log";
import { type Db, inTransaction } from "../db/client";
import type { WaiverStatus } from "../db/schema";
import { prep } from "../ingest/sql";
import { conflict, forbidden, notFound } from "../lib/errors";
import { evaluateStoredEndpoints } from "./stored";

export const MAX_WAIVER_MS = 366 * 86_400_000;
const epochMs = z.union([z.number().int(), z.date().transform((d) => d.getTime())]);

export const ZRequestWaiverSchema = z.object({
  findingId: z.number().int().positive(),
  justification: z.string().trim().min(20, "Explain why in at least 20 characters").max(2000),
  expiresAt: epochMs,
});
export const ZDecideWaiverSchema = z.object({
  waiverId: z.number().int().positive(),
  note: z.string().trim().max(2000).optional(),
});

type Who = Pick<Viewer, "id" | "role">;

type WaiverRow = {
  id: number;
  findingId: number;
  endpointId: number;
  agencyId: number;
  justification: string;
  requestedBy: number;
  requestedAt: number;
  expiresAt: number;
  status: WaiverStatus;
  decidedBy: number | null;
  decidedAt: number | null;
  decisionNote: string | null;
};

const WAIVER_COLS = `w.id, w.finding_id as findingId, w.endpoint_id as endpointId, w.agency_id as agencyId, w.justification,
  w.requested_by as requestedBy, w.requested_at as requestedAt, w.expires_at as expiresAt, w.status, w.decided_by as decidedBy,
  w.decided_at as decidedAt, w.decision_note as decisionNote`;

function loadWaiver(db: Db, scope: Scope, id: number): WaiverRow {
  const w = prep(db, `select ${WAIVER_COLS} from waivers w where w.id = ?`).get(id) as WaiverRow | undefined;
  if (!w) throw notFound("Waiver");
  assertInScope(scope, w.agencyId);
  return w;
}

/** "expired" is derived: an approved waiver whose expiry has passed. */
export function effectiveWaiverStatus(w: { status: WaiverStatus; expiresAt: number }, now = Date.now()): WaiverStatus | "expired" {
  return (w.status === "approved" || w.status === "pending") && w.expiresAt <= now ? "expired" : w.status;
}

export function requestWaiver(db: Db, who: Who, actor: Actor, scope: Scope, input: z.input<typeof ZRequestWaiverSchema>, now = Date.now()) {
  const data = ZRequestWaiverSchema.parse(input);
  if (who.role === "auditor") throw forbidden("Auditors have read-only access");
  if (data.expiresAt <= now) throw conflict("The expiry must be in the future");
  if (data.expiresAt > now + MAX_WAIVER_MS) throw conflict("A waiver lasts at most one year");
  return inTransaction(db, () => {
    const f = prep(db, "select id, endpoint_id as endpointId, agency_id as agencyId, product, status from findings where id = ?").get(data.findingId) as
      | { id: number; endpointId: number; agencyId: number; product: string; status: string }
      | undefined;
    if (!f) throw notFound("Finding");
    assertInScope(scope, f.agencyId);
    if (f.status !== "open" && f.status !== "excepted") throw conflict(`A ${f.status} finding needs no waiver`);
    const pending = prep(db, "select id from waivers indexed by waivers_finding_idx where finding_id = ? and status = 'pending' and expires_at > ?").get(f.id, now);
    if (pending) throw conflict("A waiver for this finding is already awaiting a decision");
    const id = Number(
      prep(
        db,
        "insert into waivers (finding_id, endpoint_id, agency_id, justification, requested_by, requested_at, expires_at, status) values (?, ?, ?, ?, ?, ?, ?, 'pending')",
      ).run(f.id, f.endpointId, f.agencyId, data.justification, who.id, now, data.expiresAt).lastInsertRowid,
    );
    recordAudit(
      db,
      actor,
      { action: "waiver.request", objectType: "waiver", objectId: id, agencyId: f.agencyId, details: { findingId: f.id, product: f.product, expiresAt: data.expiresAt } },
      now,
    );
    return loadWaiver(db, scope, id);
  });
}

function decide(
  db: Db,
  who: Who,
  actor: Actor,
  scope: Scope,
  input: z.input<typeof ZDecideWaiverSchema>,
  now: number,
  action: "approve" | "reject" | "revoke",
) {
  const data = ZDecideWaiverSchema.parse(input);
  if (who.role === "auditor") throw forbidden("Auditors have read-only access");
  if (action !== "revoke" && who.role !== "admin" && who.role !== "officer") throw forbidden("Only administrators and officers decide on waivers");
  return inTransaction(db, () => {
    const w = loadWaiver(db, scope, data.waiverId);
    const from = w.status;
    if (action === "revoke") {
      if (w.status !== "approved") throw conflict(`Only an approved waiver can be revoked (this one is ${w.status})`);
    } else {
      if (w.status !== "pending") throw conflict(`This waiver was already ${w.status}`);
      if (action === "approve") {
        if (w.requestedBy === who.id) throw forbidden("A waiver must be approved by someone other than its requester");
        if (w.expiresAt <= now) throw conflict("This waiver's expiry has passed; request a new one");
      }
    }
    const to: WaiverStatus = action === "approve" ? "approved" : action === "reject" ? "rejected" : "revoked";
    prep(db, "update waivers set status = ?, decided_by = ?, decided_at = ?, decision_note = ? where id = ?").run(to, who.id, now, data.note ?? null, w.id);
    recordAudit(
      db,
      actor,
      { action: `waiver.${action}`, objectType: "waiver", objectId: w.id, agencyId: w.agencyId, details: { findingId: w.findingId, from, to, note: data.note ?? null } },
      now,
    );
    if (action !== "reject") evaluateStoredEndpoints(db, [w.endpointId], now);
    return loadWaiver(db, scope, w.id);
  });
}

export const approveWaiver = (db: Db, who: Who, actor: Actor, scope: Scope, input: z.input<typeof ZDecideWaiverSchema>, now = Date.now()) =>
  decide(db, who, actor, scope, input, now, "approve");
export const rejectWaiver = (db: Db, who: Who, actor: Actor, scope: Scope, input: z.input<typeof ZDecideWaiverSchema>, now = Date.now()) =>
  decide(db, who, actor, scope, input, now, "reject");
export const revokeWaiver = (db: Db, who: Who, actor: Actor, scope: Scope, input: z.input<typeof ZDecideWaiverSchema>, now = Date.now()) =>
  decide(db, who, actor, scope, input, now, "revoke");

export const ZListWaiversSchema = z.object({
  status: z.enum(["pending", "approved", "rejected", "revoked", "expired"]).optional(),
  endpointId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

/** Waivers in scope, newest first, with the finding and endpoint they concern. */
export function listWaivers(db: Db, scope: Scope, input: z.input<typeof ZListWaiversSchema> = {}, now = Date.now()) {
  const q = ZListWaiversSchema.parse(input);
  const where: string[] = [];
  const args: unknown[] = [];
  if (scope.kind === "agencies") {
    if (!scope.ids.length) return [];
    where.push(`w.agency_id in (${scope.ids.map(() => "?").join(",")})`);
    args.push(...scope.ids);
  }
  if (q.endpointId) {
    where.push("w.endpoint_id = ?");
    args.push(q.endpointId);
  }
  if (q.status === "expired") {
    where.push("w.status in ('pending', 'approved') and w.expires_at <= ?");
    args.push(now);
  } else if (q.status === "pending" || q.status === "approved") {
    where.push("w.status = ? and w.expires_at > ?");
    args.push(q.status, now);
  } else if (q.status) {
    where.push("w.status = ?");
    args.push(q.status);
  }
  const rows = db.$client
    .prepare(
      `select ${WAIVER_COLS}, f.vendor, f.product, f.status as findingStatus, e.hostname, e.device_id as deviceId,
         ru.email as requestedByEmail, du.email as decidedByEmail
       from waivers w join findings f on f.id = w.finding_id join endpoints e on e.id = w.endpoint_id
       left join users ru on ru.id = w.requested_by left join users du on du.id = w.decided_by
       ${where.length ? `where ${where.join(" and ")}` : ""} order by w.id desc limit ?`,
    )
    .all(...args, q.limit) as (WaiverRow & Record<string, unknown>)[];
  return rows.map((r) => ({ ...r, effectiveStatus: effectiveWaiverStatus(r, now) }));
}
