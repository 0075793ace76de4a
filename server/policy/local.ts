// Local policies: a ministry's own measures, written by its administrators (dashboard or CLI).
// Built-in policies are read-only. A local policy can be edited until it is first put in force;
// from then on its text is frozen and changes are made by a new version (a new row pointing at the
// previous one), which replaces it when put in force. Every change is audited with the full text.
import { z } from "zod";
import { CATEGORIES } from "~/agent/shared/protocol";
import { type Actor, recordAudit } from "../audit/log";
import { isKnownProduct, isKnownVendor } from "../catalog/names";
import { effectiveCatalog } from "../catalog/effective";
import { type Db, inTransaction } from "../db/client";
import { badRequest, conflict, forbidden } from "../lib/errors";
import { isValidDay } from "../lib/time";
import { bumpPolicyEpoch } from "./coverage";
import { getPolicy, type Policy } from "./service";
import { agencyExists, draftVersionOf, insertLocalPolicy, type PolicyTextColumns, policySlugTaken, updateLocalPolicyText } from "./store";

const day = () => z.string().trim().refine(isValidDay, "errors.dayFormat");

export const ZLocalPolicySchema = z
  .object({
    name: z.string().trim().min(3, "errors.policyTitle").max(200),
    jurisdiction: z.string().trim().min(2, "errors.policyJurisdiction").max(80),
    legalReference: z.string().trim().min(3, "errors.policyLegalReference").max(500),
    legalUrl: z
      .string()
      .trim()
      .max(500)
      .refine((u) => /^https?:\/\/[^\s]+$/i.test(u), "errors.policyLink")
      .nullable()
      .default(null),
    summary: z.string().trim().max(2000).default(""),
    status: z.enum(["banned", "advisory"]),
    vendors: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
    products: z.array(z.string().trim().min(1).max(120)).max(200).default([]),
    categories: z.array(z.enum(CATEGORIES)).min(1).max(CATEGORIES.length).nullable().default(null),
    effectiveDate: day(),
    deadline: day().nullable().default(null),
    agencyId: z.number().int().positive().nullable().default(null),
  })
  .refine((p) => p.vendors.length + p.products.length > 0, { message: "errors.policyScope", path: ["vendors"] })
  .refine((p) => p.deadline === null || p.deadline >= p.effectiveDate, { message: "errors.deadlineBeforeEffective", path: ["deadline"] });
export type LocalPolicyInput = z.output<typeof ZLocalPolicySchema>;

/** Checks the scope names what the catalog in force knows, and the agency exists. */
function checkReferences(db: Db, p: LocalPolicyInput): void {
  effectiveCatalog(db); // local vendors and products known to the name lookups
  const vendors = [...new Set(p.vendors)];
  const products = [...new Set(p.products)];
  const badVendor = vendors.find((v) => !isKnownVendor(v));
  if (badVendor) throw badRequest("errors.unknownVendor", { slug: badVendor }, { field: "vendors" });
  const badProduct = products.find((x) => !isKnownProduct(x));
  if (badProduct) throw badRequest("errors.unknownProduct", { slug: badProduct }, { field: "products" });
  if (p.agencyId !== null && !agencyExists(db, p.agencyId)) throw badRequest("errors.noSuchAgency", undefined, { field: "agencyId" });
}

function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `local-${base || "policy"}`;
}

function freeSlug(db: Db, wanted: string): string {
  const taken = (s: string) => policySlugTaken(db, s);
  if (!taken(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken(`${wanted}-${i}`)) return `${wanted}-${i}`;
}

type PolicyTextLike = Pick<LocalPolicyInput, keyof LocalPolicyInput>;
const text = (p: PolicyTextLike) => ({
  name: p.name,
  jurisdiction: p.jurisdiction,
  legalReference: p.legalReference,
  legalUrl: p.legalUrl,
  summary: p.summary,
  status: p.status,
  vendors: [...new Set(p.vendors)],
  products: [...new Set(p.products)],
  categories: p.categories ? [...new Set(p.categories)] : null,
  effectiveDate: p.effectiveDate,
  deadline: p.deadline,
  agencyId: p.agencyId,
});

/** The text as its columns store it (lists as JSON). */
function columns(p: PolicyTextLike): PolicyTextColumns {
  const t = text(p);
  return {
    ...t,
    vendors: JSON.stringify(t.vendors),
    products: JSON.stringify(t.products),
    categories: t.categories ? JSON.stringify(t.categories) : null,
  };
}

/** A new local policy, not in force. */
export function createLocalPolicy(db: Db, actor: Actor, input: LocalPolicyInput, now = Date.now()): Policy {
  const p = ZLocalPolicySchema.parse(input);
  checkReferences(db, p);
  return inTransaction(db, () => {
    const slug = freeSlug(db, slugify(p.name));
    const id = insertLocalPolicy(db, columns(p), slug, 1, null, actor.userId, now);
    recordAudit(db, actor, { action: "policy.create", objectType: "policy", objectId: id, details: { slug, version: 1, text: text(p) } }, now);
    return getPolicy(db, id);
  });
}

function editable(before: Policy): void {
  if (before.origin !== "local") throw forbidden("errors.builtinReadOnly");
  if (before.firstInForceAt !== null) throw conflict("errors.policyFrozen", { name: before.name });
}

/** Rewrites a local policy that was never in force. */
export function updateLocalPolicy(db: Db, actor: Actor, id: number, input: LocalPolicyInput, now = Date.now()): Policy {
  const p = ZLocalPolicySchema.parse(input);
  checkReferences(db, p);
  return inTransaction(db, () => {
    const before = getPolicy(db, id);
    editable(before);
    updateLocalPolicyText(db, id, columns(p), now);
    bumpPolicyEpoch(db); // not in force, so nothing is re-evaluated; readers reload the list
    const after = getPolicy(db, id);
    recordAudit(db, actor, { action: "policy.update", objectType: "policy", objectId: id, details: { slug: before.slug, before: text(before as PolicyTextLike), after: text(p) } }, now);
    return after;
  });
}

/** A new version of a local policy that has been in force: a draft that replaces it once put in force. */
export function newPolicyVersion(db: Db, actor: Actor, id: number, input: LocalPolicyInput, now = Date.now()): Policy {
  const p = ZLocalPolicySchema.parse(input);
  checkReferences(db, p);
  return inTransaction(db, () => {
    const before = getPolicy(db, id);
    if (before.origin !== "local") throw forbidden("errors.builtinReadOnly");
    if (before.firstInForceAt === null) throw conflict("errors.policyNeverInForce", { name: before.name });
    if (before.supersededAt !== null) throw conflict("errors.policyAlreadyReplaced", { name: before.name, version: before.version });
    const draft = draftVersionOf(db, id);
    if (draft) throw conflict("errors.policyDraftExists", { name: before.name, version: draft.version });
    const version = before.version + 1;
    const slug = freeSlug(db, `${before.slug.replace(/-v\d+$/, "")}-v${version}`);
    const newId = insertLocalPolicy(db, columns(p), slug, version, before.id, actor.userId, now);
    recordAudit(db, actor, { action: "policy.version", objectType: "policy", objectId: newId, details: { slug, version, replaces: before.slug, text: text(p) } }, now);
    return getPolicy(db, newId);
  });
}

/** The editable text of a policy (to prefill the editor or a new version). */
export function policyText(p: Policy): LocalPolicyInput {
  return text(p as PolicyTextLike) as LocalPolicyInput;
}
