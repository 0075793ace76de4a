// One agency (and its sub-agencies): its progress row, its trend, and the first rows of its
// endpoints, open findings and waivers (each links to the full, filtered list).
import "server-only";
import { narrowScope, type Scope } from "../access/scope";
import type { Db } from "../db/client";
import { notFound } from "../lib/errors";
import { addDays, dayOf } from "../lib/time";
import { listEndpoints } from "./endpoints-list";
import { listFindings } from "./findings-list";
import { type DailyPoint, dailySeries } from "../findings/history";
import { BURNDOWN_DAYS, productsRemaining } from "./overview";
import { agencyProgress } from "../findings/progress";
import { agencyByCode, agencyCodeAndName, type AgencyRef } from "./store-agency";
import { listWaivers } from "./waivers";

/** The agency with this code, if the scope may see it. */
export function agencyRef(db: Db, scope: Scope, code: string): AgencyRef {
  const agency = agencyByCode(db, code.toUpperCase());
  if (!agency || (scope.kind === "agencies" && !scope.ids.includes(agency.id))) throw notFound("errors.agencyNotFound");
  return agency;
}

export function getAgencyDetail(db: Db, scope: Scope, code: string, now = Date.now()) {
  const agency = agencyRef(db, scope, code);
  const sub = narrowScope(db, scope, agency.id) as { kind: "agencies"; ids: number[]; rootId: number };
  const progress = agencyProgress(db, sub, now);
  const row = progress.rows.find((r) => r.id === agency.id)!;
  const parent = agency.parentId ? agencyCodeAndName(db, agency.parentId) : undefined;
  const today = dayOf(now);
  const series: DailyPoint[] = dailySeries(db, sub.ids, addDays(today, -(BURNDOWN_DAYS - 1)), today);
  const first = series.findIndex((p) => p.endpoints > 0 || p.openFindings > 0 || p.removals > 0);
  return {
    agency: { ...agency, parent: parent ?? null, parentVisible: agency.parentId !== null && (scope.kind === "all" || scope.ids.includes(agency.parentId)) },
    row,
    children: progress.rows.filter((r) => r.parentId === agency.id),
    staleDays: progress.staleDays,
    windowDays: progress.windowDays,
    today,
    trend: first < 0 ? [] : series.slice(first),
    needsActionEndpoints: listEndpoints(db, scope, { agency: agency.code, limit: 10, sort: "hostname", needs: "action" }, now),
    findings: listFindings(db, scope, { agency: agency.code, status: "open", limit: 10 }),
    products: productsRemaining(db, sub.ids),
    waivers: listWaivers(db, scope, { ids: sub.ids, limit: 20 }),
  };
}
