// GET /findings/export?<the list's filters>: every matching finding as CSV, streamed. Same
// session and agency scope as the list; an agency outside the viewer's scope is a 404.
import { scopeFor } from "~/server/access/scope";
import { clientAddress } from "~/server/auth/options";
import { getViewer } from "~/server/auth/session";
import { agencyFilterAllowed, findingsCsvResponse } from "~/server/dashboard/exports";
import { findingFiltersFromSearchParams } from "~/server/dashboard/findings-list";
import { getDb } from "~/server/db/client";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return new Response("Sign in first\n", { status: 401, headers: { "content-type": "text/plain" } });
  const db = getDb();
  const scope = scopeFor(db, viewer);
  const { after: _a, before: _b, ...filters } = findingFiltersFromSearchParams(new URL(req.url).searchParams);
  if (!agencyFilterAllowed(db, scope, filters.agency)) return new Response("No such agency\n", { status: 404, headers: { "content-type": "text/plain" } });
  return findingsCsvResponse(db, viewer, scope, filters, clientAddress(req.headers));
}
