// Enrollment: an agent trades an enrollment token for a device credential. The token is looked up
// by its SHA-256 and checked (expiry, uses, revocation) in the same transaction that uses it. The
// endpoint is created in the token's agency, or found again when the same hardware id (stored
// salted, hardware-id.ts) is already enrolled there: reinstalling an agent never duplicates a
// machine. Finding it again never deletes anything and never undoes an officer's decision:
// - the earlier check-ins stay (a new enrollment gets its own sequence, checkins.enrollment);
// - a revoked endpoint stays revoked: the new credential waits until an officer re-admits it;
// - an endpoint that reported within the stale window is the machine itself only when the agent
//   proves the credential it holds; otherwise (a clone, or someone who read the machine id) the
//   attempt is an event on the endpoint's timeline and, by MUSTER_REENROLL, the new credential waits
//   for an officer ("approval", the old one keeps working) or is refused ("credential").
import { randomBytes } from "node:crypto";
import { type Actor, recordAudit } from "../audit/log";
import { config } from "../config";
import { type Db, inTransaction } from "../db/client";
import { tokenStatus } from "../enrollment/tokens";
import { applyDeltas, CounterDeltas } from "../findings/counters";
import { importedEndpointToAdopt } from "./adopt";
import { equalHex, sha256Hex } from "../lib/crypto";
import { newDeviceSecret } from "./device-secret";
import { storedHardwareId } from "./hardware-id";
import type { EnrollInput } from "./schemas";
import {
  adoptEndpointForAgent,
  countEnrollmentTokenUse,
  deviceIdOf,
  type EnrolledEndpointRow,
  type EnrollTokenRow,
  endpointByHardwareId,
  enrollmentTokenByHash,
  insertEnrolledEndpoint,
  insertReenrolledEvent,
  rotateEndpointCredential,
  setPendingCredential,
} from "./store-enroll";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const DAY_MS = 86_400_000;

/** "dev_" + 20 base32 characters (100 random bits): opaque, never the row id. */
export function newDeviceId(): string {
  const bytes = randomBytes(20);
  let out = "dev_";
  for (let i = 0; i < 20; i++) out += BASE32[bytes[i]! & 31];
  return out;
}

export class EnrollRejected extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly code: "token_invalid" | "token_expired" | "token_exhausted" | "token_revoked" | "reenroll_refused",
    message: string,
  ) {
    super(message);
  }
}

export type EnrollResult = {
  deviceId: string;
  deviceSecret: string;
  endpointId: number;
  agencyId: number;
  reused: boolean;
  /** Set when the credential only works once an officer admits it; says why. */
  pending: string | null;
};

const PENDING_REVOKED = "This machine was revoked by an officer: its new credential works once an officer re-admits it (Endpoints, the machine, Re-admit).";
const PENDING_RECENT = "This machine reported recently under another credential and this one could not prove it holds it: an officer must admit this enrollment (possible clone or takeover).";

function checkToken(db: Db, enrollToken: string, now: number): EnrollTokenRow {
  const token = enrollmentTokenByHash(db, sha256Hex(enrollToken));
  if (!token) throw new EnrollRejected(401, "token_invalid", "Unknown enrollment token");
  const status = tokenStatus(token, now);
  if (status === "expired") throw new EnrollRejected(403, "token_expired", "This enrollment token has expired");
  if (status === "exhausted") throw new EnrollRejected(403, "token_exhausted", "This enrollment token has been used as many times as allowed");
  if (status === "revoked") throw new EnrollRejected(403, "token_revoked", "This enrollment token was revoked");
  return token;
}

function createEndpoint(db: Db, token: EnrollTokenRow, input: EnrollInput, hardwareId: string, now: number) {
  const deviceId = newDeviceId();
  const secret = newDeviceSecret(deviceId);
  const endpointId = insertEnrolledEndpoint(db, deviceId, token.agencyId, input, hardwareId, sha256Hex(secret), now, token.id);
  const deltas = new CounterDeltas();
  deltas.add(token.agencyId, now, "endpoints", 1);
  deltas.add(token.agencyId, now, "neverReported", 1);
  applyDeltas(db, deltas);
  return { deviceId, secret, endpointId };
}

/** An endpoint created by an inventory import becomes this agent's: first enrollment, its own credential. */
function adoptImported(db: Db, token: EnrollTokenRow, input: EnrollInput, hardwareId: string, endpointId: number) {
  const { deviceId } = deviceIdOf(db, endpointId);
  const secret = newDeviceSecret(deviceId);
  adoptEndpointForAgent(db, sha256Hex(secret), hardwareId, input, token.id, endpointId);
  return { deviceId, secret, endpointId };
}

