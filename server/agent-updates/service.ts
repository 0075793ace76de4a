// Agent versions per agency, staged rollouts of the version the server ships, and the self-updates
// that went wrong: what the Enrollment page shows and changes. Every change is audited.
import "server-only";
import { z } from "zod";
import { type Actor, recordAudit } from "../audit/log";
import { assertInScope, type Scope } from "../access/scope";
import { type Db, inTransaction } from "../db/client";
import { listAgencies } from "../agencies/service";
import { badRequest, notFound } from "../lib/errors";
import { agencyExists, countUpdateProblemsByAgency, deleteRollout, selectRollouts, selectUpdateProblems, selectVersionsByAgency, upsertRollout } from "./store";
import { currentRelease } from "./releases";

const PROBLEM_WINDOW_MS = 30 * 86_400_000;

export const ZSetRolloutSchema = z.object({
  agencyId: z.number().int().positive(),
  /** The shipped version, or null to turn self-update off for the agency. */
  version: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, "A version looks like 1.2.3")
    .nullable(),
  percent: z.number().int().min(0, "0 to 100").max(100, "0 to 100"),
});

export function agentUpdatesOverview(db: Db, scope: Scope, now = Date.now()) {
  const release = currentRelease();
  const shipped = release?.index.version ?? null;
  const agencies = listAgencies(db, scope);
  const rollouts = new Map(selectRollouts(db).map((r) => [r.agencyId, r]));
  const versions = selectVersionsByAgency(db, scope);
  const problems = countUpdateProblemsByAgency(db, scope, now - PROBLEM_WINDOW_MS);
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const rows = agencies.map((a) => {
    // The agency's own setting, else the nearest ancestor's (ancestors outside the scope included).
    const chain = a.path.split("/").filter(Boolean).map(Number).reverse();
    const fromId = chain.find((id) => rollouts.has(id));
    const r = fromId !== undefined ? rollouts.get(fromId)! : null;
    return {
      id: a.id,
      code: a.code,
      name: a.name,
      depth: a.depth,
      own: r !== null && fromId === a.id,
      inheritedFrom: r && fromId !== a.id ? (byId.get(fromId!)?.code ?? `#${fromId}`) : null,
      version: r ? r.version : shipped,
      percent: r ? r.percent : 100,
      versions: versions
        .filter((v) => v.agencyId === a.id)
        .map((v) => ({ version: v.version || "unknown", endpoints: v.endpoints }))
        .sort((x, y) => y.endpoints - x.endpoints),
      problems: problems.get(a.id) ?? 0,
    };
  });
  return {
    shipped,
    signedUpdates: (release?.offers.size ?? 0) > 0,
    agencies: rows,
    problems: selectUpdateProblems(db, scope, now - PROBLEM_WINDOW_MS, 50),
  };
}

export function setRollout(db: Db, actor: Actor, scope: Scope, input: z.input<typeof ZSetRolloutSchema>): void {
  const data = ZSetRolloutSchema.parse(input);
  assertInScope(scope, data.agencyId);
  const shipped = currentRelease()?.index.version ?? null;
  if (data.version !== null && data.version !== shipped) {
    throw shipped ? badRequest("errors.rolloutOnlyShipped", { version: shipped }) : badRequest("errors.noAgentPackages");
  }
  inTransaction(db, () => {
    if (!agencyExists(db, data.agencyId)) throw notFound("errors.agencyNotFound");
    upsertRollout(db, { agencyId: data.agencyId, version: data.version, percent: data.percent, at: Date.now(), userId: actor.userId });
    recordAudit(db, actor, { action: "agent_rollout.set", objectType: "agency", objectId: data.agencyId, agencyId: data.agencyId, details: { version: data.version, percent: data.percent } });
  });
}

export function clearRollout(db: Db, actor: Actor, scope: Scope, agencyId: number): void {
  assertInScope(scope, agencyId);
  inTransaction(db, () => {
    if (!deleteRollout(db, agencyId)) throw notFound("errors.rolloutNotFound");
    recordAudit(db, actor, { action: "agent_rollout.clear", objectType: "agency", objectId: agencyId, agencyId });
  });
}
