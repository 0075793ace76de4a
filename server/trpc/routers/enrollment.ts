import { z } from "zod";
import { createToken, listTokens, revokeToken, ZCreateTokenSchema } from "../../enrollment/tokens";
import { officerProcedure, protectedProcedure, router } from "../init";

export const enrollmentRouter = router({
  list: protectedProcedure.query(({ ctx }) => listTokens(ctx.db, ctx.scope)),
  create: officerProcedure.input(ZCreateTokenSchema).mutation(({ ctx, input }) => {
    const { token, row, agency } = createToken(ctx.db, ctx.actor, ctx.scope, input);
    return { token, id: row.id, expiresAt: row.expiresAt, maxUses: row.maxUses, agencyCode: agency.code };
  }),
  revoke: officerProcedure.input(z.object({ id: z.number().int().positive() })).mutation(({ ctx, input }) => {
    const row = revokeToken(ctx.db, ctx.actor, ctx.scope, input.id);
    return { id: row.id, revokedAt: row.revokedAt };
  }),
});
