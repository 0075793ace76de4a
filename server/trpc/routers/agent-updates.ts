import { z } from "zod";
import { agentUpdatesOverview, clearRollout, setRollout, ZSetRolloutSchema } from "../../agent-updates/service";
import { officerProcedure, protectedProcedure, router } from "../init";

export const agentUpdatesRouter = router({
  overview: protectedProcedure.query(({ ctx }) => agentUpdatesOverview(ctx.db, ctx.scope)),
  setRollout: officerProcedure.input(ZSetRolloutSchema).mutation(({ ctx, input }) => {
    setRollout(ctx.db, ctx.actor, ctx.scope, input);
    return { ok: true };
  }),
  clearRollout: officerProcedure.input(z.object({ agencyId: z.number().int().positive() })).mutation(({ ctx, input }) => {
    clearRollout(ctx.db, ctx.actor, ctx.scope, input.agencyId);
    return { ok: true };
  }),
});
