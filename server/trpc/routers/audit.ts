import { z } from "zod";
import { listAudit } from "../../audit/log";
import { protectedProcedure, router } from "../init";

export const auditRouter = router({
  list: protectedProcedure
    .input(
      z.object({
        q: z.string().trim().max(200).optional(),
        action: z.string().trim().max(64).optional(),
        from: z.number().int().nonnegative().optional(),
        to: z.number().int().nonnegative().optional(),
        cursor: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => listAudit(ctx.db, ctx.scope, input)),
});
