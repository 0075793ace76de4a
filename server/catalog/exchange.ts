// The local overlay as a file, to share with other deployments: export writes the rules in force
// with the local vendors and products they name; import adds what the receiving deployment does
// not have yet. Patterns are rebuilt from the officers' match choices, never taken as regular
// expressions from the file. An entry that contradicts the receiving deployment's own (same match,
// another result; same local slug, another name or category) is not imported and is reported.
import { z } from "zod";
import { CATEGORIES, type Category } from "~/agent/shared/protocol";
import type { Actor } from "../audit/log";
import { isKnownProduct, isKnownVendor, productCategory } from "./names";
import type { Db } from "../db/client";
import { applyOverlayChange, type ReevaluateMode } from "./apply";
import { effectiveCatalog } from "./effective";
import { matchOf, patternOf, ZMatchSchema, type Match } from "./rules";
import { activeRules, insertProduct, insertRule, insertVendor, localProducts, localVendors, type LocalRuleRow } from "./store";

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

export type ImportReport = { added: number; alreadyPresent: number; conflicts: string[] };

const keyOf = (source: string | null, name: string | null, publisher: string | null, identifier: string | null) => JSON.stringify([source, name, publisher, identifier]);

export async function importOverlay(db: Db, actor: Actor, raw: unknown, opts: { reevaluate?: ReevaluateMode; now?: number } = {}) {
  const file = ZOverlayFileSchema.parse(raw);
  effectiveCatalog(db);
  const now = opts.now ?? Date.now();
  return applyOverlayChange(
    db,
    actor,
    () => {
      const report: ImportReport = { added: 0, alreadyPresent: 0, conflicts: [] };
      const vendors = new Map(localVendors(db).map((v) => [v.slug, v]));
      const products = new Map(localProducts(db).map((p) => [p.slug, p]));
      const refused = new Set<string>();
      let inserted = 0;
      const insertedAny = () => inserted > 0;
      for (const v of file.vendors) {
        const own = vendors.get(v.slug);
        if (own && own.name.toLowerCase() !== v.name.toLowerCase()) {
          report.conflicts.push(`Vendor ${v.slug}: named "${own.name}" here, "${v.name}" in the file`);
          refused.add(v.slug);
        } else if (!own) {
          insertVendor(db, v, actor.userId, now);
          inserted++;
          vendors.set(v.slug, { ...v, createdAt: now });
        }
      }
      const vendorOk = (slug: string) => !refused.has(slug) && (vendors.has(slug) || isKnownVendor(slug));
      for (const p of file.products) {
        const own = products.get(p.slug);
        if (own && (own.vendor !== p.vendor || own.category !== p.category)) {
          report.conflicts.push(`Product ${p.slug}: ${own.vendor}/${own.category} here, ${p.vendor}/${p.category} in the file`);
          refused.add(p.slug);
        } else if (!own && !vendorOk(p.vendor)) {
          report.conflicts.push(`Product ${p.slug}: its vendor ${p.vendor} is not known here`);
          refused.add(p.slug);
        } else if (!own) {
          insertProduct(db, p, actor.userId, now);
          inserted++;
          products.set(p.slug, { ...p, createdAt: now });
        }
      }
      const existing = new Map(activeRules(db).map((r) => [keyOf(r.source, r.namePattern, r.publisherPattern, r.identifierPattern), r]));
      for (const r of file.rules) {
        const fields = { source: r.match.source, namePattern: patternOf(r.match.name), publisherPattern: patternOf(r.match.publisher), identifierPattern: patternOf(r.match.identifier) };
        const key = keyOf(fields.source, fields.namePattern, fields.publisherPattern, fields.identifierPattern);
        const what = [r.match.name?.value, r.match.publisher?.value, r.match.identifier?.value].filter(Boolean).join(" / ");
        const product = r.kind === "classify" ? r.product : null;
        const own = existing.get(key);
        if (own) {
          if (own.kind === r.kind && own.product === product) report.alreadyPresent++;
          else report.conflicts.push(`Rule for ${what}: ${own.kind === "classify" ? own.product : "not security software"} here, ${product ?? "not security software"} in the file`);
          continue;
        }
        let category: Category | null = null;
        if (r.kind === "classify") {
          const local = product ? products.get(product) : undefined;
          if (!product || !r.vendor || refused.has(product) || (!local && !isKnownProduct(product))) {
            report.conflicts.push(`Rule for ${what}: product ${product ?? "(none)"} is not known here`);
            continue;
          }
          category = local?.category ?? (productCategory(product) as Category | null);
          if (!category) {
            report.conflicts.push(`Rule for ${what}: product ${product} has no category here`);
            continue;
          }
        }
        insertRule(db, { kind: r.kind, ...fields, vendor: r.kind === "classify" ? r.vendor : null, product, category, note: r.note, fromSoftwareId: null }, actor, now);
        existing.set(key, { kind: r.kind, product } as LocalRuleRow);
        report.added++;
      }
      return {
        value: report,
        unchanged: report.added === 0 && !insertedAny(),
        action: "catalog.import",
        details: { ...report, fileCatalogVersion: file.catalogVersion ?? null, exportedAt: file.exportedAt ?? null },
      };
    },
    { ...opts, now },
  );
}
