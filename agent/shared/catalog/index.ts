// The catalog as the rest of the code sees it: the built-in data with its version, the matcher,
// and lookups the server uses to show products and their removal guides.
import { CATALOG_DATA } from "./data";
import type { Catalog, CatalogData, CatalogProduct, CatalogVendor } from "./types";
import { catalogVersion } from "./version";

export type { Catalog, CatalogData, CatalogOverlay, CatalogProduct, CatalogVendor, LocalProduct, LocalRule, LocalVendor, Matcher, RemovalGuide, Signature } from "./types";
export { createMatcher, heuristicLooksLikeSecurity, genericEvidence, FALLBACK_SOURCES, GENERIC_PRODUCTS, GENERIC_VENDOR } from "./matcher";
export { catalogVersion, canonicalJson } from "./version";
export { CATALOG_DATA } from "./data";

/** The built-in catalog's version, computed by agent/build.mjs when bundling (it costs a run of the
 *  agent tens of milliseconds); undefined elsewhere, where it is computed here. */
declare const __MUSTER_CATALOG_VERSION__: string | undefined;

export const BUILTIN_CATALOG: Catalog = {
  ...CATALOG_DATA,
  version: typeof __MUSTER_CATALOG_VERSION__ === "string" ? __MUSTER_CATALOG_VERSION__ : catalogVersion(CATALOG_DATA),
};

/** Categories that count as active protection when deciding whether an endpoint is protected. */
export const PROTECTION_CATEGORIES = ["antivirus", "edr"] as const;

export function findVendor(catalog: CatalogData, vendorSlug: string): CatalogVendor | undefined {
  return catalog.vendors.find((v) => v.slug === vendorSlug);
}

/** The product with this slug and the vendor it belongs to (product slugs are catalog-unique). */
export function findProduct(catalog: CatalogData, productSlug: string): { vendor: CatalogVendor; product: CatalogProduct } | undefined {
  for (const vendor of catalog.vendors) {
    const product = vendor.products.find((p) => p.slug === productSlug);
    if (product) return { vendor, product };
  }
  return undefined;
}
