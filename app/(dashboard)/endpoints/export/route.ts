// GET /endpoints/export?<the list's filters>: every matching endpoint as CSV, streamed. Same
// session and agency scope as the list; an agency outside the viewer's scope is a 404.
import { csvExportRoute, endpointsCsvResponse } from "~/server/work/exports";
import { filtersFromSearchParams } from "~/server/dashboard/endpoints-list";

export const dynamic = "force-dynamic";

export const GET = csvExportRoute(filtersFromSearchParams, endpointsCsvResponse);
