// What a report covers: the whole deployment, or one agency and its sub-agencies. The viewer's
// own scope bounds it (narrowScope refuses an agency outside it), so an agency officer can only
// ever report on its own subtree, whatever it asks for.
import "server-only";
import { narrowScope, type Scope } from "../access/scope";
import type { Db } from "../db/client";
import { notFound } from "../lib/errors";
import { agencyInfo } from "./store-scope";
import type { ReportScope } from "./types";

export { type AgencyInfo, agencyInfo } from "./store-scope";

export type ResolvedScope = {
  report: ReportScope;
  /** Agency ids covered, or null for every agency. */
  ids: number[] | null;
  /** The agency the report is about (reports.scope_agency_id), null for the whole deployment. */
  agencyId: number | null;
  /** Depth of the report's top level in the agency tree. */
  baseDepth: number;
};

export const DEPLOYMENT_NAME = "All agencies";

/**
 * The report scope for a request: `agencyId` null means "everything I can see", which for an
 * agency officer is its own agency subtree.
 */
export function resolveReportScope(db: Db, viewerScope: Scope, agencyId: number | null): ResolvedScope {
  if (agencyId !== null && !agencyInfo(db, agencyId)) throw notFound("errors.agencyNotFound");
  const scope = narrowScope(db, viewerScope, agencyId);
  if (scope.kind === "all") return { report: { kind: "deployment", name: DEPLOYMENT_NAME }, ids: null, agencyId: null, baseDepth: 0 };
  const root = agencyInfo(db, scope.rootId);
  if (!root) throw notFound("errors.agencyNotFound");
  return {
    report: { kind: "agency", agencyId: root.id, code: root.code, name: root.name },
    ids: scope.ids,
    agencyId: root.id,
    baseDepth: root.depth,
  };
}

/** May this viewer read a report about `scopeAgencyId` (null: the whole deployment)? */
export function canReadReport(viewerScope: Scope, scopeAgencyId: number | null): boolean {
  if (viewerScope.kind === "all") return true;
  return scopeAgencyId !== null && viewerScope.ids.includes(scopeAgencyId);
}
