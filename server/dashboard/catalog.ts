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

/** Folds case and accents, so "F-Secure", "f secure" and "Ésèt" find what they mean. */
const fold = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

export type VendorPage = { items: CatalogVendorItem[]; total: number; first: number; prev: string | null; next: string | null };

/**
 * One page of vendors by name: those whose name or a product's name contains `find` (folded), the
 * `size` after the vendor `after` or before the vendor `before` (keyset on the slug, as the other
 * lists). An unknown cursor starts from the beginning.
 */
export function vendorPage(vendors: readonly CatalogVendorItem[], opts: { find?: string; after?: string; before?: string }, size: number): VendorPage {
  const needle = fold(opts.find ?? "");
  const matches = (v: CatalogVendorItem) => !needle || fold(v.name).includes(needle) || v.products.some((p) => fold(p.name).includes(needle));
  const list = vendors.filter(matches).sort((a, b) => a.name.localeCompare(b.name, "en") || a.slug.localeCompare(b.slug));
  let start = 0;
  if (opts.after) {
    const i = list.findIndex((v) => v.slug === opts.after);
    start = i < 0 ? 0 : i + 1;
  } else if (opts.before) {
    const i = list.findIndex((v) => v.slug === opts.before);
    start = i < 0 ? 0 : Math.max(0, i - size);
  }
  const items = list.slice(start, start + size);
  const end = start + items.length;
  return { items, total: list.length, first: start, prev: start > 0 && items.length ? items[0]!.slug : null, next: end < list.length && items.length ? items[items.length - 1]!.slug : null };
}
