// Revoking an endpoint: its device secret stops working at once (the next check-in gets 401) and
// the agent keeps its reports spooled. The machine stays in the figures: it turns stale when it
// stops reporting, so a revocation never makes a banned endpoint disappear from a report. It stays
// revoked, a new enrollment included, until an officer re-admits it; re-admitting also admits a
// re-enrollment that waits for approval (enroll.ts): its credential becomes the one that works.
import { assertInScope, type Scope } from "../access/scope";
import { type Actor, recordAudit } from "../audit/log";
import { type Db, inTransaction } from "../db/client";
import { notFound } from "../lib/errors";
import { admitPendingCredential, clearEndpointRevoked, endpointToAdmit, endpointToRevoke, setEndpointRevoked } from "./store-devices";

export function revokeEndpoint(db: Db, actor: Actor, scope: Scope, endpointId: number, now = Date.now()) {
  return inTransaction(db, () => {
    const ep = endpointToRevoke(db, endpointId);
    if (!ep) throw notFound("errors.endpointNotFound");
    assertInScope(scope, ep.agencyId);
    if (ep.revokedAt !== null) return { id: ep.id, revokedAt: ep.revokedAt, changed: false };
    setEndpointRevoked(db, now, ep.id);
    recordAudit(db, actor, { action: "endpoint.revoke", objectType: "endpoint", objectId: ep.id, agencyId: ep.agencyId, details: { deviceId: ep.deviceId, hostname: ep.hostname } }, now);
    return { id: ep.id, revokedAt: now, changed: true };
  });
}

export function admitEndpoint(db: Db, actor: Actor, scope: Scope, endpointId: number, now = Date.now()) {
  return inTransaction(db, () => {
    const ep = endpointToAdmit(db, endpointId);
    if (!ep) throw notFound("errors.endpointNotFound");
    assertInScope(scope, ep.agencyId);
    if (ep.revokedAt === null && ep.pendingSecretHash === null) return { id: ep.id, changed: false };
    if (ep.pendingSecretHash !== null) {
      // The waiting credential becomes the machine's: a new enrollment, its sequence from 1.
      admitPendingCredential(db, ep.pendingSecretHash, ep.id);
    } else {
      clearEndpointRevoked(db, ep.id);
    }
    recordAudit(
      db,
      actor,
      {
        action: "endpoint.admit",
        objectType: "endpoint",
        objectId: ep.id,
        agencyId: ep.agencyId,
        details: { deviceId: ep.deviceId, hostname: ep.hostname, wasRevoked: ep.revokedAt !== null, admittedEnrollmentOf: ep.pendingAt },
      },
      now,
    );
    return { id: ep.id, changed: true };
  });
}
