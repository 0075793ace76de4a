// Importing a local overlay file another deployment exported (catalog/exchange.ts has the format
// and the export): what the receiving deployment does not have yet is added, an entry that
// contradicts its own is reported, and the change is applied at once like an officer's
// (overlay-apply.ts).
import type { Category } from "~/agent/shared/protocol";
import type { Actor } from "../audit/log";
import { ZOverlayFileSchema } from "../catalog/exchange";
import { isKnownProduct, isKnownVendor, productCategory } from "../catalog/names";
import type { Db } from "../db/client";
import { applyOverlayChange, type ReevaluateMode } from "./overlay-apply";
import { effectiveCatalog } from "../catalog/effective";
import { patternOf } from "../catalog/rules";
import { activeRules, insertProduct, insertRule, insertVendor, localProducts, localVendors, type LocalRuleRow } from "../catalog/store";

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
