// Option lists for the list filters: the agencies the viewer may see (never others), and the
// vendors and products worth filtering by: those on the viewer's endpoints now, those any policy
// names (their findings stay listed after removal), and the one chosen. Not the whole catalog:
// it has hundreds of vendors, and every option is rendered into the page twice.
import "server-only";
import type { Scope } from "../access/scope";
import { listAgencies } from "../agencies/service";
import type { Db } from "../db/client";
import { scopeIds } from "../db/read-sql";
import { catalogVendors } from "../catalog/names";
import { policyRows } from "../policy/service";
import { carriedSlugs } from "./store-filter-options";

export type FilterOptions = {
  agencies: { code: string; name: string; depth: number }[];
  vendors: { slug: string; name: string; products: { slug: string; name: string }[] }[];
};

/** `present` is the filter's current value ("vendor:<slug>" or "product:<slug>"), kept as an option. */
export function filterOptions(db: Db, scope: Scope, present?: string): FilterOptions {
  const agencies = listAgencies(db, scope);
  const minDepth = agencies.reduce((m, a) => Math.min(m, a.depth), Infinity);
  return {
    agencies: agencies.map((a) => ({ code: a.code, name: a.name, depth: a.depth - (Number.isFinite(minDepth) ? minDepth : 0) })),
    vendors: relevantVendors(db, scope, present),
  };
}

function relevantVendors(db: Db, scope: Scope, present: string | undefined): FilterOptions["vendors"] {
  const vendors = new Set<string>();
  const products = new Set<string>();
  /** Vendors a policy names: all their products, as their findings may be of any. */
  const whole = new Set<string>();
  const add = (kind: string, slug: string) => (kind === "vendor" ? vendors : products).add(slug);
  for (const r of carriedSlugs(db, scopeIds(scope))) add(r.kind, r.slug);
  for (const p of policyRows(db)) {
    for (const v of p.vendors) whole.add(v);
    for (const s of p.products) products.add(s);
  }
  if (present) add(...(present.split(":", 2) as [string, string]));
  const out: FilterOptions["vendors"] = [];
  for (const v of catalogVendors()) {
    const listed = whole.has(v.slug) ? v.products : v.products.filter((p) => products.has(p.slug));
    if (listed.length === 0 && !vendors.has(v.slug) && !whole.has(v.slug)) continue;
    out.push({ slug: v.slug, name: v.name, products: listed.map((p) => ({ slug: p.slug, name: p.name })) });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
