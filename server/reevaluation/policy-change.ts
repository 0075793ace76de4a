// Putting a policy in force or withdrawing it, as administrators do: admin only, audited with
// before/after and the number of endpoints affected, and followed by a re-evaluation of those
// endpoints. (The list and the preview are policy/service.ts.)
import { type Actor, recordAudit } from "../audit/log";
import { type Db, inTransaction, mapWholeFile } from "../db/client";
import { conflict } from "../lib/errors";
import { bumpPolicyEpoch } from "../policy/coverage";
import { policyTargets } from "../policy/reach";
import { scopeVendors } from "../policy/scope-vendors";
import { getPolicy, type Policy, previewPolicyChange } from "../policy/service";
import { markPolicySuperseded, setPolicyActiveRow, withdrawReplacedPolicy } from "../policy/store";
import { runPendingReevaluation, runPendingReevaluationAsync } from "./reevaluate";
import { clearPendingIf, markReevaluationPending, readPending, reevaluateIds, reevaluateIdsAsync, reevaluateInBackground, type ReevalStats } from "./reevaluate";

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
 * once the change is committed and re-evaluates the change's endpoints afterwards (the Policies
 * page shows how far it got), leaving other work that was already pending to the maintenance pass:
 * with several app nodes that runs on one node at a time (the maintenance lease), and this node
 * does not run the same pending work beside it; "none" leaves the work pending for the maintenance
 * loop.
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
    setPolicyActiveRow(db, before.id, input.active, actor.userId, now);
    // A new version in force replaces the one before it, in the same transaction: at no time are
    // both (or neither) in force.
    const previous = input.active && before.previousVersionId !== null ? getPolicy(db, before.previousVersionId) : null;
    if (previous?.active) {
      withdrawReplacedPolicy(db, previous.id, now);
      replaced = getPolicy(db, previous.id);
    } else if (previous) {
      markPolicySuperseded(db, previous.id, now);
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
    reevaluateInBackground(db, () => reevaluateChange(db, change, "async", now, opts.signal, { rest: false }));
    return { ...result, reevaluating: true };
  }
  return { ...result, reevaluation: await reevaluateChange(db, change, opts.reevaluate ?? "sync", now, opts.signal) };
}

type Change = { policies: Policy[]; marker: string | null };

/** Re-evaluates the endpoints a committed change concerns, then (unless `rest` is false) what else is pending. */
async function reevaluateChange(db: Db, change: Change, mode: "sync" | "async", now: number, signal?: AbortSignal, opts: { rest?: boolean } = {}): Promise<ReevalStats> {
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
  // The server: the maintenance lease's holder does what else is pending (the marker stays).
  if (opts.rest === false) return stats;
  return addStats(stats, mode === "async" ? await runPendingReevaluationAsync(db, signal) : runPendingReevaluation(db, now));
}
