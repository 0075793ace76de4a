// Policies as administrators see and change them: the list with each policy's reach, a preview of
// what (de)activating one would change (shown for confirmation), and the change itself: admin
// only, audited with before/after and the number of endpoints affected, and followed by a
// re-evaluation of those endpoints.
import { type Actor, recordAudit } from "../audit/log";
import { type Db, inTransaction, mapWholeFile } from "../db/client";
import { notFound } from "../lib/errors";
import { prep } from "../ingest/sql";
import { Coverage, bumpPolicyEpoch, currentCoverage, parseScope, type PolicyScope } from "./coverage";
import { runPendingReevaluation, runPendingReevaluationAsync } from "./reevaluate";
import { clearPendingIf, markReevaluationPending, readPending, reevaluateIds, reevaluateIdsAsync, type ReevalStats } from "./reevaluate";

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
  categories: string | null;
  deadline: string | null;
  active: number;
  activatedAt: number | null;
  activatedBy: number | null;
};

const SELECT = `select id, slug, name, jurisdiction, legal_reference as legalReference, legal_url as legalUrl, summary,
  effective_date as effectiveDate, status, vendors, categories, deadline, active, activated_at as activatedAt, activated_by as activatedBy from policies`;

function toPolicy(r: PolicyRow) {
  const scope = parseScope(r);
  return { ...r, vendors: scope.vendors, categories: scope.categories, active: r.active === 1 };
}
export type Policy = ReturnType<typeof toPolicy>;

function softwareIdsWhere(db: Db, pred: (vendor: string, category: string | null) => boolean): number[] {
  const rows = prep(db, "select id, vendor, category from software where vendor is not null").raw(true).all() as [number, string, string | null][];
  return rows.filter(([, v, c]) => pred(v, c)).map(([id]) => id);
}

/** Endpoints with a present observation of these software rows (one scan of the partial index). */
function endpointsWith(db: Db, softwareIds: number[]): Set<number> {
  const out = new Set<number>();
  if (!softwareIds.length) return out;
  const q = db.$client.prepare(`select distinct endpoint_id from observations where software_id in (${softwareIds.map(Number).join(",")}) and removed_at is null`).raw(true);
  for (const [id] of q.iterate() as Iterable<[number]>) out.add(id);
  return out;
}

function countEndpointsWith(db: Db, softwareIds: number[]): number {
  if (!softwareIds.length) return 0;
  // One statement over the partial index of present observations (ids are integers from the database).
  const row = db.$client
    .prepare(`select count(distinct endpoint_id) as n from observations where software_id in (${softwareIds.map(Number).join(",")}) and removed_at is null`)
    .get() as { n: number };
  return row.n;
}

const inScope = (p: PolicyScope) => (vendor: string, category: string | null) =>
  p.vendors.includes(vendor) && (p.categories === null || (category !== null && p.categories.includes(category)));

// Reach per scope, cached a minute per connection: on a million-endpoint fleet each count is a
// scan of several million index entries, and the policies page must not pay it on every view.
const reachCache = new WeakMap<object, Map<string, { n: number; at: number }>>();
const REACH_TTL_MS = 60_000;

function reachOf(db: Db, p: PolicyScope): number {
  let cache = reachCache.get(db.$client);
  if (!cache) reachCache.set(db.$client, (cache = new Map()));
  const key = JSON.stringify([p.vendors, p.categories]);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < REACH_TTL_MS) return hit.n;
  const n = countEndpointsWith(db, softwareIdsWhere(db, inScope(p)));
  cache.set(key, { n, at: Date.now() });
  return n;
}

/** Every policy as stored, without reach counts (cheap): those in force first, then by date. */
export function policyRows(db: Db, order: "active-first" | "by-date" = "active-first"): Policy[] {
  const sort = order === "active-first" ? "active desc, effective_date, id" : "effective_date, id";
  return (prep(db, `${SELECT} order by ${sort}`).all() as PolicyRow[]).map(toPolicy);
}

/** Every policy, with the number of endpoints that have a product in its scope (at most a minute old). */
export function listPolicies(db: Db) {
  return policyRows(db, "by-date").map((p) => ({ ...p, endpointsInScope: reachOf(db, p) }));
}

