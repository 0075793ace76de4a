// Reports: drafting (preview) and publishing for officers within their scope, reading published
// reports for everyone signed in within theirs (auditors included). Downloads are route handlers.
import { z } from "zod";
import { listAgencies } from "../../agencies/service";
import { buildReportData } from "../../reports/build";
import { cachedDraft } from "../../reports/draft-cache";
import { listReports, loadReport, publishReport } from "../../reports/publish";
import { resolveReportScope } from "../../reports/scope";
import { officerProcedure, protectedProcedure, router } from "../init";

const ZDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date written YYYY-MM-DD");

export const ZReportRequestSchema = z.object({
  /** null: everything the viewer sees (the whole deployment, or an agency officer's own agency). */
  agencyId: z.number().int().positive().nullable(),
  asOf: ZDaySchema,
});

/** Report data without the packed per-endpoint rows (those are for the CSV). */
function withoutFindingRows<T extends { findings: { rows: string } }>(data: T): T {
  return { ...data, findings: { ...data.findings, rows: "" } };
}

export const reportsRouter = router({
  list: protectedProcedure.query(({ ctx }) => listReports(ctx.db, ctx.scope)),

  /** Agencies the viewer may report on (all of its scope), and whether "all agencies" is allowed. */
  scopes: officerProcedure.query(({ ctx }) => ({
    deployment: ctx.scope.kind === "all",
    agencies: listAgencies(ctx.db, ctx.scope).map((a) => ({ id: a.id, code: a.code, name: a.name, depth: a.depth })),
  })),

  get: protectedProcedure.input(z.object({ id: z.number().int().positive() })).query(({ ctx, input }) => {
    const { meta, data } = loadReport(ctx.db, ctx.scope, input.id, { findingRows: false });
    return { meta, data };
  }),

  preview: officerProcedure.input(ZReportRequestSchema).query(({ ctx, input }) => {
    const scope = resolveReportScope(ctx.db, ctx.scope, input.agencyId);
    // Keyed by what the report covers, not who asks: the same scope gives the same figures.
    const key = JSON.stringify([scope.agencyId, scope.ids, input.asOf]);
    return cachedDraft(ctx.db, key, () => withoutFindingRows(buildReportData(ctx.db, scope, { asOf: input.asOf, findingRows: false })));
  }),

  publish: officerProcedure
    .input(ZReportRequestSchema.extend({ confirm: z.literal(true, "Confirm that the report will be frozen") }))
    .mutation(({ ctx, input }) => publishReport(ctx.db, ctx.viewer, ctx.scope, ctx.actor, { agencyId: input.agencyId, asOf: input.asOf })),
});
