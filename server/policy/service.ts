// Policies as administrators see and change them: the list with each policy's reach, a preview of
// what (de)activating one would change (shown for confirmation), and the change itself: admin
// only, audited with before/after and the number of endpoints affected, and followed by a
// re-evaluation of those endpoints.
import { type Actor, recordAudit } from "../audit/log";
import { type Db, inTransaction, mapWholeFile } from "../db/client";
import { conflict, notFound } from "../lib/errors";
import { prep } from "../db/sql";
import { Coverage, agencyPathsOf, bumpPolicyEpoch, currentCoverage, parseScope } from "./coverage";
import { countEndpointsWith, inScope, policyTargets, reachOf, softwareIdsWhere } from "./reach";
import { scopeVendors } from "./scope-vendors";
import { parsePolicyTexts } from "./texts";
import { runPendingReevaluation, runPendingReevaluationAsync } from "./reevaluate";
import { clearPendingIf, markReevaluationPending, readPending, reevaluateIds, reevaluateIdsAsync, reevaluateInBackground, type ReevalStats } from "./reevaluate";

type PolicyRow = {
  id: number;
  slug: string;
  name: string;
  jurisdiction: string;
  legalReference: string;
  legalUrl: string | null;
  summary: string;
  effectiveDate: string;
  status: "banned" | "advisory";
  vendors: string;
  products: string;
  categories: string | null;
  deadline: string | null;
  active: number;
  activatedAt: number | null;
  activatedBy: number | null;
  origin: "builtin" | "local";
  agencyId: number | null;
  agencyCode: string | null;
  agencyName: string | null;
  version: number;
  previousVersionId: number | null;
  supersededAt: number | null;
  firstInForceAt: number | null;
  createdAt: number | null;
  updatedAt: number | null;
  texts: string | null;
};

const SELECT = `select p.id, p.slug, p.name, p.jurisdiction, p.legal_reference as legalReference, p.legal_url as legalUrl, p.summary,
  p.effective_date as effectiveDate, p.status, p.vendors, p.products, p.categories, p.deadline, p.active, p.activated_at as activatedAt,
  p.activated_by as activatedBy, p.origin, p.agency_id as agencyId, a.code as agencyCode, a.name as agencyName, p.version,
  p.previous_version_id as previousVersionId, p.superseded_at as supersededAt, p.first_in_force_at as firstInForceAt,
  p.created_at as createdAt, p.updated_at as updatedAt, p.texts
  from policies p left join agencies a on a.id = p.agency_id`;

function toPolicy(r: PolicyRow) {
  const scope = parseScope(r);
  return { ...r, vendors: scope.vendors, products: scope.products, categories: scope.categories, active: r.active === 1, texts: parsePolicyTexts(r.texts) };
}
export type Policy = ReturnType<typeof toPolicy>;

/** Every policy as stored, without reach counts (cheap): those in force first, then by date. */
export function policyRows(db: Db, order: "active-first" | "by-date" = "active-first"): Policy[] {
  const sort = order === "active-first" ? "p.active desc, p.effective_date, p.id" : "p.effective_date, p.id";
  return (prep(db, `${SELECT} order by ${sort}`).all() as PolicyRow[]).map(toPolicy);
}

/** Every policy, with the number of endpoints that have a product in its scope (at most a minute old). */
export function listPolicies(db: Db) {
  return policyRows(db, "by-date").map((p) => ({ ...p, endpointsInScope: reachOf(db, p) }));
}

