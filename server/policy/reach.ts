// How far a policy reaches: the software rows in its scope and the endpoints that have them now
// (optionally within an agency subtree), for the policies list, the confirmation dialog and the
// re-evaluation that follows a change.
import type { Db } from "../db/client";
import { prep } from "../db/sql";
import { agencyPathsOf, scopeCovers, type PolicyScope } from "./coverage";
import { scopeVendors } from "./scope-vendors";

export function softwareIdsWhere(db: Db, pred: (vendor: string, product: string | null, category: string | null) => boolean): number[] {
  const rows = prep(db, "select id, vendor, product, category from software where vendor is not null").raw(true).all() as [number, string, string | null, string | null][];
  return rows.filter(([, v, p, c]) => pred(v, p, c)).map(([id]) => id);
}

/** `and endpoint_id in (...)` limiting a count to an agency subtree (nothing for every agency). */
function subtreeFilter(db: Db, agencyId: number | null): string {
  if (agencyId === null) return "";
  const root = agencyPathsOf(db)(agencyId);
  if (root === undefined) return " and 0";
  const ids = (
    prep(db, "select id from agencies where path like ? escape '\\'")
      .raw(true)
      .all(`${root.replace(/[\\%_]/g, "\\$&")}%`) as [number][]
  ).map((r) => Number(r[0]));
  return ` and endpoint_id in (select id from endpoints where agency_id in (${ids.join(",") || "0"}))`;
}

/** Endpoints with a present observation of these software rows (one scan of the partial index). */
function endpointsWith(db: Db, softwareIds: number[]): Set<number> {
  const out = new Set<number>();
  if (!softwareIds.length) return out;
  const q = db.$client.prepare(`select distinct endpoint_id from observations where software_id in (${softwareIds.map(Number).join(",")}) and removed_at is null`).raw(true);
  for (const [id] of q.iterate() as Iterable<[number]>) out.add(id);
  return out;
}

export function countEndpointsWith(db: Db, softwareIds: number[], agencyId: number | null = null): number {
  if (!softwareIds.length) return 0;
  // One statement over the partial index of present observations (ids are integers from the database).
  const row = db.$client
    .prepare(`select count(distinct endpoint_id) as n from observations where software_id in (${softwareIds.map(Number).join(",")}) and removed_at is null${subtreeFilter(db, agencyId)}`)
    .get() as { n: number };
  return row.n;
}

export const inScope = (p: PolicyScope) => (vendor: string, product: string | null, category: string | null) => scopeCovers(p, vendor, product, category);

// Reach per scope, cached a minute per connection: on a million-endpoint fleet each count is a
// scan of several million index entries, and the policies page must not pay it on every view.
const reachCache = new WeakMap<object, Map<string, { n: number; at: number }>>();
const REACH_TTL_MS = 60_000;

export function reachOf(db: Db, p: PolicyScope): number {
  let cache = reachCache.get(db.$client);
  if (!cache) reachCache.set(db.$client, (cache = new Map()));
  const key = JSON.stringify([p.vendors, p.products, p.categories, p.agencyId]);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < REACH_TTL_MS) return hit.n;
  const n = countEndpointsWith(db, softwareIdsWhere(db, inScope(p)), p.agencyId);
  cache.set(key, { n, at: Date.now() });
  return n;
}

/** Endpoints a change to these policies can affect: a product in their scope, or a live finding of their vendors. */
export function policyTargets(db: Db, list: PolicyScope[]): number[] {
  const ids = new Set<number>();
  for (const p of list) {
    for (const id of endpointsWith(db, softwareIdsWhere(db, inScope(p)))) ids.add(id);
    const vendors = scopeVendors(p);
    if (!vendors.length) continue;
    const withFindings = db.$client.prepare(`select endpoint_id from findings where status in ('open', 'excepted', 'withdrawn') and vendor in (${vendors.map(() => "?").join(",")})`).raw(true);
    for (const [id] of withFindings.iterate(...vendors) as Iterable<[number]>) ids.add(id);
  }
  return [...ids];
}
