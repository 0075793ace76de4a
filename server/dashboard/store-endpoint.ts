// The statements of the endpoint page (endpoint-detail.ts): the endpoint by device id, its software
// (present and removed observations) and its history of events.
import type { Db } from "../db/client";
import type { EndpointState } from "../db/schema";
import { prep } from "../db/sql";

/** An endpoint with its agency, as its page shows it. */
export type EndpointRecord = {
  id: number;
  deviceId: string;
  hostname: string;
  agencyId: number;
  agencyCode: string;
  agencyName: string;
  osPlatform: "windows" | "darwin" | "linux";
  osName: string;
  osVersion: string;
  osArch: string;
  agentVersion: string;
  state: EndpointState;
  stateChangedAt: number;
  enrolledAt: number;
  firstReportAt: number | null;
  lastReportAt: number | null;
  lastCollectedAt: number | null;
  lastSeq: number;
  catalogVersion: string | null;
  revokedAt: number | null;
  /** A re-enrollment waiting for an officer since then (enroll.ts), or null. */
  pendingAt: number | null;
  /** Enrollments so far (1 at the first). */
  enrollment: number;
  /** "agent", or the tool whose imported inventory the state rests on (see the endpoints schema). */
  evidence: string;
  importedAt: number | null;
};

export type EndpointRef = { id: number; deviceId: string; hostname: string; agencyId: number };

export function endpointRefByDeviceId(db: Db, deviceId: string): EndpointRef | undefined {
  return prep(db, "select id, device_id as deviceId, hostname, agency_id as agencyId from endpoints where device_id = ?").get(deviceId) as EndpointRef | undefined;
}

export function endpointByDeviceId(db: Db, deviceId: string): EndpointRecord | undefined {
  return prep(
    db,
    `select e.id, e.device_id as deviceId, e.hostname, e.agency_id as agencyId, a.code as agencyCode, a.name as agencyName,
       e.os_platform as osPlatform, e.os_name as osName, e.os_version as osVersion, e.os_arch as osArch, e.agent_version as agentVersion,
       e.state, e.state_changed_at as stateChangedAt, e.enrolled_at as enrolledAt, e.first_report_at as firstReportAt,
       e.last_report_at as lastReportAt, e.last_collected_at as lastCollectedAt, e.last_seq as lastSeq,
       e.catalog_version as catalogVersion, e.revoked_at as revokedAt, e.pending_at as pendingAt, e.enrollment, e.evidence, e.imported_at as importedAt
     from endpoints e join agencies a on a.id = e.agency_id where e.device_id = ?`,
  ).get(deviceId) as EndpointRecord | undefined;
}

/** An observation with its software, as read (SQLite booleans are 0/1). */
export type ObservedSoftwareRow = {
  slot: number;
  source: string;
  name: string;
  version: string;
  publisher: string;
  identifier: string;
  vendor: string | null;
  product: string | null;
  category: string | null;
  kind: "product" | "component";
  unrecognized: number;
  origin: string;
  enabled: number | null;
  upToDate: number | null;
  firstSeenAt: number;
  lastSeenAt: number | null;
  removedAt: number | null;
  reinstalls: number;
};

/** The endpoint's software: present first, recognized vendors first, products before components; at most 500. */
export function softwareOfEndpoint(db: Db, endpointId: number): ObservedSoftwareRow[] {
  return prep(
    db,
    `select o.slot, s.source, s.name, s.version, s.publisher, s.identifier, s.vendor, s.product, s.category, s.kind,
       s.unrecognized, o.origin, o.enabled, o.up_to_date as upToDate, o.first_seen_at as firstSeenAt, o.last_seen_at as lastSeenAt,
       o.removed_at as removedAt, o.reinstalls
     from observations o join software s on s.id = o.software_id where o.endpoint_id = ?
     order by o.removed_at is not null, s.vendor is null, s.vendor, s.kind desc, s.name limit 500`,
  ).all(endpointId) as ObservedSoftwareRow[];
}

export type EndpointEventRow = { at: number; kind: string; vendor: string; product: string; version: string | null };

/** The endpoint's latest 300 events, newest first. */
export function eventsOfEndpoint(db: Db, endpointId: number): EndpointEventRow[] {
  return prep(db, "select at, kind, vendor, product, version from endpoint_events where endpoint_id = ? order by at desc, id desc limit 300").all(endpointId) as EndpointEventRow[];
}
