// Policies and catalog, read side: policies with what they cover, the catalog of vendors and
// products, and the unrecognized entries agents report.
import { z } from "zod";
import { catalogWithPolicies, listUnrecognized } from "../../dashboard/catalog";
import { policyRows } from "../../policy/service";
import { protectedProcedure, router } from "../init";

export const catalogRouter = router({
  policies: protectedProcedure.query(({ ctx }) => policyRows(ctx.db)),
  vendors: protectedProcedure.query(({ ctx }) => catalogWithPolicies(ctx.db)),
  unrecognized: protectedProcedure
    .input(z.object({ q: z.string().trim().max(120).optional(), after: z.number().int().positive().optional(), limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => listUnrecognized(ctx.db, ctx.scope, input)),
});
