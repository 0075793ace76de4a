// Per-agency figures as of the end of the reporting day, from the daily history (agency_daily:
// one end-of-day row per agency and day, a day without a row carrying the previous one forward),
// rolled up the agency tree, with the deadline and projected completion of each agency. The
// projection rule is the dashboard's (server/findings/projection.ts), applied at the reporting date.
import "server-only";
import type { Db } from "../db/client";
import { LEVEL_FIELDS } from "../db/schema";
import { flowsByAgency } from "../findings/history";
import { effectiveDeadlines, policyDeadline, policyDeadlineFor } from "../findings/progress";
import { percentComplete, PROJECTION_WINDOW_DAYS, projectCompletion, rollUpProgress } from "../findings/projection";
import { addDays } from "../lib/time";
import type { AgencyInfo, ResolvedScope } from "./scope";
import { dailyLevelsReader } from "./store-figures";
import { agenciesInScope, allAgencyDeadlines } from "./store-scope";
import type { Figures, Progress } from "./types";

/** The counter levels, plus endpoints that reported recently enough to count as reporting. */
export const FIGURE_KEYS = [...LEVEL_FIELDS, "reporting"] as const satisfies readonly (keyof Figures)[];

export const zeroFigures = (): Figures => Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as Figures;

export function addFigures(into: Figures, f: Figures): Figures {
  for (const k of FIGURE_KEYS) into[k] += f[k];
  return into;
}

