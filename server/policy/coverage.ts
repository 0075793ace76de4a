// Which products the policies in force cover. A product is covered on an endpoint when an ACTIVE
// policy names its vendor or the product itself, either covers every category (categories null) or
// lists the product's category, and applies to every agency or to a subtree holding the endpoint's.
// Loaded once and cached per connection; every change to policies bumps `settings.policy_epoch`
// in the same transaction, so a process sees another process's change (the admin CLI) on its
// next batch.
import type { Db } from "../db/client";
import { activePolicyScopes, agencyPath, type PolicyScopeRow, policyEpochSetting, writePolicyEpoch } from "./store";

export type PolicyScope = { id: number; slug: string; vendors: string[]; products: string[]; categories: string[] | null; agencyId: number | null };
export type Covering = { ids: number[]; json: string };
/** The materialised path of an agency ("/1/4/9/"), or undefined when it does not exist. */
export type AgencyPaths = (agencyId: number) => string | undefined;

/** True when the product (vendor, product, category) is in the policy's scope, whatever the agency. */
export function scopeCovers(p: Pick<PolicyScope, "vendors" | "products" | "categories">, vendor: string, product: string | null, category: string | null): boolean {
  return (p.vendors.includes(vendor) || (product !== null && p.products.includes(product))) && (p.categories === null || (category !== null && p.categories.includes(category)));
}

export class Coverage {
  private memo = new Map<string, Covering | null>();
  readonly vendors: Set<string>;
  readonly products: Set<string>;
  /** Whether any policy applies to a subtree only (then the agency is part of every answer). */
  private readonly bySubtree: boolean;

  constructor(
    readonly policies: PolicyScope[],
    readonly epoch: string,
    private readonly agencyPaths: AgencyPaths = () => undefined,
  ) {
    this.vendors = new Set(policies.flatMap((p) => p.vendors));
    this.products = new Set(policies.flatMap((p) => p.products));
    this.bySubtree = policies.some((p) => p.agencyId !== null);
  }

  private applies(p: PolicyScope, agencyId: number | null): boolean {
    if (p.agencyId === null) return true;
    if (agencyId === null) return false;
    const root = this.agencyPaths(p.agencyId);
    const own = this.agencyPaths(agencyId);
    return root !== undefined && own?.startsWith(root) === true;
  }

  /** The active policies covering the product on an endpoint of `agencyId`, or null when none does.
   *  Without an agency (null) only policies that apply to every agency count. */
  covering(vendor: string | null, product: string | null, category: string | null, agencyId: number | null): Covering | null {
    if (vendor === null || (!this.vendors.has(vendor) && (product === null || !this.products.has(product)))) return null;
    const key = `${vendor}\u0000${product ?? ""}\u0000${category ?? ""}\u0000${this.bySubtree ? (agencyId ?? "") : ""}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    const ids = this.policies
      .filter((p) => scopeCovers(p, vendor, product, category) && this.applies(p, agencyId))
      .map((p) => p.id)
      .sort((a, b) => a - b);
    const out = ids.length ? { ids, json: JSON.stringify(ids) } : null;
    this.memo.set(key, out);
    return out;
  }

  covers(vendor: string | null, product: string | null, category: string | null, agencyId: number | null): boolean {
    return this.covering(vendor, product, category, agencyId) !== null;
  }
}

export function parseScope(r: PolicyScopeRow): PolicyScope {
  return {
    id: r.id,
    slug: r.slug,
    vendors: JSON.parse(r.vendors) as string[],
    products: JSON.parse(r.products || "[]") as string[],
    categories: r.categories ? (JSON.parse(r.categories) as string[]) : null,
    agencyId: r.agencyId ?? null,
  };
}

/** Agency paths read on demand and remembered (agencies are few; a new one is read when first met). */
export function agencyPathsOf(db: Db): AgencyPaths {
  const memo = new Map<number, string | undefined>();
  return (id) => {
    if (!memo.has(id)) memo.set(id, agencyPath(db, id));
    return memo.get(id);
  };
}

export function readPolicyEpoch(db: Db): string {
  return policyEpochSetting(db) ?? "0";
}

/** Marks the active policy set as changed. Call inside the transaction that changes it. */
export function bumpPolicyEpoch(db: Db): string {
  const next = String(Number(readPolicyEpoch(db)) + 1);
  writePolicyEpoch(db, next);
  return next;
}

const cache = new WeakMap<object, Coverage>();

/** The coverage in force, reloaded when the epoch changed since the last call. */
export function currentCoverage(db: Db): Coverage {
  const epoch = readPolicyEpoch(db);
  const hit = cache.get(db.$client);
  if (hit && hit.epoch === epoch) return hit;
  const cov = new Coverage(activePolicyScopes(db).map(parseScope), epoch, agencyPathsOf(db));
  cache.set(db.$client, cov);
  return cov;
}
