// Shape of the security-product catalog: data kept once in the repository, built into the
// agent, served by the server (GET /api/agent/v1/catalog) and used by both to classify entries.
import type { Category, Classification, Platform, SoftwareEntry, Source } from "../protocol";

/**
 * One way a product shows up on an endpoint. Every field given must match (AND); patterns are
 * case-insensitive regular expression sources. A signature without `source` applies to all sources.
 */
export type Signature = {
  source?: Source | Source[];
  name?: string;
  publisher?: string;
  identifier?: string;
};

export type RemovalGuide = {
  platform: Platform;
  /** Short steps a technician follows, in order (plain text, may contain commands). */
  steps: string[];
};

export type CatalogProduct = {
  slug: string; // unique across the catalog, e.g. "kaspersky-endpoint-security"
  name: string;
  category: Category;
  signatures: Signature[];
  removal?: RemovalGuide[];
};

export type CatalogVendor = {
  slug: string; // lowercase company slug: "kaspersky", "drweb", "qihoo360", "microsoft" ...
  name: string;
  country?: string; // ISO 3166-1 alpha-2 of headquarters
  /** Publisher patterns: an entry from this publisher that matches no product of the vendor
   *  is still this vendor's (classified with the vendor's `fallbackProduct` when set). */
  publishers: string[];
  fallbackProduct?: string;
  /** Non-security software by this vendor (e.g. a browser, a game launcher): never classified. */
  exclude?: Signature[];
  products: CatalogProduct[];
};

/**
 * A deployment's own catalog entries (the "local overlay"), made by its officers and served to its
 * agents with the built-in data. Its rules are tried before anything built in, so a later release
 * never overrides a local decision. A rule with `result: null` says "not security software" (a
 * suppressed false positive).
 */
export type LocalRule = {
  id: string; // "local-12": stable, for conflicts and audit
  signature: Signature;
  result: Classification | null;
};
/** Vendors and products only this deployment knows (slugs start with "local-"). */
export type LocalVendor = { slug: string; name: string };
export type LocalProduct = { slug: string; vendor: string; name: string; category: Category };
export type CatalogOverlay = { revision: number; vendors: LocalVendor[]; products: LocalProduct[]; rules: LocalRule[] };

export type CatalogData = { vendors: CatalogVendor[]; local?: CatalogOverlay };
export type Catalog = CatalogData & { version: string };

export type Matcher = {
  /** The catalog's classification of an entry, or null when it is not security software. */
  classify(entry: SoftwareEntry): Classification | null;
  /** True when an unmatched entry's name or publisher looks like security software, or it is a
   *  macOS Endpoint Security extension (see genericEvidence); false when a local rule suppresses it. */
  looksLikeSecurity(entry: SoftwareEntry): boolean;
};
