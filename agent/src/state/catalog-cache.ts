// Which catalog the agent classifies with: the one built in, or the one last downloaded from the
// server when it differs (the server's is the one it re-checks reports against). A downloaded
// catalog is only kept when its content hashes to the version the server announced and its
// patterns compile; a cached one that fails to load gives way to the built-in one.
import { readFileSync } from "node:fs";
import { BUILTIN_CATALOG, catalogVersion, createMatcher } from "../catalog/index";
import type { Catalog, CatalogData, Matcher } from "../catalog/types";
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

/** A catalog from the server's JSON: its data plus the version recomputed from the content. */
export function catalogFromJson(v: unknown): Catalog {
  if (!isCatalogData(v)) throw new Error("catalog response is not a catalog (no vendors array)");
  const data: CatalogData = { vendors: v.vendors };
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

let builtinMatcher: Matcher | undefined;

export function loadActiveCatalog(file: string | null): ActiveCatalog {
  const cached = file ? readCachedCatalog(file) : null;
  if (cached && cached.catalog.version !== BUILTIN_CATALOG.version) {
    try {
      return { catalog: cached.catalog, matcher: createMatcher(cached.catalog), origin: "server" };
    } catch {
      // fall through to the built-in catalog
    }
  }
  builtinMatcher ??= createMatcher(BUILTIN_CATALOG);
  return { catalog: BUILTIN_CATALOG, matcher: builtinMatcher, origin: "built-in" };
}
