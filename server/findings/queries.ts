// What the dashboard needs to act on findings: an endpoint's findings with their current waiver.
import { assertInScope, type Scope } from "../access/scope";
import type { Db } from "../db/client";
import { notFound } from "../lib/errors";
import { endpointAgency } from "./store-endpoints";
import { endpointFindingsList } from "./store-findings";
import { endpointWaivers } from "./store-waivers";
import { effectiveWaiverStatus } from "./waivers";

export function listEndpointFindings(db: Db, scope: Scope, endpointId: number, now = Date.now()) {
  const ep = endpointAgency(db, endpointId);
  if (!ep) throw notFound("errors.endpointNotFound");
  assertInScope(scope, ep.agencyId);
  const findings = endpointFindingsList(db, endpointId);
  const waivers = endpointWaivers(db, endpointId);
  return findings.map((f) => {
    const latest = waivers.find((w) => w.findingId === f.id);
    return {
      ...f,
      policyIds: JSON.parse(f.policyIds) as number[],
      waiver: latest ? { ...latest, effectiveStatus: effectiveWaiverStatus(latest, now) } : null,
    };
  });
}
