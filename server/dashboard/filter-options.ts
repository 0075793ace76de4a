// Option lists for the list filters: the agencies the viewer may see (never others) and the
// catalog's vendors and products (public knowledge, not fleet data).
import "server-only";
import type { Scope } from "../access/scope";
import { listAgencies } from "../agencies/service";
import type { Db } from "../db/client";
import { catalogVendors } from "../catalog/names";

export type FilterOptions = {
  agencies: { code: string; name: string; depth: number }[];
  vendors: { slug: string; name: string; products: { slug: string; name: string }[] }[];
};

export function filterOptions(db: Db, scope: Scope): FilterOptions {
  const agencies = listAgencies(db, scope);
  const minDepth = agencies.reduce((m, a) => Math.min(m, a.depth), Infinity);
  return {
    agencies: agencies.map((a) => ({ code: a.code, name: a.name, depth: a.depth - (Number.isFinite(minDepth) ? minDepth : 0) })),
    vendors: catalogVendors()
      .map((v) => ({ slug: v.slug, name: v.name, products: v.products.map((p) => ({ slug: p.slug, name: p.name })) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