type Outcome = "new" | "rotated" | "pending" | "refused";

/** What finding the machine again leads to. */
export function reenrollOutcome(ep: EnrolledEndpointRow, input: EnrollInput, now: number, mode = config.reenrollMode): { outcome: Exclude<Outcome, "new">; recent: boolean; proved: boolean } {
  const recent = ep.lastReportAt !== null && now - ep.lastReportAt < config.staleDays * DAY_MS;
  const proved = input.previous?.deviceId === ep.deviceId && equalHex(sha256Hex(input.previous.deviceSecret), ep.secretHash);
  if (ep.revokedAt !== null) return { outcome: "pending", recent, proved };
  if (!recent || proved) return { outcome: "rotated", recent, proved };
  return { outcome: mode === "credential" ? "refused" : "pending", recent, proved };
}

export function enrollDevice(db: Db, input: EnrollInput, ctx: { ip?: string | null; now?: number } = {}): EnrollResult {
  const now = ctx.now ?? Date.now();
  const result = inTransaction(db, () => {
    const token = checkToken(db, input.enrollToken, now);
    const hardwareId = storedHardwareId(db, input.hardwareId);
    const ep = endpointByHardwareId(db, token.agencyId, hardwareId);
    // A machine only an inventory import described so far (one endpoint of the agency with this
    // hostname, never enrolled by an agent): the agent takes that endpoint over instead of
    // duplicating it. It held no agent credential, so there is nothing to prove.
    const adopt = ep ? undefined : importedEndpointToAdopt(db, token.agencyId, input.hostname);

    let outcome: Outcome = "new";
    let r: { deviceId: string; secret: string; endpointId: number };
    let details: Record<string, unknown> = {};
    if (!ep) r = adopt !== undefined ? adoptImported(db, token, input, hardwareId, adopt) : createEndpoint(db, token, input, hardwareId, now);
    else {
      const d = reenrollOutcome(ep, input, now);
      outcome = d.outcome;
      const secret = newDeviceSecret(ep.deviceId);
      r = { deviceId: ep.deviceId, secret, endpointId: ep.id };
      details = { previousLastSeq: ep.lastSeq, reportedRecently: d.recent, provedOldCredential: d.proved, wasRevoked: ep.revokedAt !== null };
      if (outcome === "rotated") {
        rotateEndpointCredential(db, sha256Hex(secret), input, token.id, ep.id);
      } else if (outcome === "pending") {
        setPendingCredential(db, sha256Hex(secret), now, ep.id);
      }
      if (d.recent && !d.proved) {
        // On the endpoint's timeline, where the officer looks: someone else holds this machine's identity.
        insertReenrolledEvent(db, ep.id, now, `${outcome} · as ${input.hostname}`.slice(0, 512));
      }
    }
    if (outcome !== "refused") countEnrollmentTokenUse(db, now, token.id);
    const actor: Actor = { userId: null, label: `agent:${r.deviceId}`, ip: ctx.ip ?? null };
    recordAudit(
      db,
      actor,
      {
        action: outcome === "refused" ? "endpoint.enroll_refused" : "endpoint.enroll",
        objectType: "endpoint",
        objectId: r.endpointId,
        agencyId: token.agencyId,
        details: {
          deviceId: r.deviceId,
          hostname: input.hostname,
          platform: input.os.platform,
          token: token.tokenPrefix,
          reused: !!ep,
          outcome,
          ...details,
          ...(adopt !== undefined ? { tookOverImported: true } : {}),
        },
      },
      now,
    );
    return { ...r, agencyId: token.agencyId, reused: !!ep || adopt !== undefined, outcome, wasRevoked: ep?.revokedAt != null };
  });
  // Refused after the transaction: the timeline event and the audit entry of the attempt stay.
  if (result.outcome === "refused") {
    throw new EnrollRejected(
      403,
      "reenroll_refused",
      "This machine reported recently under another credential: enroll again from the machine itself (its state folder holds the credential), or ask an officer",
    );
  }
  return {
    deviceId: result.deviceId,
    deviceSecret: result.secret,
    endpointId: result.endpointId,
    agencyId: result.agencyId,
    reused: result.reused,
    pending: result.outcome === "pending" ? (result.wasRevoked ? PENDING_REVOKED : PENDING_RECENT) : null,
  };
}
