// Overview and agency progress: read-only figures for the viewer's scope.
import { z } from "zod";
import { agencyRef, getAgencyDetail } from "../../dashboard/agency-detail";
import { getChanges, listChanges, ZChangeListSchema } from "../../dashboard/changes";
import { getOverview } from "../../dashboard/overview";
import { ZPeriodSchema } from "../../dashboard/period";
import { agencyProgress } from "../../findings/progress";
import { protectedProcedure, router } from "../init";

export const overviewRouter = router({
  get: protectedProcedure.query(({ ctx }) => getOverview(ctx.db, ctx.scope)),
  /** What changed over a period (default: the last 7 days), optionally for one agency subtree. */
  changes: protectedProcedure.input(ZPeriodSchema).query(({ ctx, input }) => getChanges(ctx.db, ctx.scope, input)),
  changeList: protectedProcedure.input(ZChangeListSchema).query(({ ctx, input }) => listChanges(ctx.db, ctx.scope, input)),
  agencies: protectedProcedure.query(({ ctx }) => agencyProgress(ctx.db, ctx.scope)),
  /** The agency if the viewer may see it (NOT_FOUND otherwise): pages check this before streaming. */
  agencyRef: protectedProcedure.input(z.object({ code: z.string().trim().min(1).max(32) })).query(({ ctx, input }) => agencyRef(ctx.db, ctx.scope, input.code)),
  agency: protectedProcedure.input(z.object({ code: z.string().trim().min(1).max(32) })).query(({ ctx, input }) => getAgencyDetail(ctx.db, ctx.scope, input.code)),
});
