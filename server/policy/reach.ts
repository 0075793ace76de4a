// How far a policy reaches: the software rows in its scope and the endpoints that have them now
// (optionally within an agency subtree), for the policies list, the confirmation dialog and the
// re-evaluation that follows a change.
import type { Db } from "../db/client";
import { agencyPathsOf, scopeCovers, type PolicyScope } from "./coverage";
import { scopeVendors } from "./scope-vendors";
import { agencyIdsUnder, classifiedSoftware, countEndpointsObserving, endpointsObserving, endpointsWithLiveFindingsOf } from "./store-reach";

export function softwareIdsWhere(db: Db, pred: (vendor: string, product: string | null, category: string | null) => boolean): number[] {
  return classifiedSoftware(db)
    .filter(([, v, p, c]) => pred(v, p, c))
    .map(([id]) => id);
}

/** The agencies of a subtree: null for every agency, undefined when the agency does not exist. */
function subtreeAgencies(db: Db, agencyId: number | null): number[] | null | undefined {
  if (agencyId === null) return null;
  const root = agencyPathsOf(db)(agencyId);
  return root === undefined ? undefined : agencyIdsUnder(db, root);
}

export function countEndpointsWith(db: Db, softwareIds: number[], agencyId: number | null = null): number {
  if (!softwareIds.length) return 0;
  return countEndpointsObserving(db, softwareIds, subtreeAgencies(db, agencyId));
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
    const software = softwareIdsWhere(db, inScope(p));
    if (software.length) for (const id of endpointsObserving(db, software)) ids.add(id);
    const vendors = scopeVendors(p);
    if (!vendors.length) continue;
    for (const id of endpointsWithLiveFindingsOf(db, vendors)) ids.add(id);
  }
  return [...ids];
}
