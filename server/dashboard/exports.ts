// CSV exports of the Endpoints and Findings lists (the current filters, every matching row),
// streamed in chunks. Route handlers authenticate and call these with the viewer's scope.
import "server-only";
import { type Scope, scopeFor, type Viewer } from "../access/scope";
import { recordAudit } from "../audit/log";
import { clientAddress } from "../auth/options";
import { getViewer } from "../auth/session";
import { type Db, getDb } from "../db/client";
import { productName } from "./catalog-names";
import { csvFileName, csvStream, isoOrEmpty } from "./csv";
import { type EndpointFilters, iterateEndpoints } from "./endpoints-list";
import { type FindingFilters, iterateFindings } from "./findings-list";
import { stmt } from "./sql";

/** False when the filter names an agency the viewer may not see (the export is then refused). */
export function agencyFilterAllowed(db: Db, scope: Scope, code: string | undefined): boolean {
  if (!code) return true;
  const a = stmt(db, "select id from agencies where code = ?").get(code.toUpperCase()) as { id: number } | undefined;
  return Boolean(a) && (scope.kind === "all" || scope.ids.includes(a!.id));
}

const csvHeaders = (name: string) => ({
  "content-type": "text/csv; charset=utf-8",
  "content-disposition": `attachment; filename="${name}"`,
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
});

export function endpointsCsvResponse(db: Db, viewer: Viewer, scope: Scope, filters: EndpointFilters, ip: string | null): Response {
  recordAudit(db, { userId: viewer.id, label: viewer.email, ip }, { action: "endpoints.export", objectType: "endpoints", details: { filters } });
  const body = csvStream(
    ["hostname", "device_id", "agency_code", "agency_name", "state", "banned_products", "os_platform", "os_name", "os_version", "agent_version", "last_report_at", "enrolled_at", "revoked_at"],
    iterateEndpoints(db, scope, filters),
    (e) => [
      e.hostname,
      e.deviceId,
      e.agencyCode,
      e.agencyName,
      e.state,
      e.products.map((p) => `${productName(p.product)}${p.status === "excepted" ? " (excepted)" : ""}`).join("; "),
      e.osPlatform,
      e.osName,
      e.osVersion,
      e.agentVersion,
      isoOrEmpty(e.lastReportAt),
      isoOrEmpty(e.enrolledAt),
      isoOrEmpty(e.revokedAt),
    ],
  );
  return new Response(body, { headers: csvHeaders(csvFileName("endpoints")) });
}

export function findingsCsvResponse(db: Db, viewer: Viewer, scope: Scope, filters: FindingFilters, ip: string | null): Response {
  recordAudit(db, { userId: viewer.id, label: viewer.email, ip }, { action: "findings.export", objectType: "findings", details: { filters } });
  const body = csvStream(
    ["finding_id", "status", "vendor", "product", "version", "presence", "hostname", "device_id", "agency_code", "endpoint_state", "first_detected_at", "last_changed_at", "resolved_at", "reinstalls", "waiver_status", "waiver_expires_at"],
    iterateFindings(db, scope, filters),
    (f) => [
      f.id,
      f.status,
      f.vendor,
      f.productName,
      f.version,
      f.presence,
      f.hostname,
      f.deviceId,
      f.agencyCode,
      f.endpointState,
      isoOrEmpty(f.firstDetectedAt),
      isoOrEmpty(f.lastChangedAt),
      isoOrEmpty(f.resolvedAt),
      f.reopenCount,
      f.waiver?.status ?? "",
      isoOrEmpty(f.waiver?.expiresAt),
    ],
  );
  return new Response(body, { headers: csvHeaders(csvFileName(`findings-${filters.status}`)) });
}

type ExportFilters = { agency?: string; after?: unknown; before?: unknown };

/**
 * A GET route handler for a CSV export of a list: the list's filters from the query string (its
 * paging dropped: an export is every matching row), the session and agency scope of the list, an
 * agency outside the scope a 404.
 */
export function csvExportRoute<F extends ExportFilters>(
  parse: (sp: URLSearchParams) => F,
  respond: (db: Db, viewer: Viewer, scope: Scope, filters: Omit<F, "after" | "before">, ip: string | null) => Response,
): (req: Request) => Promise<Response> {
  const text = (body: string, status: number) => new Response(body, { status, headers: { "content-type": "text/plain" } });
  return async (req) => {
    const viewer = await getViewer();
    if (!viewer) return text("Sign in first\n", 401);
    const db = getDb();
    const scope = scopeFor(db, viewer);
    const { after: _a, before: _b, ...filters } = parse(new URL(req.url).searchParams);
    if (!agencyFilterAllowed(db, scope, filters.agency)) return text("No such agency\n", 404);
    return respond(db, viewer, scope, filters, clientAddress(req.headers));
  };
}
