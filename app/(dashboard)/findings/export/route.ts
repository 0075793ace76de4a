// GET /findings/export?<the list's filters>: every matching finding as CSV, streamed. Same
// session and agency scope as the list; an agency outside the viewer's scope is a 404.
import { csvExportRoute, findingsCsvResponse } from "~/server/work/exports";
import { findingFiltersFromSearchParams } from "~/server/dashboard/findings-list";

export const dynamic = "force-dynamic";

export const GET = csvExportRoute(findingFiltersFromSearchParams, findingsCsvResponse);
