// Endpoint and observation statements of imports: the endpoint as an import sees it, the rows of
// one tool's observations, and the before-image an undo puts back. Typed rows, portable SQL.
import type { Platform } from "~/agent/shared/protocol";
import type { Db } from "../db/client";
import type { EndpointState, Evidence, ImportSource } from "../db/schema";
import { prep } from "../db/sql";

export type ImportEndpoint = {
  id: number;
  agencyId: number;
  hostname: string;
  osPlatform: Platform;
  osName: string;
  osVersion: string;
  agentVersion: string;
  state: EndpointState;
  stateChangedAt: number;
  lastSeq: number;
  evidence: Evidence;
  firstReportAt: number | null;
  lastReportAt: number | null;
  lastCollectedAt: number | null;
  importedAt: number | null;
  reportDigest: string | null;
};

const ENDPOINT_COLUMNS = `id, agency_id as agencyId, hostname, os_platform as osPlatform, os_name as osName, os_version as osVersion,
  agent_version as agentVersion, state, state_changed_at as stateChangedAt, last_seq as lastSeq, evidence, first_report_at as firstReportAt,
  last_report_at as lastReportAt, last_collected_at as lastCollectedAt, imported_at as importedAt, report_digest as reportDigest`;

export function getImportEndpoint(db: Db, id: number): ImportEndpoint | undefined {
  return prep(db, `select ${ENDPOINT_COLUMNS} from endpoints where id = ?`).get(id) as ImportEndpoint | undefined;
}

/** When the agent last collected a report of this endpoint (its check-ins), or null. */
export function lastAgentCollectedAt(db: Db, endpointId: number): number | null {
  return (prep(db, "select max(collected_at) as at from checkins where endpoint_id = ?").get(endpointId) as { at: number | null }).at;
}

/** The endpoint with this hardware id in the agency, if any (unique by the index). */
export function endpointByHardwareId(db: Db, agencyId: number, hardwareId: string): number | undefined {
  return (prep(db, "select id from endpoints where agency_id = ? and hardware_id = ?").get(agencyId, hardwareId) as { id: number } | undefined)?.id;
}

/** Every endpoint of an agency with its hostname (for matching by hostname). */
export function agencyHostnames(db: Db, agencyId: number): { id: number; hostname: string }[] {
  return prep(db, "select id, hostname from endpoints where agency_id = ?").all(agencyId) as { id: number; hostname: string }[];
}

/** An endpoint only a tool knows (never reported; `collectedAt`: with its evidence times already). */
export function insertImportedEndpoint(
  db: Db,
  e: {
    deviceId: string;
    agencyId: number;
    hostname: string;
    platform: Platform;
    osName: string;
    osVersion: string;
    hardwareId: string;
    secretHash: string;
    evidence: ImportSource;
    now: number;
    collectedAt?: number;
  },
): number {
  const at = e.collectedAt ?? null;
  return Number(
    prep(
      db,
      `insert into endpoints (device_id, agency_id, hostname, os_platform, os_name, os_version, hardware_id, secret_hash, enrolled_at, state, state_changed_at, evidence,
         last_collected_at, last_report_at, first_report_at, imported_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'never-reported', ?, ?, ?, ?, ?, ?)`,
    ).run(e.deviceId, e.agencyId, e.hostname, e.platform, e.osName, e.osVersion, e.hardwareId, e.secretHash, e.now, e.now, e.evidence, at, at, at, at === null ? null : e.now).lastInsertRowid,
  );
}

/** Evidence and times after an import (see the endpoints schema for what each column means). */
export function setImportEvidence(
  db: Db,
  id: number,
  e: { evidence: Evidence; lastCollectedAt: number | null; lastReportAt: number | null; firstReportAt: number | null; importedAt: number | null; reportDigest: string | null },
): void {
  prep(db, "update endpoints set evidence = ?, last_collected_at = ?, last_report_at = ?, first_report_at = ?, imported_at = ?, report_digest = ? where id = ?").run(
    e.evidence,
    e.lastCollectedAt,
    e.lastReportAt,
    e.firstReportAt,
    e.importedAt,
    e.reportDigest,
    id,
  );
}

/** Identity fields of an endpoint no agent ever reported for (the tool is the only one that knows it). */
export function setImportedIdentity(db: Db, id: number, e: { hostname: string; platform: Platform; osName: string; osVersion: string }): void {
  prep(db, "update endpoints set hostname = ?, os_platform = ?, os_name = ?, os_version = ? where id = ?").run(e.hostname, e.platform, e.osName, e.osVersion, id);
}

export function setEndpointState(db: Db, id: number, state: EndpointState, changedAt: number): void {
  prep(db, "update endpoints set state = ?, state_changed_at = ? where id = ?").run(state, changedAt, id);
}

export function deleteEndpoint(db: Db, id: number): void {
  prep(db, "delete from endpoints where id = ?").run(id);
}

// ---- observations of one tool --------------------------------------------------------------------

/** slot, software_id, enabled, up_to_date, first_seen_at, last_seen_at, removed_at, reinstalls */
export type ObsTuple = [number, number, number | null, number | null, number, number | null, number | null, number];

