// Findings rows as evaluation reads and writes them: an endpoint's findings, a range of endpoints'
// findings (bulk re-evaluation), one finding changed or opened; and the list an endpoint's page shows.
import type { Db } from "../db/client";
import type { FindingStatus } from "../db/schema";
import { inIdArray, prep } from "../db/sql";

/** How many open findings an endpoint has. */
export function openFindingCount(db: Db, endpointId: number): number {
  return (prep(db, "select count(*) as n from findings where endpoint_id = ? and status = 'open'").get(endpointId) as { n: number }).n;
}

export type FindingPresence = "installed" | "remnants" | "absent";

/** A finding as evaluation sees it. */
export type FindingRow = {
  id: number;
  vendor: string;
  product: string;
  version: string;
  status: FindingStatus;
  presence: FindingPresence;
  policyIds: string;
  resolvedAt: number | null;
  resolvedSeq: number | null;
  reopenCount: number;
  reopenedAt: number | null;
  waiverId: number | null;
};

export const FINDING_COLUMNS = `id, vendor, product, version, status, presence, policy_ids as policyIds, resolved_at as resolvedAt,
  resolved_seq as resolvedSeq, reopen_count as reopenCount, reopened_at as reopenedAt, waiver_id as waiverId`;

// Built once: the check-in path looks its statements up without making a text per call.
const OF_ENDPOINT = `select ${FINDING_COLUMNS} from findings where endpoint_id = ?`;
const UPDATE = `update findings set version = ?, status = ?, presence = ?, policy_ids = ?, last_changed_at = ?, resolved_at = ?, resolved_seq = ?,
         reopen_count = ?, reopened_at = ?, waiver_id = ? where id = ?`;
const INSERT = `insert into findings (endpoint_id, agency_id, vendor, product, version, status, presence, policy_ids, first_detected_at, last_changed_at)
         values (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)`;

export function findingsOfEndpoint(db: Db, endpointId: number): FindingRow[] {
  return prep(db, OF_ENDPOINT).all(endpointId) as FindingRow[];
}

/** A finding row led by its endpoint id, as an array (FINDING_COLUMNS order). */
export type RawEndpointFinding = [number, number, string, string, string, FindingStatus, FindingPresence, string, number | null, number | null, number, number | null, number | null];

/** The findings of the endpoints `ids`, as arrays. All read at once: the caller writes while going through them. */
export function findingsAmong(db: Db, ids: readonly number[]): RawEndpointFinding[] {
  return prep(db, `select endpoint_id, ${FINDING_COLUMNS} from findings where ${inIdArray(db, "endpoint_id")}`)
    .raw(true)
    .all(JSON.stringify(ids)) as RawEndpointFinding[];
}

/** Writes a finding's evaluated fields (`next`) to the row `id`, changed at `now`. */
export function updateFinding(db: Db, id: number, next: FindingRow, now: number): void {
  prep(db, UPDATE).run(next.version, next.status, next.presence, next.policyIds, now, next.resolvedAt, next.resolvedSeq, next.reopenCount, next.reopenedAt, next.waiverId, id);
}

/** Opens a finding for a product detected on an endpoint. */
export function insertOpenFinding(db: Db, endpointId: number, agencyId: number, vendor: string, product: string, version: string, presence: FindingPresence, policyIds: string, now: number): void {
  prep(db, INSERT).run(endpointId, agencyId, vendor, product, version, presence, policyIds, now, now);
}

export type FindingForWaiver = { id: number; endpointId: number; agencyId: number; product: string; status: string };

export function findingForWaiver(db: Db, id: number): FindingForWaiver | undefined {
  return prep(db, "select id, endpoint_id as endpointId, agency_id as agencyId, product, status from findings where id = ?").get(id) as FindingForWaiver | undefined;
}

/** An endpoint's open findings, by id. */
export function openFindingsForWaiver(db: Db, endpointId: number): FindingForWaiver[] {
  return prep(db, "select id, endpoint_id as endpointId, agency_id as agencyId, product, status from findings where endpoint_id = ? and status = 'open' order by id").all(
    endpointId,
  ) as FindingForWaiver[];
}

export type EndpointFindingRow = {
  id: number;
  vendor: string;
  product: string;
  version: string;
  status: FindingStatus;
  presence: FindingPresence;
  policyIds: string;
  firstDetectedAt: number;
  lastChangedAt: number;
  resolvedAt: number | null;
  resolvedSeq: number | null;
  reopenCount: number;
  reopenedAt: number | null;
  waiverId: number | null;
};

/** An endpoint's findings for its page: open first, then by detection. */
export function endpointFindingsList(db: Db, endpointId: number): EndpointFindingRow[] {
  return prep(
    db,
    `select id, vendor, product, version, status, presence, policy_ids as policyIds, first_detected_at as firstDetectedAt,
       last_changed_at as lastChangedAt, resolved_at as resolvedAt, resolved_seq as resolvedSeq, reopen_count as reopenCount,
       reopened_at as reopenedAt, waiver_id as waiverId
     from findings where endpoint_id = ? order by status = 'open' desc, first_detected_at`,
  ).all(endpointId) as EndpointFindingRow[];
}
