// Agencies as the dashboard reads them: by code (scope checks, filters), their codes in tree order,
// and an agency pack's rows (the open findings of its subtree with their endpoints, its waivers in force).
import type { Db } from "../db/client";
import { prep } from "../db/sql";
import { inIds } from "../db/read-sql";

export type AgencyRef = { id: number; code: string; name: string; parentId: number | null; deadline: string | null };

/** The agency with this code (as stored: upper case). */
export function agencyByCode(db: Db, code: string): AgencyRef | undefined {
  return prep(db, "select id, code, name, parent_id as parentId, deadline from agencies where code = ?").get(code) as AgencyRef | undefined;
}

/** The id of the agency with this code (as stored: upper case). */
export function agencyIdByCode(db: Db, code: string): number | undefined {
  return (prep(db, "select id from agencies where code = ?").get(code) as { id: number } | undefined)?.id;
}

export function agencyCodeAndName(db: Db, id: number): { code: string; name: string } | undefined {
  return prep(db, "select code, name from agencies where id = ?").get(id) as { code: string; name: string } | undefined;
}

/** Codes of the agencies in `ids` (null: all), in tree order. */
export function agencyCodesInTreeOrder(db: Db, ids: readonly number[] | null): string[] {
  return (prep(db, `select code from agencies where ${inIds("id", ids)} order by path`).all() as { code: string }[]).map((a) => a.code);
}

/** One open finding of a pack with its endpoint, ordered by hostname, endpoint, product. */
export type PackFindingRow = {
  id: number;
  hostname: string;
  deviceId: string;
  agencyCode: string;
  state: string;
  os: string;
  platform: string;
  lastReportAt: number | null;
  vendor: string;
  product: string;
  version: string;
  presence: string;
  firstDetectedAt: number;
};

export function packOpenFindings(db: Db, ids: readonly number[]): PackFindingRow[] {
  return prep(
    db,
    `select e.id, e.hostname, e.device_id as deviceId, a.code as agencyCode, e.state, trim(e.os_name || ' ' || e.os_version) as os, e.os_platform as platform,
       e.last_report_at as lastReportAt, f.vendor, f.product, f.version, f.presence, f.first_detected_at as firstDetectedAt
     from findings f indexed by findings_agency_status_idx join endpoints e on e.id = f.endpoint_id join agencies a on a.id = e.agency_id
     where ${inIds("f.agency_id", ids)} and f.status = 'open'
     order by e.hostname collate nocase, e.id, f.product`,
  ).all() as PackFindingRow[];
}

/** A waiver in force, as a pack lists it (the product is its slug). */
export type PackWaiverRow = { hostname: string; agencyCode: string; product: string; justification: string; controls: string; approvedBy: string; expiresAt: number };

export function packWaiversInForce(db: Db, ids: readonly number[], now: number): PackWaiverRow[] {
  return prep(
    db,
    `select e.hostname, a.code as agencyCode, f.product, w.justification, w.compensating_controls as controls, coalesce(du.name, du.email, '') as approvedBy, w.expires_at as expiresAt
       from waivers w join findings f on f.id = w.finding_id join endpoints e on e.id = w.endpoint_id join agencies a on a.id = w.agency_id left join users du on du.id = w.decided_by
       where ${inIds("w.agency_id", ids)} and w.status = 'approved' and w.expires_at > ? order by e.hostname collate nocase, f.product`,
  ).all(now) as PackWaiverRow[];
}
