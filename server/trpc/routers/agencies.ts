import { z } from "zod";
import { assertInScope } from "../../access/scope";
import { createAgency, listAgencies, updateAgency, ZCreateAgencySchema, ZUpdateAgencySchema } from "../../agencies/service";
import { adminProcedure, protectedProcedure, router } from "../init";

export const agenciesRouter = router({
  list: protectedProcedure.query(({ ctx }) => listAgencies(ctx.db, ctx.scope)),
  byId: protectedProcedure.input(z.object({ id: z.number().int().positive() })).query(({ ctx, input }) => {
    assertInScope(ctx.scope, input.id);
    return listAgencies(ctx.db, ctx.scope).find((a) => a.id === input.id) ?? null;
  }),
  create: adminProcedure.input(ZCreateAgencySchema).mutation(({ ctx, input }) => createAgency(ctx.db, ctx.actor, input)),
  update: adminProcedure.input(ZUpdateAgencySchema).mutation(({ ctx, input }) => updateAgency(ctx.db, ctx.actor, input)),
});
