// Policies: anyone signed in may read them with their reach; only administrators change which
// are in force (preview first, for the confirmation dialog, then set).
import { z } from "zod";
import { getPolicy, listPolicies, previewPolicyChange, setPolicyActive } from "../../policy/service";
import { adminProcedure, protectedProcedure, router } from "../init";

const ZPolicyChangeSchema = z.object({ policyId: z.number().int().positive(), active: z.boolean() });

export const policiesRouter = router({
  list: protectedProcedure.query(({ ctx }) => listPolicies(ctx.db)),
  byId: protectedProcedure.input(z.object({ id: z.number().int().positive() })).query(({ ctx, input }) => getPolicy(ctx.db, input.id)),
  previewChange: adminProcedure.input(ZPolicyChangeSchema).query(({ ctx, input }) => previewPolicyChange(ctx.db, input.policyId, input.active)),
  setActive: adminProcedure.input(ZPolicyChangeSchema).mutation(async ({ ctx, input }) => {
    const r = await setPolicyActive(ctx.db, ctx.actor, input, { reevaluate: "async" });
    return {
      policy: r.policy,
      changed: r.changed,
      endpointsAffected: r.endpointsAffected,
      reevaluated: r.reevaluation?.endpoints ?? 0,
    };
  }),
});
