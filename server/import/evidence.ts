// How much of a figure rests on the agent and how much on each tool's imported inventory: endpoints
// by evidence and state, within some agencies. The imported endpoints are counted on the evidence
// index (the agent's are the rest of the live counters), so this stays cheap on a fleet of millions.
import type { Db } from "../db/client";
import { ENDPOINT_STATES, type EndpointState, type Evidence, IMPORT_SOURCES, type LevelField, STATE_LEVEL } from "../db/schema";
import { appliedImportsOfEndpoint, type EndpointImportRow, importedEndpointsByState } from "./store-evidence";

export type EvidenceRow = { evidence: Evidence; endpoints: number } & Record<EndpointState, number>;

const emptyRow = (evidence: Evidence): EvidenceRow => ({ evidence, endpoints: 0, ...(Object.fromEntries(ENDPOINT_STATES.map((s) => [s, 0])) as Record<EndpointState, number>) });

/** `totals`: the live counters of the same agencies. Rows with no endpoint are left out. */
export function evidenceSplit(db: Db, agencyIds: readonly number[] | null, totals: Record<LevelField, number>): EvidenceRow[] {
  const rows = importedEndpointsByState(db, agencyIds);
  const agent = emptyRow("agent");
  for (const s of ENDPOINT_STATES) agent[s] = totals[STATE_LEVEL[s]];
  const byTool = new Map<Evidence, EvidenceRow>();
  for (const r of rows) {
    let row = byTool.get(r.evidence);
    if (!row) byTool.set(r.evidence, (row = emptyRow(r.evidence)));
    row[r.state] += r.n;
    agent[r.state] -= r.n;
  }
  const out = [agent, ...IMPORT_SOURCES.flatMap((s) => (byTool.has(s) ? [byTool.get(s)!] : []))];
  for (const row of out) row.endpoints = ENDPOINT_STATES.reduce((n, s) => n + row[s], 0);
  return out.filter((r) => r.endpoints > 0);
}

/** The applied imports that touched an endpoint, newest first (its provenance). */
export function importsOfEndpoint(db: Db, endpointId: number, limit = 50): EndpointImportRow[] {
  return appliedImportsOfEndpoint(db, endpointId, limit);
}
