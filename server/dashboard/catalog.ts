// The Policies & catalog page's read side: the catalog of vendors and products (built-in and the
// deployment's local ones) with what the policies in force cover.
import "server-only";
import { effectiveCatalog } from "../catalog/effective";
import type { Db } from "../db/client";
import { scopeCovers } from "../policy/coverage";
import { policyRows } from "../policy/service";
import { catalogVendors } from "../catalog/names";

export type CatalogProductItem = { slug: string; name: string; category: string; local: boolean; hasRemovalGuide: boolean; bannedBy: string[]; advisedBy: string[] };
export type CatalogVendorItem = { slug: string; name: string; country: string | null; local: boolean; products: CatalogProductItem[] };

/** Every catalog vendor and product (built-in and local), with the policies in force that ban or
 *  advise against it (a policy limited to an agency subtree counts: it covers the product somewhere). */
export function catalogWithPolicies(db: Db): { version: string; vendors: CatalogVendorItem[] } {
  const version = effectiveCatalog(db).version;
  const active = policyRows(db).filter((p) => p.active);
  const covering = (vendor: string, product: string, category: string, status: "banned" | "advisory") =>
    active.filter((p) => p.status === status && scopeCovers(p, vendor, product, category)).map((p) => p.name);
  return {
    version,
    vendors: catalogVendors().map((v) => ({
      slug: v.slug,
      name: v.name,
      country: v.country ?? null,
      local: v.slug.startsWith("local-"),
      products: v.products.map((p) => ({
        slug: p.slug,
        name: p.name,
        category: p.category,
        local: p.slug.startsWith("local-"),
        hasRemovalGuide: (p.removal?.length ?? 0) > 0,
        bannedBy: covering(v.slug, p.slug, p.category, "banned"),
        advisedBy: covering(v.slug, p.slug, p.category, "advisory"),
      })),
    })),
  };
}
