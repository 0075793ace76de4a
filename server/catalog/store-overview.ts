// Data access for the Catalog page's read side: endpoints with a present observation of some
// software rows, the unrecognized entries ranked by endpoints (within some agencies), and the
// recognised entries matching a search.
import { GENERIC_VENDOR } from "~/agent/shared/catalog";
import type { Db } from "../db/client";
import { inIds, likeEscape } from "../db/read-sql";
import { prep } from "../db/sql";

export type UnrecognizedRow = {
  id: number;
  source: string;
  name: string;
  version: string;
  publisher: string;
  identifier: string;
  /** Set for generic evidence: counted as protection as an unidentified product of this category. */
  category: string | null;
  firstSeenAt: number;
  endpoints: number;
};

export type RecognisedRow = { id: number; source: string; name: string; version: string; publisher: string; identifier: string; vendor: string; product: string; category: string };

/** Endpoints with a present observation of one of these software rows (at least one). */
export function countEndpointsWithSoftware(db: Db, softwareIds: readonly number[]): number {
  return (prep(db, `select count(distinct endpoint_id) as n from observations where ${inIds("software_id", softwareIds)} and removed_at is null`).get() as { n: number }).n;
}

/**
 * Unrecognized entries present on endpoints of these agencies (null: every agency), whose name,
 * publisher or identifier contains `q` when given (ignoring case: `lower() like lower()`, since
 * PostgreSQL's LIKE, unlike SQLite's, minds case), most endpoints first.
 */
export function rankUnrecognized(db: Db, o: { q?: string; agencyIds: readonly number[] | null; limit: number; offset: number }): UnrecognizedRow[] {
  const where = ["s.unrecognized = true"];
  const params: string[] = [];
  if (o.q) {
    where.push("(lower(s.name) like lower(?) escape '\\' or lower(s.publisher) like lower(?) escape '\\' or lower(s.identifier) like lower(?) escape '\\')");
    const like = `%${likeEscape(o.q)}%`;
    params.push(like, like, like);
  }
  const agencyJoin = o.agencyIds === null ? "" : `join endpoints e on e.id = o.endpoint_id and ${inIds("e.agency_id", o.agencyIds)}`;
  return prep(
    db,
    `select s.id, s.source, s.name, s.version, s.publisher, s.identifier, case when s.vendor = '${GENERIC_VENDOR.slug}' then s.category end as category,
       s.first_seen_at as firstSeenAt, count(*) as endpoints
     from software s indexed by software_unrecognized_idx
     join observations o indexed by observations_software_removed_idx on o.software_id = s.id and o.removed_at is null
     ${agencyJoin}
     where ${where.join(" and ")} group by s.id order by endpoints desc, s.id desc limit ${o.limit} offset ${o.offset}`,
  ).all(...params) as UnrecognizedRow[];
}

/** Recognised entries (not generic evidence) whose name, publisher or identifier contains `q` (ignoring case): at most 50. */
export function searchRecognisedSoftware(db: Db, q: string): RecognisedRow[] {
  const like = `%${likeEscape(q)}%`;
  return prep(
    db,
    `select id, source, name, version, publisher, identifier, vendor, product, category from software
     where vendor is not null and vendor <> '${GENERIC_VENDOR.slug}' and (lower(name) like lower(?) escape '\\' or lower(publisher) like lower(?) escape '\\' or lower(identifier) like lower(?) escape '\\')
     order by name, id limit 50`,
  ).all(like, like, like) as RecognisedRow[];
}

/** Endpoints with a present observation of one software row. */
export function countEndpointsWithOne(db: Db, softwareId: number): number {
  return (prep(db, "select count(*) as n from observations indexed by observations_software_removed_idx where software_id = ? and removed_at is null").get(softwareId) as { n: number }).n;
}