export function getPolicy(db: Db, idOrSlug: number | string): Policy {
  const row = (typeof idOrSlug === "number" ? prep(db, `${SELECT} where p.id = ?`).get(idOrSlug) : prep(db, `${SELECT} where p.slug = ?`).get(idOrSlug)) as PolicyRow | undefined;
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

const addStats = (a: ReevalStats, b: ReevalStats): ReevalStats => ({ endpoints: a.endpoints + b.endpoints, changed: a.changed + b.changed, ms: a.ms + b.ms });

export type SetPolicyResult = {
  policy: Policy;
  changed: boolean;
  endpointsAffected: number;
  reevaluation: ReevalStats | null;
  /** The re-evaluation was started in the background (reevaluate: "background"). */
  reevaluating: boolean;
};

/**
 * Puts a policy in force or withdraws it. `reevaluate`: "sync" (default: CLI, tests, seeding)
 * re-evaluates before returning; "async" yields between chunks; "background" (the server) answers
 * once the change is committed and re-evaluates afterwards (the Policies page shows how far it
 * got); "none" leaves the work pending for the maintenance loop.
 */
export async function setPolicyActive(
  db: Db,
  actor: Actor,
  input: { policyId: number; active: boolean },
  opts: { now?: number; reevaluate?: "sync" | "async" | "background" | "none"; signal?: AbortSignal } = {},
): Promise<SetPolicyResult> {
  const now = opts.now ?? Date.now();
  // Counted before the change (for the audit record, as the confirmation dialog showed it) and
  // outside the write transaction: on a large fleet it is a scan that must not hold the lock.
  const current = getPolicy(db, input.policyId);
  const preview = current.active === input.active ? null : previewPolicyChange(db, current.id, input.active);
  if (input.active && current.supersededAt !== null) {
    throw conflict("errors.policyReplaced", { name: current.name, version: current.version });
  }
  let marker: string | null = null;
  let replaced: Policy | null = null;
  const { policy, changed } = inTransaction(db, () => {
    const before = getPolicy(db, input.policyId);
    if (before.active === input.active || !preview) return { policy: before, changed: false };
    const hadPending = readPending(db) !== null;
    prep(db, "update policies set active = ?, activated_at = ?, activated_by = ?, first_in_force_at = coalesce(first_in_force_at, ?) where id = ?").run(
      input.active ? 1 : 0,
      input.active ? now : null,
      input.active ? actor.userId : null,
      input.active ? now : null,
      before.id,
    );
    // A new version in force replaces the one before it, in the same transaction: at no time are
    // both (or neither) in force.
    const previous = input.active && before.previousVersionId !== null ? getPolicy(db, before.previousVersionId) : null;
    if (previous?.active) {
      prep(db, "update policies set active = 0, activated_at = null, activated_by = null, superseded_at = ? where id = ?").run(now, previous.id);
      replaced = getPolicy(db, previous.id);
    } else if (previous) {
      prep(db, "update policies set superseded_at = coalesce(superseded_at, ?) where id = ?").run(now, previous.id);
    }
    bumpPolicyEpoch(db);
    markReevaluationPending(db, { vendors: [...new Set([...scopeVendors(before), ...(previous ? scopeVendors(previous) : [])])] });
    // With no other work pending, the re-evaluation below completes this marker's job.
    if (!hadPending) marker = readPending(db)!.raw;
    const after = getPolicy(db, before.id);
    recordAudit(
      db,
      actor,
      {
        action: input.active ? "policy.activate" : "policy.deactivate",
        objectType: "policy",
        objectId: before.id,
        details: {
          slug: before.slug,
          version: before.version,
          before: { active: before.active, activatedAt: before.activatedAt },
          after: { active: after.active, activatedAt: after.activatedAt },
          ...(replaced ? { replaced: { id: (replaced as Policy).id, slug: (replaced as Policy).slug, version: (replaced as Policy).version } } : {}),
          endpointsInScope: preview.endpointsInScope,
          endpointsAffected: preview.endpointsAffected,
        },
      },
      now,
    );
    return { policy: after, changed: true };
  });
  const result = { policy, changed, endpointsAffected: preview?.endpointsAffected ?? 0, reevaluation: null, reevaluating: false };
  if (!changed || opts.reevaluate === "none") return result;
  const change: Change = { policies: replaced ? [policy, replaced] : [policy], marker };
  if (opts.reevaluate === "background") {
    reevaluateInBackground(db, () => reevaluateChange(db, change, "async", now, opts.signal));
    return { ...result, reevaluating: true };
  }
  return { ...result, reevaluation: await reevaluateChange(db, change, opts.reevaluate ?? "sync", now, opts.signal) };
}

type Change = { policies: Policy[]; marker: string | null };

/** Re-evaluates the endpoints a committed change concerns, then what else is pending. */
async function reevaluateChange(db: Db, change: Change, mode: "sync" | "async", now: number, signal?: AbortSignal): Promise<ReevalStats> {
  // The endpoints to re-evaluate are read after the change committed: a check-in committed
  // before it is in the scan, one after it was evaluated under the new policies already.
  const targets = policyTargets(db, change.policies);
  // The marker stays until the work is done: a crash part-way leaves it for the maintenance loop.
  const unmap = mapWholeFile(db);
  let stats: ReevalStats;
  try {
    stats = mode === "async" ? await reevaluateIdsAsync(db, targets, signal) : reevaluateIds(db, targets, now);
  } finally {
    unmap();
  }
  // Interrupted (shutdown): the marker stays, and the next start finishes the job.
  if (stats.interrupted) return stats;
  if (change.marker) {
    clearPendingIf(db, change.marker);
    return stats;
  }
  return addStats(stats, mode === "async" ? await runPendingReevaluationAsync(db, signal) : runPendingReevaluation(db, now));
}
