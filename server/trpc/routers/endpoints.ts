// Endpoints: the filtered, keyset-paginated list, one endpoint's detail, the filters' options.
import { z } from "zod";
import { endpointRef, getEndpointDetail } from "../../dashboard/endpoint-detail";
import { listEndpoints, ZEndpointPageSchema } from "../../dashboard/endpoints-list";
import { filterOptions } from "../../dashboard/filter-options";
import { protectedProcedure, router } from "../init";

export const endpointsRouter = router({
  list: protectedProcedure.input(ZEndpointPageSchema).query(({ ctx, input }) => listEndpoints(ctx.db, ctx.scope, input)),
  ref: protectedProcedure.input(z.object({ deviceId: z.string().trim().min(1).max(128) })).query(({ ctx, input }) => endpointRef(ctx.db, ctx.scope, input.deviceId)),
  byDeviceId: protectedProcedure.input(z.object({ deviceId: z.string().trim().min(1).max(128) })).query(({ ctx, input }) => getEndpointDetail(ctx.db, ctx.scope, input.deviceId)),
  filterOptions: protectedProcedure.input(z.object({ present: z.string().max(200).optional() }).optional()).query(({ ctx, input }) => filterOptions(ctx.db, ctx.scope, input?.present)),
});
