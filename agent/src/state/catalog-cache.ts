// Which catalog the agent classifies with: the one built in, or the one last downloaded from the
// server when it differs (the server's is the one it re-checks reports against). A downloaded
// catalog is only kept when its content hashes to the version the server announced and its
// patterns compile; a cached one that fails to load gives way to the built-in one.
import { readFileSync } from "node:fs";
import { BUILTIN_CATALOG, catalogVersion, createMatcher } from "../../shared/catalog/index";
import type { Catalog, CatalogData, CatalogOverlay, Matcher, Signature } from "../../shared/catalog/types";
import type { Source } from "../../shared/protocol";
import { writeJsonAtomic } from "../lib/atomic-fs";

export type CachedCatalog = { etag?: string; fetchedAt: string; catalog: Catalog };
export type ActiveCatalog = { catalog: Catalog; matcher: Matcher; origin: "built-in" | "server" };

export function isCatalogData(v: unknown): v is CatalogData {
  if (typeof v !== "object" || v === null) return false;
  const vendors = (v as { vendors?: unknown }).vendors;
  return (
    Array.isArray(vendors) &&
    vendors.every(
      (x) =>
        typeof x === "object" &&
        x !== null &&
        typeof (x as { slug?: unknown }).slug === "string" &&
        Array.isArray((x as { products?: unknown }).products) &&
        Array.isArray((x as { publishers?: unknown }).publishers),
    )
  );
}

function isOverlay(v: unknown): v is CatalogOverlay {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Partial<Record<keyof CatalogOverlay, unknown>>;
  return typeof o.revision === "number" && Array.isArray(o.vendors) && Array.isArray(o.products) && Array.isArray(o.rules);
}

/** A catalog from the server's JSON: its data (built-in vendors and the deployment's local overlay)
 *  plus the version recomputed from the content. */
export function catalogFromJson(v: unknown): Catalog {
  if (!isCatalogData(v)) throw new Error("catalog response is not a catalog (no vendors array)");
  const local = (v as { local?: unknown }).local;
  if (local !== undefined && !isOverlay(local)) throw new Error("catalog response has a malformed local overlay");
  const data: CatalogData = local ? { vendors: v.vendors, local } : { vendors: v.vendors };
  const version = catalogVersion(data);
  const announced = (v as { version?: unknown }).version;
  if (typeof announced === "string" && announced !== version) {
    throw new Error(`catalog content does not match its version (${announced} announced, ${version} computed)`);
  }
  return { ...data, version };
}

export function readCachedCatalog(file: string): CachedCatalog | null {
  try {
    const c = JSON.parse(readFileSync(file, "utf8")) as CachedCatalog;
    return { ...c, catalog: catalogFromJson(c.catalog) };
  } catch {
    return null;
  }
}

export function writeCachedCatalog(file: string, c: CachedCatalog): void {
  writeJsonAtomic(file, c);
}

/**
 * The catalog as one endpoint needs it: signatures that can only apply to sources this endpoint's
 * collectors never produce are left out (a Linux agent has no use for Windows driver patterns).
 * Classification of entries from the kept sources is unchanged (a left-out signature could never
 * match them, and order is preserved); building the matcher gets several times cheaper.
 */
export function catalogForSources(data: CatalogData, sources: readonly Source[]): CatalogData {
  const wanted = new Set<string>(sources);
  const keep = (sig: Signature) => sig.source === undefined || (Array.isArray(sig.source) ? sig.source : [sig.source]).some((s) => wanted.has(s));
  return {
    ...(data.local ? { local: data.local } : {}),
    vendors: data.vendors.map((v) => ({
      ...v,
      ...(v.exclude ? { exclude: v.exclude.filter(keep) } : {}),
      products: v.products.map((p) => ({ ...p, signatures: p.signatures.filter(keep) })),
    })),
  };
}

/** Which catalog a run would use, without building a matcher (for `status`). */
export function activeCatalogInfo(file: string | null): { version: string; origin: ActiveCatalog["origin"] } {
  const cached = file ? readCachedCatalog(file) : null;
  return cached && cached.catalog.version !== BUILTIN_CATALOG.version ? { version: cached.catalog.version, origin: "server" } : { version: BUILTIN_CATALOG.version, origin: "built-in" };
}

/**
 * The catalog to classify with and its matcher. `sources` narrows the matcher to what this
 * endpoint collects (see catalogForSources); the catalog's version stays that of the full data.
 */
export function loadActiveCatalog(file: string | null, sources?: readonly Source[]): ActiveCatalog {
  const cached = file ? readCachedCatalog(file) : null;
  const build = (c: Catalog) => createMatcher(sources ? catalogForSources(c, sources) : c);
  if (cached && cached.catalog.version !== BUILTIN_CATALOG.version) {
    try {
      return { catalog: cached.catalog, matcher: build(cached.catalog), origin: "server" };
    } catch {
      // fall through to the built-in catalog
    }
  }
  return { catalog: BUILTIN_CATALOG, matcher: build(BUILTIN_CATALOG), origin: "built-in" };
}
