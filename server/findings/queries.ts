// What the dashboard needs to act on findings: an endpoint's findings with their current waiver.
import { assertInScope, type Scope } from "../access/scope";
import type { Db } from "../db/client";
import { prep } from "../db/sql";
import { notFound } from "../lib/errors";
import { effectiveWaiverStatus } from "./waivers";

export function listEndpointFindings(db: Db, scope: Scope, endpointId: number, now = Date.now()) {
  const ep = prep(db, "select id, agency_id as agencyId from endpoints where id = ?").get(endpointId) as { id: number; agencyId: number } | undefined;
  if (!ep) throw notFound("errors.endpointNotFound");
  assertInScope(scope, ep.agencyId);
  const findings = prep(
    db,
    `select id, vendor, product, version, status, presence, policy_ids as policyIds, first_detected_at as firstDetectedAt,
       last_changed_at as lastChangedAt, resolved_at as resolvedAt, resolved_seq as resolvedSeq, reopen_count as reopenCount,
       reopened_at as reopenedAt, waiver_id as waiverId
     from findings where endpoint_id = ? order by status = 'open' desc, first_detected_at`,
  ).all(endpointId) as {
    id: number;
    vendor: string;
    product: string;
    version: string;
    status: "open" | "resolved" | "excepted" | "withdrawn";
    presence: "installed" | "remnants" | "absent";
    policyIds: string;
    firstDetectedAt: number;
    lastChangedAt: number;
    resolvedAt: number | null;
    resolvedSeq: number | null;
    reopenCount: number;
    reopenedAt: number | null;
    waiverId: number | null;
  }[];
  const waivers = prep(
    db,
    `select id, finding_id as findingId, status, expires_at as expiresAt, requested_by as requestedBy, requested_at as requestedAt, justification
     from waivers where endpoint_id = ? order by id desc`,
  ).all(endpointId) as { id: number; findingId: number; status: "pending" | "approved" | "rejected" | "revoked"; expiresAt: number }[];
  return findings.map((f) => {
    const latest = waivers.find((w) => w.findingId === f.id);
    return {
      ...f,
      policyIds: JSON.parse(f.policyIds) as number[],
      waiver: latest ? { ...latest, effectiveStatus: effectiveWaiverStatus(latest, now) } : null,
    };
  });
}
