// How far a policy reaches: the software rows in its scope and the endpoints that have them now
// (optionally within an agency subtree), for the policies list, the confirmation dialog and the
// re-evaluation that follows a change.
import type { Db } from "../db/client";
import { agencyPathsOf, scopeCovers, type PolicyScope } from "./coverage";
import { scopeVendors } from "./scope-vendors";
import { agencyIdsUnder, classifiedSoftware, countEndpointsObserving, endpointsCarrying, endpointsObserving, endpointsWithLiveFindingsOf } from "./store-reach";

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
  const agencies = subtreeAgencies(db, agencyId);
  if (agencies === undefined) return 0;
  // Every software row of one vendor (a ban on a vendor's every product) or of one product: its
  // kept count. Otherwise (several vendors, some categories only) count the observations.
  const whole = wholeVendorOrProduct(db, softwareIds);
  if (whole) return endpointsCarrying(db, whole.kind, whole.slug, agencies);
  return countEndpointsObserving(db, softwareIds, agencies);
}

/** The vendor or product whose software rows are exactly `softwareIds`, if there is one. */
function wholeVendorOrProduct(db: Db, softwareIds: number[]): { kind: "vendor" | "product"; slug: string } | null {
  const ids = new Set(softwareIds);
  const rows = classifiedSoftware(db);
  for (const [kind, at] of [
    ["product", 2],
    ["vendor", 1],
  ] as const) {
    const slugs = new Set(rows.filter(([id]) => ids.has(id)).map((r) => r[at]));
    if (slugs.size !== 1) continue;
    const slug = [...slugs][0];
    if (slug === null || slug === undefined) continue;
    if (rows.filter((r) => r[at] === slug).length === ids.size) return { kind, slug: String(slug) };
  }
  return null;
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
