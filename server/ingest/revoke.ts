// Revoking an endpoint: its device secret stops working at once (the next check-in gets 401) and
// the agent keeps its reports spooled until it is enrolled again with a valid token. The machine
// stays in the figures: it turns stale when it stops reporting, so a revocation never makes a
// banned endpoint disappear from a report.
import { assertInScope, type Scope } from "../access/scope";
import { type Actor, recordAudit } from "../audit/log";
import { type Db, inTransaction } from "../db/client";
import { notFound } from "../lib/errors";
import { prep } from "./sql";

export function revokeEndpoint(db: Db, actor: Actor, scope: Scope, endpointId: number, now = Date.now()) {
  return inTransaction(db, () => {
    const ep = prep(db, "select id, agency_id as agencyId, device_id as deviceId, hostname, revoked_at as revokedAt from endpoints where id = ?").get(endpointId) as
      | { id: number; agencyId: number; deviceId: string; hostname: string; revokedAt: number | null }
      | undefined;
    if (!ep) throw notFound("Endpoint");
    assertInScope(scope, ep.agencyId);
    if (ep.revokedAt !== null) return { id: ep.id, revokedAt: ep.revokedAt, changed: false };
    prep(db, "update endpoints set revoked_at = ? where id = ?").run(now, ep.id);
    recordAudit(db, actor, { action: "endpoint.revoke", objectType: "endpoint", objectId: ep.id, agencyId: ep.agencyId, details: { deviceId: ep.deviceId, hostname: ep.hostname } }, now);
    return { id: ep.id, revokedAt: now, changed: true };
  });
}