export function getPolicy(db: Db, idOrSlug: number | string): Policy {
  const row = (typeof idOrSlug === "number" ? prep(db, `${SELECT} where id = ?`).get(idOrSlug) : prep(db, `${SELECT} where slug = ?`).get(idOrSlug)) as
    | PolicyRow
    | undefined;
  if (!row) throw notFound("Policy");
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
  const others = new Coverage(currentCoverage(db).policies.filter((x) => x.id !== p.id), "preview");
  const scope = inScope(p);
  const inScopeIds = softwareIdsWhere(db, scope);
  const affectedIds = p.active === active ? [] : softwareIdsWhere(db, (v, c) => scope(v, c) && !others.covers(v, c));
  const endpointsInScope = countEndpointsWith(db, inScopeIds);
  const endpointsAffected = affectedIds.length === inScopeIds.length ? (affectedIds.length ? endpointsInScope : 0) : countEndpointsWith(db, affectedIds);
  return { policyId: p.id, slug: p.slug, active, endpointsInScope, endpointsAffected };
}

/** Endpoints a change to this policy can affect: a product in its scope, or a live finding of its vendors. */
function policyTargets(db: Db, p: Policy): number[] {
  const ids = endpointsWith(db, softwareIdsWhere(db, inScope(p)));
  const withFindings = db.$client
    .prepare(`select endpoint_id from findings where status in ('open', 'excepted', 'withdrawn') and vendor in (${p.vendors.map(() => "?").join(",")})`)
    .raw(true);
  for (const [id] of withFindings.iterate(...p.vendors) as Iterable<[number]>) ids.add(id);
  return [...ids];
}

const addStats = (a: ReevalStats, b: ReevalStats): ReevalStats => ({ endpoints: a.endpoints + b.endpoints, changed: a.changed + b.changed, ms: a.ms + b.ms });

export type SetPolicyResult = { policy: Policy; changed: boolean; endpointsAffected: number; reevaluation: ReevalStats | null };

/**
 * Puts a policy in force or withdraws it. `reevaluate`: "sync" (default: CLI, tests, seeding)
 * re-evaluates before returning; "async" yields between chunks (the server); "none" leaves the
 * work pending for the maintenance loop.
 */
export async function setPolicyActive(
  db: Db,
  actor: Actor,
  input: { policyId: number; active: boolean },
  opts: { now?: number; reevaluate?: "sync" | "async" | "none" } = {},
): Promise<SetPolicyResult> {
  const now = opts.now ?? Date.now();
  // Counted before the change (for the audit record, as the confirmation dialog showed it) and
  // outside the write transaction: on a large fleet it is a scan that must not hold the lock.
  const current = getPolicy(db, input.policyId);
  const preview = current.active === input.active ? null : previewPolicyChange(db, current.id, input.active);
  let marker: string | null = null;
  const { policy, changed } = inTransaction(db, () => {
    const before = getPolicy(db, input.policyId);
    if (before.active === input.active || !preview) return { policy: before, changed: false };
    const hadPending = readPending(db) !== null;
    prep(db, "update policies set active = ?, activated_at = ?, activated_by = ? where id = ?").run(
      input.active ? 1 : 0,
      input.active ? now : null,
      input.active ? actor.userId : null,
      before.id,
    );
    bumpPolicyEpoch(db);
    markReevaluationPending(db, { vendors: before.vendors });
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
          before: { active: before.active, activatedAt: before.activatedAt },
          after: { active: after.active, activatedAt: after.activatedAt },
          endpointsInScope: preview.endpointsInScope,
          endpointsAffected: preview.endpointsAffected,
        },
      },
      now,
    );
    return { policy: after, changed: true };
  });
  let reevaluation: ReevalStats | null = null;
  if (changed && opts.reevaluate !== "none") {
    // The endpoints to re-evaluate are read after the change committed: a check-in committed
    // before it is in the scan, one after it was evaluated under the new policies already.
    const targets = policyTargets(db, policy);
    // The marker stays until the work is done: a crash part-way leaves it for the maintenance loop.
    const unmap = mapWholeFile(db);
    try {
      reevaluation = opts.reevaluate === "async" ? await reevaluateIdsAsync(db, targets) : reevaluateIds(db, targets, now);
    } finally {
      unmap();
    }
    if (marker) clearPendingIf(db, marker);
    else reevaluation = addStats(reevaluation, opts.reevaluate === "async" ? await runPendingReevaluationAsync(db) : runPendingReevaluation(db, now));
  }
  return { policy, changed, endpointsAffected: preview?.endpointsAffected ?? 0, reevaluation };
}
