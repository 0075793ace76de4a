// The local catalog overlay as officers change it: classify entries (vendor, product, category,
// which fields to match), suppress a false positive ("not security software"), retire a rule. Each
// change is applied at once (see overlay-apply.ts) and audited. Vendors and products an officer
// names that the catalog does not know become local ones ("local-..." slugs); a release never
// reuses them. The overlay's rules and statements are catalog/; these changes re-evaluate
// endpoints, so they sit here, above findings.
import { z } from "zod";
import type { Category } from "~/agent/shared/protocol";
import type { Actor } from "../audit/log";
import { isKnownProduct, isKnownVendor, productCategory, productVendor, vendorName } from "../catalog/names";
import type { Db } from "../db/client";
import { badRequest, conflict, notFound } from "../lib/errors";
import { applyOverlayChange, type ReevaluateMode } from "./overlay-apply";
import { effectiveCatalog } from "../catalog/effective";
import { localSlug, matchesEntry, patternOf, ZMatchSchema, ZProductChoiceSchema, ZVendorChoiceSchema, type Match } from "../catalog/rules";
import { getRule, insertProduct, insertRule, insertVendor, localSlugTaken, localVendorByName, retireRule, softwareById } from "../catalog/store";

export const ZClassifySchema = z.object({
  softwareId: z.number().int().positive().nullable().default(null),
  match: ZMatchSchema,
  vendor: ZVendorChoiceSchema,
  product: ZProductChoiceSchema,
  note: z.string().trim().max(500).default(""),
});
export const ZSuppressSchema = z.object({
  softwareId: z.number().int().positive().nullable().default(null),
  match: ZMatchSchema,
  note: z.string().trim().max(500).default(""),
});
export type ClassifyInput = z.input<typeof ZClassifySchema>;
export type SuppressInput = z.input<typeof ZSuppressSchema>;

/** The entry an officer started from must satisfy the match (otherwise the rule is not what they meant). */
function checkAgainstEntry(db: Db, softwareId: number | null, match: Match): void {
  if (softwareId === null) return;
  const sw = softwareById(db, softwareId);
  if (!sw) throw notFound("errors.softwareNotFound");
  if (!matchesEntry(match, sw)) throw badRequest("errors.matchMissesEntry", { name: sw.name });
}

function freeLocalSlug(db: Db, table: "catalog_local_vendors" | "catalog_local_products", wanted: string): string {
  const taken = (s: string) => localSlugTaken(db, table, s);
  if (!taken(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken(`${wanted}-${i}`)) return `${wanted}-${i}`;
}

type Resolved = { vendor: string; product: string; category: Category; created: { vendor?: string; product?: string } };

/** The vendor and product a classification names, creating local ones when asked to (inside the change's transaction). */
function resolveTarget(db: Db, input: z.output<typeof ZClassifySchema>, actor: Actor, now: number): Resolved {
  const created: Resolved["created"] = {};
  let vendor: string;
  if ("slug" in input.vendor) {
    if (!isKnownVendor(input.vendor.slug)) throw badRequest("errors.unknownVendor", { slug: input.vendor.slug });
    vendor = input.vendor.slug;
  } else {
    const existing = localVendorByName(db, input.vendor.newName);
    vendor = existing?.slug ?? freeLocalSlug(db, "catalog_local_vendors", localSlug(input.vendor.newName));
    if (!existing) {
      insertVendor(db, { slug: vendor, name: input.vendor.newName }, actor.userId, now);
      created.vendor = vendor;
    }
  }
  if ("slug" in input.product) {
    const slug = input.product.slug;
    if (!isKnownProduct(slug) || productVendor(slug) !== vendor) throw badRequest("errors.productNotOfVendor", { product: slug, vendor: vendorName(vendor) });
    return { vendor, product: slug, category: productCategory(slug) as Category, created };
  }
  const product = freeLocalSlug(db, "catalog_local_products", localSlug(vendor, input.product.newName));
  insertProduct(db, { slug: product, vendor, name: input.product.newName, category: input.product.category }, actor.userId, now);
  created.product = product;
  return { vendor, product, category: input.product.category, created };
}

const ruleFields = (m: Match) => ({
  source: m.source,
  namePattern: patternOf(m.name),
  publisherPattern: patternOf(m.publisher),
  identifierPattern: patternOf(m.identifier),
});

export async function classifyEntries(db: Db, actor: Actor, raw: ClassifyInput, opts: { reevaluate?: ReevaluateMode; now?: number } = {}) {
  const input = ZClassifySchema.parse(raw);
  effectiveCatalog(db); // local names current for the checks below
  checkAgainstEntry(db, input.softwareId, input.match);
  const now = opts.now ?? Date.now();
  return applyOverlayChange(
    db,
    actor,
    () => {
      const t = resolveTarget(db, input, actor, now);
      const id = insertRule(
        db,
        { kind: "classify", ...ruleFields(input.match), vendor: t.vendor, product: t.product, category: t.category, note: input.note, fromSoftwareId: input.softwareId },
        actor,
        now,
      );
      return {
        value: { ruleId: id, vendor: t.vendor, product: t.product, category: t.category },
        action: "catalog.classify",
        objectId: `local-${id}`,
        details: { match: input.match, vendor: t.vendor, product: t.product, category: t.category, created: t.created, fromSoftwareId: input.softwareId, note: input.note },
      };
    },
    { ...opts, now },
  );
}

export async function suppressEntries(db: Db, actor: Actor, raw: SuppressInput, opts: { reevaluate?: ReevaluateMode; now?: number } = {}) {
  const input = ZSuppressSchema.parse(raw);
  checkAgainstEntry(db, input.softwareId, input.match);
  const now = opts.now ?? Date.now();
  return applyOverlayChange(
    db,
    actor,
    () => {
      const id = insertRule(db, { kind: "suppress", ...ruleFields(input.match), vendor: null, product: null, category: null, note: input.note, fromSoftwareId: input.softwareId }, actor, now);
      return { value: { ruleId: id }, action: "catalog.suppress", objectId: `local-${id}`, details: { match: input.match, fromSoftwareId: input.softwareId, note: input.note } };
    },
    { ...opts, now },
  );
}

export async function retireLocalRule(db: Db, actor: Actor, ruleId: number, opts: { reevaluate?: ReevaluateMode; now?: number } = {}) {
  const rule = getRule(db, ruleId);
  if (!rule) throw notFound("errors.ruleNotFound");
  if (rule.retiredAt !== null) throw conflict("errors.ruleAlreadyWithdrawn", { id: ruleId });
  const now = opts.now ?? Date.now();
  return applyOverlayChange(
    db,
    actor,
    () => {
      retireRule(db, ruleId, actor.userId, now);
      return { value: { ruleId }, action: "catalog.retire", objectId: `local-${ruleId}`, details: { kind: rule.kind, vendor: rule.vendor, product: rule.product } };
    },
    { ...opts, now },
  );
}
