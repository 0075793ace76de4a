// The local overlay as a file, to share with other deployments: export writes the rules in force
// with the local vendors and products they name; import adds what the receiving deployment does
// not have yet. Patterns are rebuilt from the officers' match choices, never taken as regular
// expressions from the file. An entry that contradicts the receiving deployment's own (same match,
// another result; same local slug, another name or category) is not imported and is reported.
// The file's format and the export are here; the import, which re-evaluates endpoints, is
// reevaluation/overlay-import.ts.
import { z } from "zod";
import { CATEGORIES } from "~/agent/shared/protocol";
import type { Db } from "../db/client";
import { effectiveCatalog } from "./effective";
import { matchOf, ZMatchSchema, type Match } from "./rules";
import { activeRules, localProducts, localVendors, type LocalRuleRow } from "./store";

export const OVERLAY_FORMAT = "muster-catalog-overlay";

const ZLocalSlug = z.string().regex(/^local-[a-z0-9-]{1,80}$/, "errors.localSlug");
export const ZOverlayFileSchema = z.object({
  format: z.literal(OVERLAY_FORMAT, { error: "errors.overlayFormat" }),
  formatVersion: z.literal(1, { error: "errors.overlayVersion" }),
  exportedAt: z.string().max(64).optional(),
  catalogVersion: z.string().max(64).optional(),
  vendors: z.array(z.object({ slug: ZLocalSlug, name: z.string().trim().min(2).max(120) })).max(500),
  products: z.array(z.object({ slug: ZLocalSlug, vendor: z.string().min(1).max(80), name: z.string().trim().min(2).max(160), category: z.enum(CATEGORIES) })).max(2000),
  rules: z
    .array(
      z.object({
        kind: z.enum(["classify", "suppress"]),
        match: ZMatchSchema,
        vendor: z.string().min(1).max(80).nullable().default(null),
        product: z.string().min(1).max(120).nullable().default(null),
        note: z.string().trim().max(500).default(""),
      }),
    )
    .max(5000),
});
export type OverlayFile = z.output<typeof ZOverlayFileSchema>;

const matchOfRule = (r: LocalRuleRow): Match => ({
  source: r.source,
  ...(r.namePattern ? { name: matchOf(r.namePattern) } : {}),
  ...(r.publisherPattern ? { publisher: matchOf(r.publisherPattern) } : {}),
  ...(r.identifierPattern ? { identifier: matchOf(r.identifierPattern) } : {}),
});

export function exportOverlay(db: Db, now = Date.now()): OverlayFile {
  const catalog = effectiveCatalog(db);
  const rules = activeRules(db);
  const usedProducts = new Set(rules.map((r) => r.product).filter((p): p is string => p !== null));
  const products = localProducts(db).filter((p) => usedProducts.has(p.slug));
  const usedVendors = new Set([...rules.map((r) => r.vendor), ...products.map((p) => p.vendor)]);
  return {
    format: OVERLAY_FORMAT,
    formatVersion: 1,
    exportedAt: new Date(now).toISOString(),
    catalogVersion: catalog.version,
    vendors: localVendors(db)
      .filter((v) => usedVendors.has(v.slug))
      .map((v) => ({ slug: v.slug, name: v.name })),
    products: products.map((p) => ({ slug: p.slug, vendor: p.vendor, name: p.name, category: p.category })),
    rules: rules.map((r) => ({ kind: r.kind, match: matchOfRule(r), vendor: r.vendor, product: r.product, note: r.note })),
  };
}
