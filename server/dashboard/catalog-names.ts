// Display names and removal guides for the vendor and product slugs stored in findings,
// software and events, looked up in the built-in catalog.
import "server-only";
import { BUILTIN_CATALOG, type CatalogProduct, type CatalogVendor, type RemovalGuide } from "~/agent/src/catalog";

const vendors = new Map<string, CatalogVendor>(BUILTIN_CATALOG.vendors.map((v) => [v.slug, v]));
const products = new Map<string, { vendor: CatalogVendor; product: CatalogProduct }>();
for (const v of BUILTIN_CATALOG.vendors) for (const p of v.products) products.set(p.slug, { vendor: v, product: p });

export function vendorName(slug: string | null | undefined): string {
  if (!slug) return "—";
  return vendors.get(slug)?.name ?? slug;
}

export function productName(slug: string | null | undefined): string {
  if (!slug) return "—";
  return products.get(slug)?.product.name ?? slug;
}

export function productVendor(slug: string): string | null {
  return products.get(slug)?.vendor.slug ?? null;
}

export function removalGuides(productSlug: string): RemovalGuide[] {
  return products.get(productSlug)?.product.removal ?? [];
}

export function catalogVendors(): CatalogVendor[] {
  return BUILTIN_CATALOG.vendors;
}

export function catalogVersion(): string {
  return BUILTIN_CATALOG.version;
}
