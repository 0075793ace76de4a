// The catalog this deployment matches with: the built-in release plus its local overlay (rules its
// officers made, tried first). Built once per overlay revision and connection; the revision is a
// settings row every overlay change bumps, so the server sees a change the CLI made on its next
// check-in batch or dashboard request.
import { BUILTIN_CATALOG, catalogVersion, createMatcher, type Catalog, type CatalogOverlay, type LocalRule, type Matcher } from "~/agent/shared/catalog";
import type { Signature } from "~/agent/shared/catalog";
import type { Db } from "../db/client";
import { noteLocalCatalog } from "./names";
import { activeRules, localProducts, localVendors, overlayRevision, type LocalRuleRow } from "./store";

export type EffectiveCatalog = { catalog: Catalog; matcher: Matcher; version: string; revision: number };

const cache = new WeakMap<object, EffectiveCatalog>();
let builtin: EffectiveCatalog | undefined;

/** The built-in catalog alone (what a release says, for conflicts with local rules). */
export function builtinCatalog(): EffectiveCatalog {
  return (builtin ??= { catalog: BUILTIN_CATALOG, matcher: createMatcher(BUILTIN_CATALOG), version: BUILTIN_CATALOG.version, revision: 0 });
}

/** A local rule as the catalog format carries it. */
export function toLocalRule(r: LocalRuleRow): LocalRule {
  const signature: Signature = {};
  if (r.source) signature.source = r.source;
  if (r.namePattern) signature.name = r.namePattern;
  if (r.publisherPattern) signature.publisher = r.publisherPattern;
  if (r.identifierPattern) signature.identifier = r.identifierPattern;
  return {
    id: `local-${r.id}`,
    signature,
    result: r.kind === "classify" && r.vendor && r.product && r.category ? { vendor: r.vendor, product: r.product, category: r.category } : null,
  };
}

export function loadOverlay(db: Db, revision = overlayRevision(db)): CatalogOverlay {
  return {
    revision,
    vendors: localVendors(db).map((v) => ({ slug: v.slug, name: v.name })),
    products: localProducts(db).map((p) => ({ slug: p.slug, vendor: p.vendor, name: p.name, category: p.category })),
    rules: activeRules(db).map(toLocalRule),
  };
}

/** The catalog in force for this database (built-in plus overlay), with its matcher. */
export function effectiveCatalog(db: Db): EffectiveCatalog {
  const revision = overlayRevision(db);
  const hit = cache.get(db.$client);
  if (hit && hit.revision === revision) return hit;
  let eff: EffectiveCatalog;
  if (revision === 0) {
    eff = builtinCatalog();
  } else {
    const local = loadOverlay(db, revision);
    const data = { vendors: BUILTIN_CATALOG.vendors, local };
    const version = catalogVersion(data);
    eff = { catalog: { ...data, version }, matcher: createMatcher(data), version, revision };
  }
  noteLocalCatalog(eff.catalog.local);
  cache.set(db.$client, eff);
  return eff;
}
