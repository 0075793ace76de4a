// The Overview page: headline figures from the live counters, the burn-down from the daily
// history, endpoints by state per agency, and the banned products that remain.
import "server-only";
import type { Scope } from "../access/scope";
import { config } from "../config";
import type { Db } from "../db/client";
import { addDays, DAY_MS, dayOf } from "../lib/time";
import { productName, productVendor, vendorName } from "../catalog/names";
import { type Counters, agencyNodes, sumCounters } from "../findings/scope-counters";
import { type DailyPoint, dailySeries, flowsByAgency } from "../findings/history";
import { type NeedsAction, needsAction } from "../findings/needs-action";
import { agencyDeadline, agencyProgress, policyDeadline } from "../findings/progress";
import { type ProgressStatus, projectCompletion, PROJECTION_WINDOW_DAYS, rollUpProgress } from "../findings/projection";
import { evidenceSplit, type EvidenceRow } from "../import/evidence";
import { scopeIds } from "../db/read-sql";
import { endpointsReportedBefore, openFindingsByProductVersion } from "./store-overview";

export const BURNDOWN_DAYS = 90;
const MAX_AGENCY_BARS = 25;
const MAX_PRODUCT_ROWS = 60;

/** Endpoints that reported at or after `since`: the enrolled-and-reported ones minus those whose
 *  last report is older (the smaller side in a healthy fleet, counted on the last-report index). */
export function reportedSince(db: Db, ids: readonly number[] | null, since: number, totals: Counters): number {
  const older = endpointsReportedBefore(db, ids, since);
  return Math.max(0, totals.endpoints - totals.neverReported - older);
}

export type ProductRemaining = { vendor: string; vendorName: string; product: string; productName: string; version: string; open: number };

export function productsRemaining(db: Db, ids: readonly number[] | null): ProductRemaining[] {
  const rows = openFindingsByProductVersion(db, ids, MAX_PRODUCT_ROWS);
  return rows.map((r) => {
    const vendor = productVendor(r.product) ?? "";
    return { vendor, vendorName: vendorName(vendor), product: r.product, productName: productName(r.product), version: r.version, open: r.n };
  });
}

export type Overview = {
  totals: Counters;
  reporting24h: number;
  reportingWindow: number;
  staleDays: number;
  week: { removals: number; reinstalls: number; detections: number };
  burndown: DailyPoint[];
  deadline: string | null;
  /** The latest projected completion of the scope's parts (server/findings/projection.ts rollUpProgress). */
  projectedDay: string | null;
  projectedFrom: string | null;
  stalled: boolean;
  status: ProgressStatus;
  needsAction: NeedsAction;
  /** Agencies whose (rolled-up) status is overdue or at risk. */
  behind: { overdue: number; atRisk: number; total: number };
  today: string;
  byAgency: { code: string; name: string; counts: Counters }[];
  moreAgencies: number;
  products: ProductRemaining[];
  /** Endpoints by evidence (agent, or the tool whose inventory was imported) and state. */
  evidence: EvidenceRow[];
};

export function getOverview(db: Db, scope: Scope, now = Date.now()): Overview {
  const ids = scopeIds(scope);
  const totals = sumCounters(db, ids);
  const today = dayOf(now);
  const staleDays = config.staleDays;

  const weekFlows = flowsByAgency(db, ids, addDays(today, -6), today);
  const week = { removals: 0, reinstalls: 0, detections: 0 };
  for (const f of weekFlows.values()) {
    week.removals += f.removals;
    week.reinstalls += f.reinstalls;
    week.detections += f.detections;
  }
  const windowFlows = flowsByAgency(db, ids, addDays(today, -(PROJECTION_WINDOW_DAYS - 1)), today);
  let removals = 0;
  let reinstalls = 0;
  for (const f of windowFlows.values()) {
    removals += f.removals;
    reinstalls += f.reinstalls;
  }

  const series = dailySeries(db, ids, addDays(today, -(BURNDOWN_DAYS - 1)), today);
  const firstUseful = series.findIndex((p) => p.endpoints > 0 || p.openFindings > 0 || p.removals > 0);
  const burndown = firstUseful < 0 ? [] : series.slice(firstUseful);

  const nodes = agencyNodes(db, scope);
  const deadline = scopeDeadline(db, scope, nodes);
  const aggregate = projectCompletion({ remaining: totals.openFindings, removals, reinstalls, today, deadline });
  // Honest roll-up over the whole scope: the latest projection and worst status of its parts.
  const progress = agencyProgress(db, scope, now);
  const scopeRow = rollUpProgress([
    { id: -1, parentId: null, code: "", remaining: totals.openFindings, status: aggregate.status, projectedDay: aggregate.projectedDay },
    ...progress.rows.map((r) => ({ id: r.id, parentId: r.parentId ?? -1, code: r.code, remaining: r.totals.openFindings, status: r.status, projectedDay: r.projectedDay })),
  ]).get(-1)!;
  const behind = { overdue: 0, atRisk: 0, total: 0 };
  for (const r of progress.rows) {
    if (r.status === "overdue") behind.overdue++;
    if (r.status === "at-risk") behind.atRisk++;
  }
  behind.total = behind.overdue + behind.atRisk;

  const withEndpoints = nodes.filter((n) => n.own.endpoints > 0);
  const top = [...withEndpoints].sort((a, b) => needsAction(b.own).total - needsAction(a.own).total || b.own.endpoints - a.own.endpoints).slice(0, MAX_AGENCY_BARS);
  const order = new Map(nodes.map((n, i) => [n.id, i]));
  top.sort((a, b) => order.get(a.id)! - order.get(b.id)!);

  return {
    totals,
    reporting24h: reportedSince(db, ids, now - DAY_MS, totals),
    reportingWindow: reportedSince(db, ids, now - staleDays * DAY_MS, totals),
    staleDays,
    week,
    burndown,
    deadline,
    projectedDay: scopeRow.projectedDay,
    projectedFrom: scopeRow.projectedFrom,
    stalled: scopeRow.stalled,
    status: scopeRow.status,
    needsAction: needsAction(totals),
    behind,
    today,
    byAgency: top.map((n) => ({ code: n.code, name: n.name, counts: n.own })),
    moreAgencies: withEndpoints.length - top.length,
    products: productsRemaining(db, ids),
    evidence: evidenceSplit(db, ids, totals),
  };
}

/** The deadline marked on the burn-down: for an agency officer, the one that applies to their
 *  agency; deployment-wide, the latest agency deadline (when everything must be gone), else the
 *  earliest deadline of the policies in force. */
function scopeDeadline(db: Db, scope: Scope, nodes: { id: number; parentId: number | null; deadline: string | null }[]): string | null {
  if (scope.kind === "agencies") return agencyDeadline(db, scope.rootId);
  const latest = nodes.reduce<string | null>((m, n) => (n.deadline && (!m || n.deadline > m) ? n.deadline : m), null);
  return latest ?? policyDeadline(db);
}
