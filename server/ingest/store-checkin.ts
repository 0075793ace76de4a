// The check-in's reads and writes of the endpoint row, the check-in record and the agent's
// self-update evidence. Hot path (group commit): cached statements, positional parameters, no
// per-call allocation beyond what the driver returns.
import type { Platform } from "~/agent/shared/protocol";
import { type Db, isPostgres } from "../db/client";
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
  /** 'agent', or the source of the inventory the endpoint is known by until its agent reports. */
  evidence: string;
};

const CHECKIN_ENDPOINT_COLUMNS = `id, agency_id as agencyId, secret_hash as secretHash, last_seq as lastSeq, revoked_at as revokedAt, state,
  os_platform as osPlatform, hostname, os_name as osName, os_version as osVersion, os_arch as osArch, agent_version as agentVersion,
  catalog_version as catalogVersion, last_report_at as lastReportAt, report_digest as reportDigest, enrollment,
  new_software_day as newSoftwareDay, new_software_count as newSoftwareCount, evidence`;

export function endpointForCheckin(db: Db, deviceId: string): CheckinEndpoint | undefined {
  return prep(db, `select ${CHECKIN_ENDPOINT_COLUMNS} from endpoints where device_id = ?`, { keep: true }).get(deviceId) as CheckinEndpoint | undefined;
}

// The device ids as one JSON array: each engine has its own function to read it as rows.
const MANY_SQLITE = `select device_id as deviceId, ${CHECKIN_ENDPOINT_COLUMNS} from endpoints where device_id in (select value from json_each(?))`;
const MANY_PG = `select device_id as deviceId, ${CHECKIN_ENDPOINT_COLUMNS} from endpoints where device_id in (select json_array_elements_text(cast(? as json)))`;

/** The endpoints of several devices at once (a group commit's), by device id; unknown ids are absent. */
export function endpointsForCheckin(db: Db, deviceIds: readonly string[]): Map<string, CheckinEndpoint> {
  const rows = prep(db, isPostgres(db) ? MANY_PG : MANY_SQLITE, { keep: true }).all(JSON.stringify(deviceIds)) as (CheckinEndpoint & { deviceId?: string })[];
  const out = new Map<string, CheckinEndpoint>();
  for (const row of rows) {
    const deviceId = row.deviceId!;
    delete row.deviceId;
    out.set(deviceId, row);
  }
  return out;
}

export type AcceptedCheckin = {
  endpointId: number;
  enrollment: number;
  seq: number;
  receivedAt: number;
  collectedAt: number;
  /** The report's digest; null when some entries were left out (the next report is diffed again). */
  digest: string | null;
  entries: number;
  changes: number;
  /** The endpoint was known by an imported inventory until now: the agent becomes its evidence. */
  firstAsAgent: boolean;
};

// The evidence column is set only when it changes: SQLite rewrites the entries of every index on a
// column an update sets, changed or not, and evidence is indexed (a fifth of the update's cost).
const ACCEPT = "update endpoints set last_seq = ?, last_report_at = ?, last_collected_at = ?, first_report_at = coalesce(first_report_at, ?), report_digest = ? where id = ?";
const ACCEPT_AS_AGENT = ACCEPT.replace(" where id = ?", ", evidence = 'agent' where id = ?");
const INSERT_CHECKIN = "insert into checkins (endpoint_id, enrollment, seq, received_at, collected_at, entries, changes) values (?, ?, ?, ?, ?, ?, ?)";
// On PostgreSQL both in one statement: one round trip, while the write lock is held, instead of two.
const acceptAndInsertPg = (accept: string) => `with accepted as (${accept.replace("where id = ?", "where id = ? returning id")})
  insert into checkins (endpoint_id, enrollment, seq, received_at, collected_at, entries, changes) values ((select id from accepted), ?, ?, ?, ?, ?, ?)`;
const ACCEPT_AND_INSERT_PG = acceptAndInsertPg(ACCEPT);
const ACCEPT_AS_AGENT_AND_INSERT_PG = acceptAndInsertPg(ACCEPT_AS_AGENT);

/**
 * The accepted report: the endpoint's sequence, times and digest (the agent becomes the endpoint's
 * evidence), and the check-in record.
 */
export function recordCheckin(db: Db, c: AcceptedCheckin): void {
  if (isPostgres(db)) {
    prep(db, c.firstAsAgent ? ACCEPT_AS_AGENT_AND_INSERT_PG : ACCEPT_AND_INSERT_PG, { keep: true }).run(
      c.seq,
      c.receivedAt,
      c.collectedAt,
      c.receivedAt,
      c.digest,
      c.endpointId,
      c.enrollment,
      c.seq,
      c.receivedAt,
      c.collectedAt,
      c.entries,
      c.changes,
    );
    return;
  }
  prep(db, c.firstAsAgent ? ACCEPT_AS_AGENT : ACCEPT, { keep: true }).run(c.seq, c.receivedAt, c.collectedAt, c.receivedAt, c.digest, c.endpointId);
  prep(db, INSERT_CHECKIN, { keep: true }).run(c.endpointId, c.enrollment, c.seq, c.receivedAt, c.collectedAt, c.entries, c.changes);
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
