// The check-in's reads and writes of the endpoint row, the check-in record and the agent's
// self-update evidence. Hot path (group commit): cached statements, positional parameters, no
// per-call allocation beyond what the driver returns.
import type { Platform } from "~/agent/shared/protocol";
import type { Db } from "../db/client";
import type { EndpointState } from "../db/schema";
import { prep } from "../db/sql";

/** The endpoint as a check-in needs it: credential, sequence, what it last reported. */
export type CheckinEndpoint = {
  id: number;
  agencyId: number;
  secretHash: string;
  lastSeq: number;
  revokedAt: number | null;
  state: EndpointState;
  osPlatform: Platform;
  hostname: string;
  osName: string;
  osVersion: string;
  osArch: string;
  agentVersion: string;
  catalogVersion: string | null;
  lastReportAt: number | null;
  reportDigest: string | null;
  enrollment: number;
  newSoftwareDay: number | null;
  newSoftwareCount: number;
};

export function endpointForCheckin(db: Db, deviceId: string): CheckinEndpoint | undefined {
  return prep(
    db,
    `select id, agency_id as agencyId, secret_hash as secretHash, last_seq as lastSeq, revoked_at as revokedAt, state,
       os_platform as osPlatform, hostname, os_name as osName, os_version as osVersion, os_arch as osArch, agent_version as agentVersion,
       catalog_version as catalogVersion, last_report_at as lastReportAt, report_digest as reportDigest, enrollment,
       new_software_day as newSoftwareDay, new_software_count as newSoftwareCount
     from endpoints where device_id = ?`,
  ).get(deviceId) as CheckinEndpoint | undefined;
}

/** The accepted report's sequence and times; the agent becomes the endpoint's evidence. */
export function recordReportAccepted(db: Db, seq: number, receivedAt: number, collectedAt: number, digest: string | null, endpointId: number): void {
  prep(db, "update endpoints set last_seq = ?, last_report_at = ?, last_collected_at = ?, first_report_at = coalesce(first_report_at, ?), report_digest = ?, evidence = 'agent' where id = ?").run(
    seq,
    receivedAt,
    collectedAt,
    receivedAt,
    digest,
    endpointId,
  );
}

export function updateEndpointIdentity(
  db: Db,
  hostname: string,
  platform: Platform,
  osName: string,
  osVersion: string,
  osArch: string,
  agentVersion: string,
  catalogVersion: string | null,
  endpointId: number,
): void {
  prep(db, "update endpoints set hostname = ?, os_platform = ?, os_name = ?, os_version = ?, os_arch = ?, agent_version = ?, catalog_version = ? where id = ?").run(
    hostname,
    platform,
    osName,
    osVersion,
    osArch,
    agentVersion,
    catalogVersion,
    endpointId,
  );
}

export function insertCheckin(db: Db, endpointId: number, enrollment: number, seq: number, receivedAt: number, collectedAt: number, entries: number, changes: number): void {
  prep(db, "insert into checkins (endpoint_id, enrollment, seq, received_at, collected_at, entries, changes) values (?, ?, ?, ?, ?, ?, ?)").run(
    endpointId,
    enrollment,
    seq,
    receivedAt,
    collectedAt,
    entries,
    changes,
  );
}

export function insertAgentUpdateEvent(db: Db, endpointId: number, at: number, seq: number, fromVersion: string, toVersion: string, outcome: string, reason: string | null): void {
  prep(db, "insert into agent_update_events (endpoint_id, at, seq, from_version, to_version, outcome, reason) values (?, ?, ?, ?, ?, ?, ?)").run(
    endpointId,
    at,
    seq,
    fromVersion,
    toVersion,
    outcome,
    reason,
  );
}

/** The day (UTC day number) and count of new software entries the device added (software-budget.ts). */
export function saveNewSoftwareCount(db: Db, day: number, count: number, endpointId: number): void {
  prep(db, "update endpoints set new_software_day = ?, new_software_count = ? where id = ?").run(day, count, endpointId);
}