export function originObservations(db: Db, endpointId: number, origin: ImportSource): ObsTuple[] {
  return prep(db, "select slot, software_id, enabled, up_to_date, first_seen_at, last_seen_at, removed_at, reinstalls from observations where endpoint_id = ? and origin = ?")
    .raw(true)
    .all(endpointId, origin) as ObsTuple[];
}

export function insertObservation(db: Db, endpointId: number, origin: ImportSource, o: { slot: number; softwareId: number; enabled: number | null; upToDate: number | null; at: number }): void {
  prep(db, "insert into observations (endpoint_id, slot, software_id, enabled, up_to_date, first_seen_at, origin) values (?, ?, ?, ?, ?, ?, ?)").run(
    endpointId,
    o.slot,
    o.softwareId,
    o.enabled,
    o.upToDate,
    o.at,
    origin,
  );
}

export function reinstateObservation(db: Db, endpointId: number, o: { slot: number; softwareId: number; enabled: number | null; upToDate: number | null }): void {
  prep(db, "update observations set software_id = ?, enabled = ?, up_to_date = ?, removed_at = null, last_seen_at = null, reinstalls = reinstalls + 1 where endpoint_id = ? and slot = ?").run(
    o.softwareId,
    o.enabled,
    o.upToDate,
    endpointId,
    o.slot,
  );
}

export function updateObservation(db: Db, endpointId: number, o: { slot: number; softwareId: number; enabled: number | null; upToDate: number | null }): void {
  prep(db, "update observations set software_id = ?, enabled = ?, up_to_date = ? where endpoint_id = ? and slot = ?").run(o.softwareId, o.enabled, o.upToDate, endpointId, o.slot);
}

export function removeObservation(db: Db, endpointId: number, slot: number, at: number, lastSeenAt: number): void {
  prep(db, "update observations set removed_at = ?, last_seen_at = ? where endpoint_id = ? and slot = ?").run(at, lastSeenAt, endpointId, slot);
}

/** Puts one tool's observations of an endpoint back as they were (undo). */
export function restoreOriginObservations(db: Db, endpointId: number, origin: ImportSource, rows: ObsTuple[]): void {
  prep(db, "delete from observations where endpoint_id = ? and origin = ?").run(endpointId, origin);
  const insert = prep(
    db,
    "insert into observations (endpoint_id, slot, software_id, enabled, up_to_date, first_seen_at, last_seen_at, removed_at, reinstalls, origin) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  for (const r of rows) insert.run(endpointId, ...r, origin);
}

// ---- findings and events, for undo -----------------------------------------------------------

export type FindingImage = Record<string, string | number | null>;

export function findingImages(db: Db, endpointId: number): FindingImage[] {
  return prep(db, "select * from findings where endpoint_id = ?").all(endpointId) as FindingImage[];
}

/** Puts an endpoint's findings back as they were: rows the import added go, changed rows return. */
export function restoreFindings(db: Db, endpointId: number, images: FindingImage[]): void {
  const keep = new Set(images.map((f) => f.id as number));
  for (const id of (prep(db, "select id from findings where endpoint_id = ?").all(endpointId) as { id: number }[]).map((r) => r.id)) {
    if (!keep.has(id)) prep(db, "delete from findings where id = ?").run(id);
  }
  for (const f of images) {
    const cols = Object.keys(f).filter((c) => c !== "id");
    prep(db, `update findings set ${cols.map((c) => `${c} = ?`).join(", ")} where id = ?`).run(...cols.map((c) => f[c]), f.id);
  }
}

/** Timeline entries an import wrote for an endpoint (ids from the import's first one on). */
export function deleteImportEvents(db: Db, endpointId: number, fromId: number): void {
  prep(db, "delete from endpoint_events where endpoint_id = ? and id >= ?").run(endpointId, fromId);
}

export function maxIds(db: Db): { event: number; finding: number } {
  return prep(db, "select (select coalesce(max(id), 0) from endpoint_events) as event, (select coalesce(max(id), 0) from findings) as finding").get() as {
    event: number;
    finding: number;
  };
}

/** What an endpoint adds to its agency's counters (as recomputeCounters counts it). */
export function endpointContribution(db: Db, id: number): { agencyId: number; state: EndpointState; findings: { status: string; reopenCount: number }[] } | undefined {
  const e = prep(db, "select agency_id as agencyId, state from endpoints where id = ?").get(id) as { agencyId: number; state: EndpointState } | undefined;
  if (!e) return undefined;
  const findings = prep(db, "select status, reopen_count as reopenCount from findings where endpoint_id = ?").all(id) as { status: string; reopenCount: number }[];
  return { ...e, findings };
}

export type EndpointSummary = { id: number; deviceId: string; hostname: string; evidence: string; state: string };

/** Short descriptions of endpoints (those that no longer exist are left out). */
export function endpointSummaries(db: Db, ids: number[]): EndpointSummary[] {
  const q = prep(db, "select id, device_id as deviceId, hostname, evidence, state from endpoints where id = ?");
  return ids.flatMap((id) => {
    const e = q.get(id) as EndpointSummary | undefined;
    return e ? [e] : [];
  });
}
