// Acting on endpoints: revoking one (its device secret stops working at once).
import { z } from "zod";
import { revokeEndpoint } from "../../ingest/revoke";
import { officerProcedure, router } from "../init";

export const endpointsAdminRouter = router({
  revoke: officerProcedure
    .input(z.object({ endpointId: z.number().int().positive() }))
    .mutation(({ ctx, input }) => revokeEndpoint(ctx.db, ctx.actor, ctx.scope, input.endpointId)),
});
