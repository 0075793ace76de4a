// Acting on endpoints: revoking one (its device secret stops working at once) and re-admitting it
// (which also admits a re-enrollment that waits for an officer).
import { z } from "zod";
import { admitEndpoint, revokeEndpoint } from "../../ingest/revoke";
import { officerProcedure, router } from "../init";

export const endpointsAdminRouter = router({
  revoke: officerProcedure.input(z.object({ endpointId: z.number().int().positive() })).mutation(({ ctx, input }) => revokeEndpoint(ctx.db, ctx.actor, ctx.scope, input.endpointId)),
  admit: officerProcedure.input(z.object({ endpointId: z.number().int().positive() })).mutation(({ ctx, input }) => admitEndpoint(ctx.db, ctx.actor, ctx.scope, input.endpointId)),
});
