// Display names and removal guides for the vendor and product slugs stored in findings,
// software and events: the built-in catalog, the unidentified products of generic evidence, and
// the deployment's local overlay (kept current by server/catalog/effective.ts whenever it loads).
import "server-only";
import { BUILTIN_CATALOG, GENERIC_PRODUCTS, GENERIC_VENDOR, type CatalogOverlay, type CatalogProduct, type CatalogVendor, type RemovalGuide } from "~/agent/shared/catalog";

const GENERIC: CatalogVendor = {
  slug: GENERIC_VENDOR.slug,
  name: GENERIC_VENDOR.name,
  publishers: [],
  products: GENERIC_PRODUCTS.map((p) => ({ slug: p.slug, name: p.name, category: p.category, signatures: [] })),
};

type Index = { list: CatalogVendor[]; vendors: Map<string, CatalogVendor>; products: Map<string, { vendor: CatalogVendor; product: CatalogProduct }> };

function indexOf(list: CatalogVendor[]): Index {
  const vendors = new Map<string, CatalogVendor>(list.map((v) => [v.slug, v]));
  const products = new Map<string, { vendor: CatalogVendor; product: CatalogProduct }>();
  for (const v of list) for (const p of v.products) products.set(p.slug, { vendor: v, product: p });
  return { list, vendors, products };
}

const builtinIndex = indexOf([...BUILTIN_CATALOG.vendors, GENERIC]);
let current: Index = builtinIndex;
let currentRevision = 0;

/** Adds the overlay's vendors and products (local products of built-in vendors join that vendor). */
export function noteLocalCatalog(local: CatalogOverlay | undefined): void {
  if (!local) {
    current = builtinIndex;
    currentRevision = 0;
    return;
  }
  if (local.revision === currentRevision) return;
  const list = builtinIndex.list.map((v) => ({ ...v, products: [...v.products] }));
  const byVendor = new Map(list.map((v) => [v.slug, v]));
  for (const v of local.vendors) {
    if (byVendor.has(v.slug)) continue;
    const vendor: CatalogVendor = { slug: v.slug, name: v.name, publishers: [], products: [] };
    list.push(vendor);
    byVendor.set(v.slug, vendor);
  }
  for (const p of local.products) byVendor.get(p.vendor)?.products.push({ slug: p.slug, name: p.name, category: p.category, signatures: [] });
  current = indexOf(list);
  currentRevision = local.revision;
}

export function vendorName(slug: string | null | undefined): string {
  if (!slug) return "—";
  return current.vendors.get(slug)?.name ?? slug;
}

export function productName(slug: string | null | undefined): string {
  if (!slug) return "—";
  return current.products.get(slug)?.product.name ?? slug;
}

export function productVendor(slug: string): string | null {
  return current.products.get(slug)?.vendor.slug ?? null;
}

export function productCategory(slug: string): string | null {
  return current.products.get(slug)?.product.category ?? null;
}

export function removalGuides(productSlug: string): RemovalGuide[] {
  return current.products.get(productSlug)?.product.removal ?? [];
}

/** Every vendor with its products: built-in, then local ones (the unidentified pseudo-vendor excluded). */
export function catalogVendors(): CatalogVendor[] {
  return current.list.filter((v) => v.slug !== GENERIC_VENDOR.slug);
}

export function isKnownVendor(slug: string): boolean {
  return slug !== GENERIC_VENDOR.slug && current.vendors.has(slug);
}

export function isKnownProduct(slug: string): boolean {
  const hit = current.products.get(slug);
  return !!hit && hit.vendor.slug !== GENERIC_VENDOR.slug;
}

export function catalogVersion(): string {
  return BUILTIN_CATALOG.version;
}