/** resolved / (resolved + open), floored to one decimal: never shows 100.0 while something remains. */
export function percentString(resolved: number, open: number): string | null {
  const share = percentComplete(resolved, open);
  if (share === null) return null;
  const tenths = Math.floor((resolved * 1000) / (resolved + open));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** Each agency's end-of-day levels on `day` (its last row on or before it). */
export function levelsOn(db: Db, agencyIds: number[], day: string): Map<number, Figures> {
  const levels = dailyLevelsReader(db);
  const out = new Map<number, Figures>();
  for (const id of agencyIds) {
    const row = levels(id, day);
    const f = zeroFigures();
    if (row) {
      Object.assign(f, row);
      f.reporting = Math.max(0, f.endpoints - f.stale - f.neverReported);
    }
    out.set(id, f);
  }
  return out;
}

export function scopeAgencies(db: Db, scope: ResolvedScope): AgencyInfo[] {
  return agenciesInScope(db, scope.ids);
}

/** Subtree totals: each agency's own figures plus all its descendants' (within the list). */
export function rollUpFigures(agencies: AgencyInfo[], own: Map<number, Figures>): Map<number, Figures> {
  const totals = new Map(agencies.map((a) => [a.id, addFigures(zeroFigures(), own.get(a.id) ?? zeroFigures())]));
  const byDepth = [...agencies].sort((a, b) => b.depth - a.depth);
  for (const a of byDepth) {
    if (a.parentId !== null && totals.has(a.parentId)) addFigures(totals.get(a.parentId)!, totals.get(a.id)!);
  }
  return totals;
}

/** Deadline, projected completion and status of a set of figures at the reporting date. */
export function progressOf(f: Figures, flows: { removals: number; reinstalls: number }, asOf: string, deadline: { deadline: string | null; source: Progress["deadlineSource"] }): Progress {
  const p = projectCompletion({ remaining: f.openFindings, removals: flows.removals, reinstalls: flows.reinstalls, today: asOf, deadline: deadline.deadline });
  return {
    percentComplete: percentString(f.resolvedFindings, f.openFindings),
    deadline: deadline.deadline,
    deadlineSource: deadline.source,
    removalsWindow: flows.removals,
    reinstallsWindow: flows.reinstalls,
    projectedDay: p.projectedDay,
    daysLeft: p.daysLeft,
    status: f.endpoints === 0 && f.openFindings === 0 ? "no-endpoints" : p.status,
  };
}

export type AgencyFigures = { agency: AgencyInfo; figures: Figures; progress: Progress };

/**
 * Figures and progress of every agency in scope (subtree totals) and of the scope as a whole.
 * Flows (removals, reinstalls) are summed over the projection window ending on the reporting day.
 */
export function agencyFigures(db: Db, scope: ResolvedScope, asOf: string) {
  const agencies = scopeAgencies(db, scope);
  const ids = agencies.map((a) => a.id);
  const own = levelsOn(db, ids, asOf);
  const totals = rollUpFigures(agencies, own);
  const from = addDays(asOf, -(PROJECTION_WINDOW_DAYS - 1));
  const flowsOwn = flowsByAgency(db, scope.ids, from, asOf);
  const flowTotals = new Map<number, { removals: number; reinstalls: number }>();
  for (const a of agencies) flowTotals.set(a.id, { removals: flowsOwn.get(a.id)?.removals ?? 0, reinstalls: flowsOwn.get(a.id)?.reinstalls ?? 0 });
  for (const a of [...agencies].sort((x, y) => y.depth - x.depth)) {
    const parent = a.parentId !== null ? flowTotals.get(a.parentId) : undefined;
    if (parent) {
      parent.removals += flowTotals.get(a.id)!.removals;
      parent.reinstalls += flowTotals.get(a.id)!.reinstalls;
    }
  }
  // Ancestors outside the scope still lend their deadline (an agency officer's parent ministry).
  const all = allAgencyDeadlines(db);
  const fallback = policyDeadline(db);
  const deadlines = effectiveDeadlines(agencies, new Map(all.map((a) => [a.id, a])), policyDeadlineFor(db));

  const raw: AgencyFigures[] = agencies.map((a) => ({
    agency: a,
    figures: totals.get(a.id)!,
    progress: progressOf(totals.get(a.id)!, flowTotals.get(a.id)!, asOf, deadlines.get(a.id)!),
  }));
  // Honest roll-ups, as on the dashboard: the worst status and latest projection of the parts.
  const rows = rollUpRows(raw.map((r) => ({ id: r.agency.id, parentId: r.agency.parentId, code: r.agency.code, row: r })));

  // The scope as a whole: the agency's own row, or the sum of the top-level agencies.
  let overall: Progress;
  let overallFigures: Figures;
  if (scope.agencyId !== null) {
    const root = rows.find((r) => r.agency.id === scope.agencyId)!;
    overall = root.progress;
    overallFigures = root.figures;
  } else {
    const tops = rows.filter((r) => r.agency.parentId === null || !rows.some((x) => x.agency.id === r.agency.parentId));
    overallFigures = tops.reduce((sum, r) => addFigures(sum, r.figures), zeroFigures());
    const flows = tops.reduce((s, r) => ({ removals: s.removals + r.progress.removalsWindow, reinstalls: s.reinstalls + r.progress.reinstallsWindow }), { removals: 0, reinstalls: 0 });
    // Deployment-wide, the deadline is when everything must be gone: the latest agency deadline, else the policies'.
    const latest = rows.reduce<string | null>((m, r) => (r.progress.deadline && (!m || r.progress.deadline > m) ? r.progress.deadline : m), null);
    const own = progressOf(overallFigures, flows, asOf, { deadline: latest ?? fallback, source: latest ? "agency" : fallback ? "policy" : null });
    const top: AgencyFigures = { agency: { id: -1, code: "", name: "", parentId: null, depth: -1, path: "", deadline: null }, figures: overallFigures, progress: own };
    overall = rollUpRows([{ id: -1, parentId: null, code: "", row: top }, ...tops.map((r) => ({ id: r.agency.id, parentId: -1, code: r.agency.code, row: r }))])[0]!.progress;
  }
  return { agencies, rows, overall, overallFigures };
}

/** Each row's status and projection rolled up from its parts (rows already in tree order or not). */
function rollUpRows(nodes: { id: number; parentId: number | null; code: string; row: AgencyFigures }[]): AgencyFigures[] {
  const statusOf = (p: Progress) => (p.status === "no-endpoints" ? "done" : p.status);
  const rolled = rollUpProgress(
    nodes.map((n) => ({ id: n.id, parentId: n.parentId, code: n.code, remaining: n.row.figures.openFindings, status: statusOf(n.row.progress), projectedDay: n.row.progress.projectedDay })),
  );
  return nodes.map(({ id, row }) => {
    const r = rolled.get(id)!;
    const own = row.progress.status;
    const status = r.statusFrom === null && own === "no-endpoints" ? own : r.status;
    return { ...row, progress: { ...row.progress, status, projectedDay: r.projectedDay, statusFrom: r.statusFrom, projectedFrom: r.projectedFrom, stalled: r.stalled } };
  });
}
