// Policies as administrators see them: the list with each policy's reach, and a preview of what
// (de)activating one would change (shown for confirmation). The change itself, followed by a
// re-evaluation, is reevaluation/policy-change.ts.
import type { Db } from "../db/client";
import { notFound } from "../lib/errors";
import { Coverage, agencyPathsOf, currentCoverage, parseScope } from "./coverage";
import { countEndpointsWith, inScope, reachOf, softwareIdsWhere } from "./reach";
import { parsePolicyTexts } from "./texts";
import { type PolicyRow, policyById, policyBySlug, selectPolicies } from "./store";

function toPolicy(r: PolicyRow) {
  const scope = parseScope(r);
  return { ...r, vendors: scope.vendors, products: scope.products, categories: scope.categories, active: r.active === 1, texts: parsePolicyTexts(r.texts) };
}
export type Policy = ReturnType<typeof toPolicy>;

/** Every policy as stored, without reach counts (cheap): those in force first, then by date. */
export function policyRows(db: Db, order: "active-first" | "by-date" = "active-first"): Policy[] {
  return selectPolicies(db, order).map(toPolicy);
}

/** Every policy, with the number of endpoints that have a product in its scope (at most a minute old). */
export function listPolicies(db: Db) {
  return policyRows(db, "by-date").map((p) => ({ ...p, endpointsInScope: reachOf(db, p) }));
}

export function getPolicy(db: Db, idOrSlug: number | string): Policy {
  const row = typeof idOrSlug === "number" ? policyById(db, idOrSlug) : policyBySlug(db, idOrSlug);
  if (!row) throw notFound("errors.policyNotFound");
  return toPolicy(row);
}

export type PolicyChangePreview = {
  policyId: number;
  slug: string;
  active: boolean;
  /** Endpoints with a product in the policy's scope. */
  endpointsInScope: number;
  /** Endpoints whose findings change: in scope and not (or no longer) covered by another active policy. */
  endpointsAffected: number;
};

/** What setting `active` on the policy would change, computed from the current data. */
export function previewPolicyChange(db: Db, policyId: number, active: boolean): PolicyChangePreview {
  const p = getPolicy(db, policyId);
  // Putting a new version in force withdraws the one it replaces: that one is no "other" policy.
  const others = new Coverage(
    currentCoverage(db).policies.filter((x) => x.id !== p.id && x.id !== p.previousVersionId),
    "preview",
    agencyPathsOf(db),
  );
  const scope = inScope(p);
  const inScopeIds = softwareIdsWhere(db, scope);
  const affectedIds = p.active === active ? [] : softwareIdsWhere(db, (v, prod, c) => scope(v, prod, c) && !others.covers(v, prod, c, p.agencyId));
  const endpointsInScope = countEndpointsWith(db, inScopeIds, p.agencyId);
  const endpointsAffected = affectedIds.length === inScopeIds.length ? (affectedIds.length ? endpointsInScope : 0) : countEndpointsWith(db, affectedIds, p.agencyId);
  return { policyId: p.id, slug: p.slug, active, endpointsInScope, endpointsAffected };
}
