// Reports: drafting (preview) and publishing for officers within their scope, reading published
// reports for everyone signed in within theirs (auditors included). Downloads are route handlers.
import { z } from "zod";
import { listAgencies } from "../../agencies/service";
import { listReports, loadReport } from "../../reports/publish";
import { draftReport, publishReportOffThread, warmReportData } from "../../work/reports";
import { officerProcedure, protectedProcedure, router } from "../init";

const ZDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "errors.dayFormat");

export const ZReportRequestSchema = z.object({
  /** null: everything the viewer sees (the whole deployment, or an agency officer's own agency). */
  agencyId: z.number().int().positive().nullable(),
  asOf: ZDaySchema,
});

export const reportsRouter = router({
  list: protectedProcedure.query(({ ctx }) => listReports(ctx.db, ctx.scope)),

  /** Agencies the viewer may report on (all of its scope), and whether "all agencies" is allowed. */
  scopes: officerProcedure.query(({ ctx }) => ({
    deployment: ctx.scope.kind === "all",
    agencies: listAgencies(ctx.db, ctx.scope).map((a) => ({ id: a.id, code: a.code, name: a.name, depth: a.depth })),
  })),

  get: protectedProcedure.input(z.object({ id: z.number().int().positive() })).query(async ({ ctx, input }) => {
    await warmReportData(ctx.db, ctx.scope, input.id);
    const { meta, data } = loadReport(ctx.db, ctx.scope, input.id, { findingRows: false });
    return { meta, data };
  }),

  // Built on the work thread: a national draft takes over a second.
  preview: officerProcedure.input(ZReportRequestSchema).query(({ ctx, input }) => draftReport(ctx.db, ctx.scope, input.agencyId, input.asOf)),

  publish: officerProcedure
    .input(ZReportRequestSchema.extend({ confirm: z.literal(true, "errors.confirmFreeze") }))
    .mutation(({ ctx, input }) => publishReportOffThread(ctx.db, ctx.viewer, ctx.scope, ctx.actor, { agencyId: input.agencyId, asOf: input.asOf })),
});
