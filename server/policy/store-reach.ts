// Data access for a policy's reach and a re-evaluation's targets: classified software rows, the
// endpoints with a present observation of some of them (optionally within an agency subtree), and
// those with a live finding of some vendors, and the kept presence counts (endpoints carrying a
// vendor's or product's software, per agency). Id lists are integers from the database, inlined.
import type { Db } from "../db/client";
import { inIds } from "../db/read-sql";
import { prep } from "../db/sql";

/** Every classified software row as [id, vendor, product, category]. */
export function classifiedSoftware(db: Db): [number, string, string | null, string | null][] {
  return prep(db, "select id, vendor, product, category from software where vendor is not null").raw(true).all() as [number, string, string | null, string | null][];
}

/** Ids of the software rows of these vendors (at least one). */
export function softwareIdsOfVendors(db: Db, vendors: readonly string[]): number[] {
  const inList = vendors.map(() => "?").join(",");
  return (
    db.$client
      .prepare(`select id from software where vendor in (${inList})`)
      .raw(true)
      .all(...vendors) as [number][]
  ).map((r) => r[0]);
}

/** Every endpoint id, ascending. */
export function allEndpointIds(db: Db): number[] {
  return (prep(db, "select id from endpoints order by id").raw(true).all() as [number][]).map((r) => r[0]);
}

/** Ids of the agencies under a materialised path (the agency itself included). */
export function agencyIdsUnder(db: Db, rootPath: string): number[] {
  return (
    prep(db, "select id from agencies where path like ? escape '\\'")
      .raw(true)
      .all(`${rootPath.replace(/[\\%_]/g, "\\$&")}%`) as [number][]
  ).map((r) => Number(r[0]));
}

/** Endpoints with a present observation of these software rows (at least one; one range of observations_software_removed_idx per software row). */
export function* endpointsObserving(db: Db, softwareIds: readonly number[]): Generator<number> {
  const q = db.$client.prepare(`select distinct endpoint_id from observations where software_id in (${softwareIds.map(Number).join(",")}) and removed_at is null`).raw(true);
  for (const [id] of q.iterate() as Iterable<[number]>) yield id;
}

/**
 * How many endpoints have a present observation of these software rows (at least one), on
 * endpoints of these agencies: null for every agency, undefined for none (an agency that does not exist).
 */
export function countEndpointsObserving(db: Db, softwareIds: readonly number[], agencyIds: readonly number[] | null | undefined): number {
  const within = agencyIds === null ? "" : agencyIds === undefined ? " and false" : ` and endpoint_id in (select id from endpoints where agency_id in (${agencyIds.join(",") || "0"}))`;
  // One statement over observations_software_removed_idx, its present rows (removed_at is null) only.
  const row = db.$client.prepare(`select count(distinct endpoint_id) as n from observations where software_id in (${softwareIds.map(Number).join(",")}) and removed_at is null${within}`).get() as {
    n: number;
  };
  return row.n;
}

/** Endpoints with an open, excepted or withdrawn finding of these vendors (at least one). */
export function* endpointsWithLiveFindingsOf(db: Db, vendors: readonly string[]): Generator<number> {
  const q = db.$client.prepare(`select endpoint_id from findings where status in ('open', 'excepted', 'withdrawn') and vendor in (${vendors.map(() => "?").join(",")})`).raw(true);
  for (const [id] of q.iterate(...vendors) as Iterable<[number]>) yield id;
}

/** Endpoints of the agencies `ids` (null: all) with a present observation of a vendor's or a
 *  product's software: one row per agency of the counts drizzle/0016's triggers keep. */
export function endpointsCarrying(db: Db, kind: "vendor" | "product", slug: string, ids: readonly number[] | null): number {
  const scope = ids === null ? "" : ` and ${inIds("agency_id", ids)}`;
  return prep(db, `select coalesce(sum(endpoints), 0) from presence_counts where kind = ? and slug = ?${scope}`).pluck().get(kind, slug) as number;
}
