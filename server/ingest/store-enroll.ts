// Enrollment's reads and writes (enroll.ts): the enrollment token looked up by its hash and its
// use counted, the endpoint created, adopted or found again by its salted hardware id, and the
// imported endpoints of a hostname that an enrolling agent may take over (adopt.ts).
import type { Platform } from "~/agent/shared/protocol";
import type { Db } from "../db/client";
import { asciiLower } from "../db/read-sql";
import { prep } from "../db/sql";

export type EnrollTokenRow = { id: number; agencyId: number; tokenPrefix: string; revokedAt: number | null; expiresAt: number | null; maxUses: number | null; uses: number };

export function enrollmentTokenByHash(db: Db, tokenHash: string): EnrollTokenRow | undefined {
  return prep(
    db,
    `select id, agency_id as agencyId, token_prefix as tokenPrefix, revoked_at as revokedAt, expires_at as expiresAt, max_uses as maxUses, uses
     from enrollment_tokens where token_hash = ?`,
  ).get(tokenHash) as EnrollTokenRow | undefined;
}

export function countEnrollmentTokenUse(db: Db, lastUsedAt: number, tokenId: number): void {
  prep(db, "update enrollment_tokens set uses = uses + 1, last_used_at = ? where id = ?").run(lastUsedAt, tokenId);
}

/** What the agent says about the machine, as the endpoint row stores it. */
export type EnrollMachine = { hostname: string; os: { platform: Platform; name: string; version: string; arch: string }; agentVersion: string };

/** A new endpoint that has never reported; returns its id. */
export function insertEnrolledEndpoint(db: Db, deviceId: string, agencyId: number, m: EnrollMachine, hardwareId: string, secretHash: string, now: number, tokenId: number): number {
  return Number(
    prep(
      db,
      `insert into endpoints (device_id, agency_id, hostname, os_platform, os_name, os_version, os_arch, agent_version, hardware_id, secret_hash,
         enrolled_at, enrollment_token_id, state, state_changed_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'never-reported', ?)`,
    ).run(deviceId, agencyId, m.hostname, m.os.platform, m.os.name, m.os.version, m.os.arch, m.agentVersion, hardwareId, secretHash, now, tokenId, now).lastInsertRowid,
  );
}

export function deviceIdOf(db: Db, endpointId: number): { deviceId: string } {
  return prep(db, "select device_id as deviceId from endpoints where id = ?").get(endpointId) as { deviceId: string };
}

/** An endpoint an inventory import created becomes the agent's: its credential, what it reports. */
export function adoptEndpointForAgent(db: Db, secretHash: string, hardwareId: string, m: EnrollMachine, tokenId: number, endpointId: number): void {
  prep(
    db,
    `update endpoints set secret_hash = ?, last_seq = 0, hardware_id = ?, hostname = ?, os_platform = ?, os_name = ?, os_version = ?, os_arch = ?,
       agent_version = ?, enrollment_token_id = ? where id = ?`,
  ).run(secretHash, hardwareId, m.hostname, m.os.platform, m.os.name, m.os.version, m.os.arch, m.agentVersion, tokenId, endpointId);
}

export type EnrolledEndpointRow = { id: number; deviceId: string; hostname: string; secretHash: string; lastSeq: number; lastReportAt: number | null; revokedAt: number | null };

export function endpointByHardwareId(db: Db, agencyId: number, hardwareId: string): EnrolledEndpointRow | undefined {
  return prep(
    db,
    `select id, device_id as deviceId, hostname, secret_hash as secretHash, last_seq as lastSeq, last_report_at as lastReportAt, revoked_at as revokedAt
       from endpoints where agency_id = ? and hardware_id = ?`,
  ).get(agencyId, hardwareId) as EnrolledEndpointRow | undefined;
}

/** The machine found again gets the new credential at once: a new enrollment, its sequence from 1. */
export function rotateEndpointCredential(db: Db, secretHash: string, m: EnrollMachine, tokenId: number, endpointId: number): void {
  prep(
    db,
    `update endpoints set secret_hash = ?, last_seq = 0, enrollment = enrollment + 1, pending_secret_hash = null, pending_at = null, hostname = ?, os_platform = ?,
             os_name = ?, os_version = ?, os_arch = ?, agent_version = ?, enrollment_token_id = ? where id = ?`,
  ).run(secretHash, m.hostname, m.os.platform, m.os.name, m.os.version, m.os.arch, m.agentVersion, tokenId, endpointId);
}

/** The new credential waits for an officer (revoke.ts admitEndpoint); the old one keeps working. */
export function setPendingCredential(db: Db, secretHash: string, pendingAt: number, endpointId: number): void {
  prep(db, "update endpoints set pending_secret_hash = ?, pending_at = ? where id = ?").run(secretHash, pendingAt, endpointId);
}

/** On the endpoint's timeline: someone else enrolled with this machine's identity. */
export function insertReenrolledEvent(db: Db, endpointId: number, at: number, what: string): void {
  prep(db, "insert into endpoint_events (endpoint_id, at, kind, vendor, product, version, seq) values (?, ?, 're-enrolled', '', '', ?, null)").run(endpointId, at, what);
}

/** An endpoint an import created that no agent enrolled yet, named `hostname` in the agency:
 *  what an agent enrolling with that hostname takes over. Only when exactly one matches.
 *  The name, or a longer one starting with "name." (case-insensitive), as two ranges of the
 *  hostname index: every enrollment asks, and reading the whole agency (what `agency_id = ?`
 *  with a LIKE did) made enrolling an agency's n-th endpoint cost n rows. */
export function importedEndpointsNamed(db: Db, agencyId: number, hostname: string): number[] {
  const name = asciiLower(hostname);
  return (prep(db, IMPORTED_NAMED).all(name, `${name}.`, `${name}/`, agencyId) as { id: number }[]).map((r) => r.id);
}

export const IMPORTED_NAMED = `select id from endpoints indexed by endpoints_hostname_idx
  where (hostname collate nocase = ? or (hostname collate nocase >= ? and hostname collate nocase < ?))
    and agency_id = ? and enrollment_token_id is null and agent_version = '' and evidence <> 'agent'`;
