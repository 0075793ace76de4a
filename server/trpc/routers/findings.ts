// Findings and their waivers: reading an endpoint's findings, and the waiver workflow (request by
// any officer-level role, decision by an administrator or officer other than the requester).
import { z } from "zod";
import { findingTabCounts, listFindings, ZFindingPageSchema } from "../../dashboard/findings-list";
import { countPendingWaivers, listWaivers as listWaiverItems } from "../../dashboard/waivers";
import { listEndpointFindings } from "../../findings/queries";
import { approveWaiver, listWaivers, rejectWaiver, requestWaiver, revokeWaiver, ZDecideWaiverSchema, ZListWaiversSchema, ZRequestWaiverSchema, ZRevokeWaiverSchema } from "../../findings/waivers";
import { globalOfficerProcedure, officerProcedure, protectedProcedure, router } from "../init";

export const findingsRouter = router({
  // Read side of the Findings page (dashboard): keyset-paginated list and per-tab counts.
  list: protectedProcedure.input(ZFindingPageSchema).query(({ ctx, input }) => listFindings(ctx.db, ctx.scope, input)),
  tabCounts: protectedProcedure.input(z.object({ agency: z.string().trim().max(32).optional() })).query(({ ctx, input }) => findingTabCounts(ctx.db, ctx.scope, input.agency)),
  pendingWaivers: protectedProcedure.query(({ ctx }) => ({
    ...listWaiverItems(ctx.db, ctx.scope, { status: "pending", limit: 25 }),
    total: countPendingWaivers(ctx.db, ctx.scope),
  })),
  forEndpoint: protectedProcedure.input(z.object({ endpointId: z.number().int().positive() })).query(({ ctx, input }) => listEndpointFindings(ctx.db, ctx.scope, input.endpointId)),
  waivers: protectedProcedure.input(ZListWaiversSchema).query(({ ctx, input }) => listWaivers(ctx.db, ctx.scope, input)),
  requestWaiver: officerProcedure.input(ZRequestWaiverSchema).mutation(({ ctx, input }) => requestWaiver(ctx.db, ctx.viewer, ctx.actor, ctx.scope, input)),
  approveWaiver: globalOfficerProcedure.input(ZDecideWaiverSchema).mutation(({ ctx, input }) => approveWaiver(ctx.db, ctx.viewer, ctx.actor, ctx.scope, input)),
  rejectWaiver: globalOfficerProcedure.input(ZDecideWaiverSchema).mutation(({ ctx, input }) => rejectWaiver(ctx.db, ctx.viewer, ctx.actor, ctx.scope, input)),
  revokeWaiver: officerProcedure.input(ZRevokeWaiverSchema).mutation(({ ctx, input }) => revokeWaiver(ctx.db, ctx.viewer, ctx.actor, ctx.scope, input)),
});
