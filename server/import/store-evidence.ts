// Data access for what rests on imported evidence: endpoints by evidence and state (on the
// evidence index, within some agencies), and the applied imports that touched an endpoint.
import type { Db } from "../db/client";
import { type EndpointState, type Evidence, IMPORT_SOURCES } from "../db/schema";
import { prep } from "../db/sql";

export type EvidenceStateCount = { evidence: Evidence; state: EndpointState; n: number };
export type EndpointImportRow = { importId: number; source: string; at: number; collectedAt: number; outcome: string };

/** Imported endpoints per tool and state, in these agencies (null: every agency). */
export function importedEndpointsByState(db: Db, agencyIds: readonly number[] | null): EvidenceStateCount[] {
  const scope = agencyIds === null ? "" : agencyIds.length ? ` and agency_id in (${agencyIds.map(() => "?").join(",")})` : " and 0";
  return prep(
    db,
    `select evidence, state, count(*) as n from endpoints indexed by endpoints_evidence_idx where evidence in (${IMPORT_SOURCES.map(() => "?").join(",")})${scope} group by evidence, state`,
  ).all(...IMPORT_SOURCES, ...(agencyIds ?? [])) as EvidenceStateCount[];
}

/** The applied imports that touched an endpoint, newest first. */
export function appliedImportsOfEndpoint(db: Db, endpointId: number, limit: number): EndpointImportRow[] {
  return prep(
    db,
    `select i.id as importId, i.source, i.started_at as at, i.collected_at as collectedAt, ie.outcome
     from import_endpoints ie join imports i on i.id = ie.import_id
     where ie.endpoint_id = ? and i.status = 'applied' order by i.id desc limit ${Math.floor(limit)}`,
  ).all(endpointId) as EndpointImportRow[];
}
