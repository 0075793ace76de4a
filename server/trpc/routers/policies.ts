// Policies: anyone signed in may read them with their reach; only administrators write local
// policies and change which are in force (preview first, for the confirmation dialog, then set).
import { z } from "zod";
import { createLocalPolicy, newPolicyVersion, updateLocalPolicy, ZLocalPolicySchema } from "../../policy/local";
import { reevaluationStatus } from "../../reevaluation/progress";
import { getPolicy, listPolicies } from "../../policy/service";
import { runWork } from "../../work/run";
import { adminProcedure, protectedProcedure, router } from "../init";

const ZPolicyChangeSchema = z.object({ policyId: z.number().int().positive(), active: z.boolean() });
/** The policy's id beside its fields (flat, so field errors come back per field). */
const ZPolicyEditSchema = z.intersection(z.object({ id: z.number().int().positive() }), ZLocalPolicySchema);

export const policiesRouter = router({
  list: protectedProcedure.query(({ ctx }) => listPolicies(ctx.db)),
  byId: protectedProcedure.input(z.object({ id: z.number().int().positive() })).query(({ ctx, input }) => getPolicy(ctx.db, input.id)),
  // Both scan observations (and the change re-evaluates endpoints): on the work thread.
  previewChange: adminProcedure.input(ZPolicyChangeSchema).query(({ ctx, input }) => runWork(ctx.db, "policy.preview", input)),
  // Answered once the change is committed; the endpoints are re-evaluated afterwards (see reevaluation).
  setActive: adminProcedure.input(ZPolicyChangeSchema).mutation(async ({ ctx, input }) => {
    const r = await runWork(ctx.db, "policy.setActive", { actor: ctx.actor, ...input });
    return { policy: r.policy, changed: r.changed, endpointsAffected: r.endpointsAffected, reevaluating: r.reevaluating };
  }),
  /** Whether endpoints are still being re-evaluated after a change, and how far it got. */
  reevaluation: protectedProcedure.query(({ ctx }) => reevaluationStatus(ctx.db)),
  create: adminProcedure.input(ZLocalPolicySchema).mutation(({ ctx, input }) => createLocalPolicy(ctx.db, ctx.actor, input)),
  update: adminProcedure.input(ZPolicyEditSchema).mutation(({ ctx, input: { id, ...policy } }) => updateLocalPolicy(ctx.db, ctx.actor, id, policy)),
  newVersion: adminProcedure.input(ZPolicyEditSchema).mutation(({ ctx, input: { id, ...policy } }) => newPolicyVersion(ctx.db, ctx.actor, id, policy)),
});
