// CSV exports of the Endpoints and Findings lists (the current filters, every matching row),
// streamed in pages generated off the event loop (dashboard/export-rows.ts on the work thread).
// Route handlers authenticate and call these with the viewer's scope. They start jobs, so they
// sit in work/, above the domains whose jobs jobs.ts runs.
import "server-only";
import { type Scope, scopeFor, type Viewer } from "../access/scope";
import { recordAudit } from "../audit/log";
import { clientAddress } from "../auth/options";
import { getViewer } from "../auth/session";
import { type Db, getDb } from "../db/client";
import type { Locale } from "../i18n/locales";
import { MusterError } from "../lib/errors";
import { parseLang } from "../reports/i18n";
import { openWorkStream } from "./run";
import { csvFileName } from "../dashboard/csv";
import type { EndpointFilters } from "../dashboard/endpoints-list";
import type { FindingFilters } from "../dashboard/findings-list";
import type { ParsedSearch } from "../dashboard/endpoints-filter";
import { agencyIdByCode } from "../dashboard/store-agency";
import { describeInvalid } from "../dashboard/url-filters";

/** False when the filter names an agency the viewer may not see (the export is then refused). */
export function agencyFilterAllowed(db: Db, scope: Scope, code: string | undefined): boolean {
  if (!code) return true;
  const id = agencyIdByCode(db, code.toUpperCase());
  return id !== undefined && (scope.kind === "all" || scope.ids.includes(id));
}

const csvHeaders = (name: string) => ({
  "content-type": "text/csv; charset=utf-8",
  "content-disposition": `attachment; filename="${name}"`,
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
});

/** The language of a file's words, in its name when not English: "…-nl-2026-11-28.csv". */
const langPart = (lang: Locale) => (lang === "en" ? undefined : lang);

export async function endpointsCsvResponse(db: Db, viewer: Viewer, scope: Scope, filters: EndpointFilters, ip: string | null, lang: Locale = "en"): Promise<Response> {
  recordAudit(db, { userId: viewer.id, label: viewer.email, ip }, { action: "endpoints.export", objectType: "endpoints", details: { filters } });
  const { body } = await openWorkStream(db, "export.endpoints", { scope, filters, lang });
  return new Response(body, { headers: csvHeaders(csvFileName(["endpoints", filters.needs ? "needs-action" : filters.state, filters.agency ?? "all", langPart(lang)])) });
}

export async function findingsCsvResponse(db: Db, viewer: Viewer, scope: Scope, filters: FindingFilters, ip: string | null, lang: Locale = "en"): Promise<Response> {
  recordAudit(db, { userId: viewer.id, label: viewer.email, ip }, { action: "findings.export", objectType: "findings", details: { filters } });
  const { body } = await openWorkStream(db, "export.findings", { scope, filters, lang });
  return new Response(body, { headers: csvHeaders(csvFileName(["findings", filters.status, filters.agency ?? "all", langPart(lang)])) });
}

/**
 * A GET route handler for a CSV export of a list: the list's filters from the query string (its
 * paging dropped: an export is every matching row), the session and agency scope of the list, an
 * agency outside the scope a 404, a filter that does not parse a 400 naming it (never a silently
 * different list). `lang=nl` asks for values that are words in Dutch (column names never change).
 */
export function csvExportRoute<F extends { agency?: string }>(
  parse: (sp: URLSearchParams) => ParsedSearch<F>,
  respond: (db: Db, viewer: Viewer, scope: Scope, filters: F, ip: string | null, lang: Locale) => Promise<Response>,
): (req: Request) => Promise<Response> {
  const text = (body: string, status: number) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
  return async (req) => {
    const viewer = await getViewer();
    if (!viewer) return text("Sign in first\n", 401);
    const db = getDb();
    const scope = scopeFor(db, viewer);
    const sp = new URL(req.url).searchParams;
    const { filters, invalid } = parse(sp);
    if (invalid.length) return text(`Invalid filter: ${describeInvalid(invalid)}\n`, 400);
    let lang: Locale;
    try {
      lang = parseLang(sp.get("lang"), "en");
    } catch (err) {
      if (err instanceof MusterError) return text(`${err.message}\n`, err.status);
      throw err;
    }
    if (!agencyFilterAllowed(db, scope, filters.agency)) return text("No such agency\n", 404);
    return respond(db, viewer, scope, filters, clientAddress(req.headers), lang);
  };
}
