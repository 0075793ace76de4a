import { z } from "zod";
import { listAmbiguities, resolveAmbiguity } from "../../import/ambiguities";
import { getImportItem, listImports } from "../../import/history";
import { createImportToken, listImportTokens, revokeImportToken, ZCreateImportTokenSchema } from "../../import/tokens";
import { runWork } from "../../work/run";
import { officerProcedure, protectedProcedure, router } from "../init";

const id = z.object({ id: z.number().int().positive() });

export const importsRouter = router({
  list: protectedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50), before: z.number().int().positive().optional() }))
    .query(({ ctx, input }) => listImports(ctx.db, ctx.scope, input)),
  byId: protectedProcedure.input(id).query(({ ctx, input }) => getImportItem(ctx.db, ctx.scope, input.id)),
  // On the work thread: a large import's undo is one long transaction.
  undo: officerProcedure.input(id).mutation(({ ctx, input }) => runWork(ctx.db, "import.undo", { actor: ctx.actor, scope: ctx.scope, id: input.id })),
  ambiguities: protectedProcedure.query(({ ctx }) => listAmbiguities(ctx.db, ctx.scope)),
  resolve: officerProcedure
    .input(z.object({ id: z.number().int().positive(), endpointId: z.number().int().positive().nullable() }))
    .mutation(({ ctx, input }) => resolveAmbiguity(ctx.db, ctx.actor, ctx.scope, input)),
  tokens: protectedProcedure.query(({ ctx }) => listImportTokens(ctx.db, ctx.scope)),
  createToken: officerProcedure.input(ZCreateImportTokenSchema).mutation(({ ctx, input }) => {
    const { token, row, agency } = createImportToken(ctx.db, ctx.actor, ctx.scope, input);
    return { token, id: row.id, expiresAt: row.expiresAt, agencyCode: agency.code };
  }),
  revokeToken: officerProcedure.input(id).mutation(({ ctx, input }) => {
    const row = revokeImportToken(ctx.db, ctx.actor, ctx.scope, input.id);
    return { id: row.id, revokedAt: row.revokedAt };
  }),
});
