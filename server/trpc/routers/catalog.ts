// Policies and catalog: the catalog of vendors and products with what the policies in force cover,
// the unrecognized entries agents report (ranked by endpoints), and the local catalog overlay, which
// officers with deployment-wide reach (admin, officer) grow and correct.
import { z } from "zod";
import { catalogWithPolicies } from "../../dashboard/catalog";
import { importOverlay } from "../../reevaluation/overlay-import";
import { listUnrecognizedRanked, overlayOverview, searchRecognised, UNRECOGNIZED_MAX_OFFSET } from "../../catalog/overview";
import { classifyEntries, retireLocalRule, suppressEntries, ZClassifySchema, ZSuppressSchema } from "../../reevaluation/overlay";
import { policyRows } from "../../policy/service";
import { globalOfficerProcedure, protectedProcedure, router } from "../init";

const outcome = (r: { rematched: number; endpoints: number; catalogVersion: string; reevaluation: { endpoints: number } | null }) => ({
  catalogVersion: r.catalogVersion,
  entriesRematched: r.rematched,
  endpointsAffected: r.endpoints,
  reevaluated: r.reevaluation?.endpoints ?? 0,
});

export const catalogRouter = router({
  policies: protectedProcedure.query(({ ctx }) => policyRows(ctx.db)),
  vendors: protectedProcedure.query(({ ctx }) => catalogWithPolicies(ctx.db)),
  unrecognized: protectedProcedure
    .input(z.object({ q: z.string().trim().max(120).optional(), offset: z.number().int().min(0).max(UNRECOGNIZED_MAX_OFFSET).default(0), limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => listUnrecognizedRanked(ctx.db, ctx.scope, input)),
  overlay: globalOfficerProcedure.query(({ ctx }) => overlayOverview(ctx.db)),
  searchEntries: globalOfficerProcedure.input(z.object({ q: z.string().trim().min(2).max(120) })).query(({ ctx, input }) => searchRecognised(ctx.db, input.q)),
  classify: globalOfficerProcedure.input(ZClassifySchema).mutation(async ({ ctx, input }) => {
    const r = await classifyEntries(ctx.db, ctx.actor, input, { reevaluate: "async" });
    return { ...r.value, ...outcome(r) };
  }),
  suppress: globalOfficerProcedure.input(ZSuppressSchema).mutation(async ({ ctx, input }) => {
    const r = await suppressEntries(ctx.db, ctx.actor, input, { reevaluate: "async" });
    return { ...r.value, ...outcome(r) };
  }),
  retire: globalOfficerProcedure.input(z.object({ ruleId: z.number().int().positive() })).mutation(async ({ ctx, input }) => {
    const r = await retireLocalRule(ctx.db, ctx.actor, input.ruleId, { reevaluate: "async" });
    return { ...r.value, ...outcome(r) };
  }),
  importOverlay: globalOfficerProcedure.input(z.object({ file: z.unknown() })).mutation(async ({ ctx, input }) => {
    const r = await importOverlay(ctx.db, ctx.actor, input.file, { reevaluate: "async" });
    return { ...r.value, ...outcome(r) };
  }),
});
