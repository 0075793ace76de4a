// Waivers: an exception for one finding. Any officer-level user (not an auditor) may request one
// for a finding in their scope, or for every open finding of one machine at once, with a
// justification, the compensating controls and an expiry (at most a year ahead; beyond the
// agency's deadline only with a reason); an administrator or a (global) officer other than the
// requester approves or rejects the request, with a decision note; an approved waiver can be
// revoked; once it expires it stops covering (the maintenance loop reopens the finding). Every
// step is audited and re-evaluates the endpoint in the same transaction.
import { z } from "zod";
import { assertInScope, type Scope, type Viewer } from "../access/scope";
import { type Actor, recordAudit } from "../audit/log";
import { type Db, inTransaction } from "../db/client";
import type { WaiverStatus } from "../db/schema";
import { agencyDeadline } from "./progress";
import { badRequest, conflict, forbidden, notFound } from "../lib/errors";
import { DAY_MS, parseDay } from "../lib/time";
import { recordWaiverRequested } from "../notify-events/record";
import { evaluateStoredEndpoints } from "./stored";
import { endpointAgency } from "./store-endpoints";
import { type FindingForWaiver, findingForWaiver, openFindingsForWaiver } from "./store-findings";
import { hasPendingWaiver, insertPendingWaiver, listWaiverRows, setWaiverDecision, startWaiverRequest, type WaiverRow, waiverById, waiversOfRequest } from "./store-waivers";

export const MAX_WAIVER_MS = 366 * 86_400_000;
const epochMs = z.union([z.number().int(), z.date().transform((d) => d.getTime())]);

export const ZRequestWaiverSchema = z
  .object({
    /** One finding, or (endpointId) every open finding of one machine in a single request. */
    findingId: z.number().int().positive().optional(),
    endpointId: z.number().int().positive().optional(),
    justification: z.string().trim().min(20, "errors.waiverJustification").max(2000),
    compensatingControls: z.string().trim().min(10, "errors.waiverControls").max(2000),
    expiresAt: epochMs,
    /** Required when the waiver lasts beyond the agency's deadline. */
    extensionReason: z.string().trim().max(2000).optional(),
  })
  .refine((v) => (v.findingId === undefined) !== (v.endpointId === undefined), { message: "errors.waiverTarget", path: ["findingId"] });
export const ZDecideWaiverSchema = z.object({
  waiverId: z.number().int().positive(),
  note: z.string().trim().min(5, "errors.decisionNote").max(2000),
});
export const ZRevokeWaiverSchema = z.object({
  waiverId: z.number().int().positive(),
  note: z.string().trim().max(2000).optional(),
});

type Who = Pick<Viewer, "id" | "role">;

function loadWaiver(db: Db, scope: Scope, id: number): WaiverRow {
  const w = waiverById(db, id);
  if (!w) throw notFound("errors.waiverNotFound");
  assertInScope(scope, w.agencyId);
  return w;
}

/** The waivers asked for in the same request as `w` (itself included). */
function requestOf(db: Db, w: WaiverRow): WaiverRow[] {
  if (w.requestId === null) return [w];
  return waiversOfRequest(db, w.requestId);
}

/** "expired" is derived: an approved waiver whose expiry has passed. */
export function effectiveWaiverStatus(w: { status: WaiverStatus; expiresAt: number }, now = Date.now()): WaiverStatus | "expired" {
  return (w.status === "approved" || w.status === "pending") && w.expiresAt <= now ? "expired" : w.status;
}

/** The end of the agency's deadline day (UTC), or null without a deadline. */
function deadlineEnd(db: Db, agencyId: number): { day: string; ms: number } | null {
  const day = agencyDeadline(db, agencyId);
  return day ? { day, ms: parseDay(day) + DAY_MS } : null;
}

export function requestWaiver(db: Db, who: Who, actor: Actor, scope: Scope, input: z.input<typeof ZRequestWaiverSchema>, now = Date.now()) {
  const data = ZRequestWaiverSchema.parse(input);
  if (who.role === "auditor") throw forbidden("errors.auditorsReadOnly");
  if (data.expiresAt <= now) throw conflict("errors.expiryInPast");
  if (data.expiresAt > now + MAX_WAIVER_MS) throw conflict("errors.waiverTooLong");
  return inTransaction(db, () => {
    let findings: FindingForWaiver[];
    if (data.findingId !== undefined) {
      const f = findingForWaiver(db, data.findingId);
      if (!f) throw notFound("errors.findingNotFound");
      assertInScope(scope, f.agencyId);
      if (f.status !== "open" && f.status !== "excepted") throw conflict("errors.findingNeedsNoWaiver", { status: f.status });
      findings = [f];
    } else {
      const ep = endpointAgency(db, data.endpointId!);
      if (!ep) throw notFound("errors.endpointNotFound");
      assertInScope(scope, ep.agencyId);
      findings = openFindingsForWaiver(db, ep.id);
      if (findings.length === 0) throw conflict("errors.noOpenFinding");
    }
    const deadline = deadlineEnd(db, findings[0]!.agencyId);
    if (deadline && data.expiresAt > deadline.ms && (data.extensionReason ?? "").length < 20) {
      throw badRequest(
        "errors.waiverOutlastsDeadline",
        { deadline: deadline.day },
        {
          fieldErrors: { extensionReason: [`Required beyond the deadline of ${deadline.day} (at least 20 characters)`] },
        },
      );
    }
    for (const f of findings) if (hasPendingWaiver(db, f.id, now)) throw conflict("errors.waiverPending", { product: f.product });
    const extension = deadline && data.expiresAt > deadline.ms ? data.extensionReason! : null;
    let requestId: number | null = null;
    const ids: number[] = [];
    for (const f of findings) {
      const id = insertPendingWaiver(db, {
        findingId: f.id,
        endpointId: f.endpointId,
        agencyId: f.agencyId,
        justification: data.justification,
        compensatingControls: data.compensatingControls,
        extensionReason: extension,
        requestId,
        requestedBy: who.id,
        requestedAt: now,
        expiresAt: data.expiresAt,
      });
      if (requestId === null) {
        requestId = id;
        startWaiverRequest(db, id);
      }
      ids.push(id);
      recordAudit(
        db,
        actor,
        {
          action: "waiver.request",
          objectType: "waiver",
          objectId: id,
          agencyId: f.agencyId,
          details: { findingId: f.id, product: f.product, expiresAt: data.expiresAt, requestId, compensatingControls: data.compensatingControls, extensionReason: extension },
        },
        now,
      );
    }
    // One request, one notification to those who may approve it (outbox, same transaction).
    recordWaiverRequested(db, ids[0]!, now);
    return { ...loadWaiver(db, scope, ids[0]!), waiverIds: ids };
  });
}

function decide(db: Db, who: Who, actor: Actor, scope: Scope, input: { waiverId: number; note?: string }, now: number, action: "approve" | "reject" | "revoke") {
  if (who.role === "auditor") throw forbidden("errors.auditorsReadOnly");
  if (action !== "revoke" && who.role !== "admin" && who.role !== "officer") throw forbidden("errors.onlyOfficersDecide");
  return inTransaction(db, () => {
    const first = loadWaiver(db, scope, input.waiverId);
    // A request covering several products is decided as one.
    const group = requestOf(db, first).filter((w) => w.status === first.status);
    for (const w of group) {
      if (action === "revoke") {
        if (w.status !== "approved") throw conflict("errors.onlyApprovedRevoke", { status: w.status });
      } else {
        if (w.status !== "pending") throw conflict("errors.waiverAlreadyDecided", { status: w.status });
        if (action === "approve") {
          if (w.requestedBy === who.id) throw forbidden("errors.approverNotRequester");
          if (w.expiresAt <= now) throw conflict("errors.waiverExpired");
        }
      }
    }
    const to: WaiverStatus = action === "approve" ? "approved" : action === "reject" ? "rejected" : "revoked";
    for (const w of group) {
      setWaiverDecision(db, w.id, to, who.id, now, input.note ?? null);
      recordAudit(
        db,
        actor,
        {
          action: `waiver.${action}`,
          objectType: "waiver",
          objectId: w.id,
          agencyId: w.agencyId,
          details: { findingId: w.findingId, from: w.status, to, note: input.note ?? null, requestId: w.requestId },
        },
        now,
      );
    }
    if (action !== "reject") evaluateStoredEndpoints(db, [...new Set(group.map((w) => w.endpointId))], now);
    return { ...loadWaiver(db, scope, first.id), decided: group.length };
  });
}

export const approveWaiver = (db: Db, who: Who, actor: Actor, scope: Scope, input: z.input<typeof ZDecideWaiverSchema>, now = Date.now()) =>
  decide(db, who, actor, scope, ZDecideWaiverSchema.parse(input), now, "approve");
export const rejectWaiver = (db: Db, who: Who, actor: Actor, scope: Scope, input: z.input<typeof ZDecideWaiverSchema>, now = Date.now()) =>
  decide(db, who, actor, scope, ZDecideWaiverSchema.parse(input), now, "reject");
export const revokeWaiver = (db: Db, who: Who, actor: Actor, scope: Scope, input: z.input<typeof ZRevokeWaiverSchema>, now = Date.now()) =>
  decide(db, who, actor, scope, ZRevokeWaiverSchema.parse(input), now, "revoke");

export const ZListWaiversSchema = z.object({
  status: z.enum(["pending", "approved", "rejected", "revoked", "expired"]).optional(),
  endpointId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

/** Waivers in scope, newest first, with the finding and endpoint they concern. */
export function listWaivers(db: Db, scope: Scope, input: z.input<typeof ZListWaiversSchema> = {}, now = Date.now()) {
  const q = ZListWaiversSchema.parse(input);
  if (scope.kind === "agencies" && !scope.ids.length) return [];
  const rows = listWaiverRows(db, { agencyIds: scope.kind === "agencies" ? scope.ids : null, endpointId: q.endpointId, status: q.status, now, limit: q.limit });
  return rows.map((r) => ({ ...r, effectiveStatus: effectiveWaiverStatus(r, now) }));
}
