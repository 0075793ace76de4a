// Removal progress per agency (the Agencies page, reports, digests, fleet metrics): one row per
// agency with its subtree's figures, the deadline that applies to it and the completion date
// projected from its recent removal rate.
import "server-only";
import type { Scope } from "../access/scope";
import { config } from "../config";
import type { Db } from "../db/client";
import { addDays, dayOf } from "../lib/time";
import { type AgencyNode, type Counters, addCounters, agencyNodes, rollUp, zeroCounters } from "./scope-counters";
import { flowsByAgency } from "./history";
import { percentComplete, type Projection, PROJECTION_WINDOW_DAYS, projectCompletion, type RolledUp, rollUpProgress } from "./projection";
import { agencyDeadlines, agencyParentDeadline, agencyPaths, earliestPolicyDeadline, policyDeadlineScopes } from "./store-deadlines";

export type ProgressRow = {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  depth: number;
  hasChildren: boolean;
  totals: Counters;
  /** Share of enrolled endpoints that reported within the stale window. */
  reportingShare: number | null;
  percentComplete: number | null;
  deadline: string | null;
  deadlineSource: "agency" | "parent" | "policy" | null;
  removalsWindow: number;
  reinstallsWindow: number;
} & Projection &
  RolledUp;

/** Earliest deadline among the policies in force, if any. */
export function policyDeadline(db: Db): string | null {
  return earliestPolicyDeadline(db);
}

/** Per agency, the earliest deadline among the policies in force that apply to it (every agency,
 *  or a subtree holding it). */
export function policyDeadlineFor(db: Db): (agencyId: number) => string | null {
  const rows = policyDeadlineScopes(db);
  const paths = new Map(agencyPaths(db).map((a) => [a.id, a.path]));
  return (agencyId) => {
    const own = paths.get(agencyId) ?? "";
    let min: string | null = null;
    for (const r of rows) if ((r.path === null || own.startsWith(r.path)) && (min === null || r.deadline < min)) min = r.deadline;
    return min;
  };
}

/** The deadline that applies to an agency: its own, else its nearest ancestor's, else the policies'. */
export function effectiveDeadlines(
  nodes: Pick<AgencyNode, "id" | "parentId" | "deadline">[],
  ancestors: Map<number, { parentId: number | null; deadline: string | null }>,
  fallbackFor: string | null | ((agencyId: number) => string | null),
): Map<number, { deadline: string | null; source: ProgressRow["deadlineSource"] }> {
  const out = new Map<number, { deadline: string | null; source: ProgressRow["deadlineSource"] }>();
  for (const n of nodes) {
    if (n.deadline) {
      out.set(n.id, { deadline: n.deadline, source: "agency" });
      continue;
    }
    let p = n.parentId;
    let found: string | null = null;
    for (let guard = 0; p !== null && guard < 64; guard++) {
      const a = ancestors.get(p);
      if (!a) break;
      if (a.deadline) {
        found = a.deadline;
        break;
      }
      p = a.parentId;
    }
    const fallback = typeof fallbackFor === "function" ? fallbackFor(n.id) : fallbackFor;
    out.set(n.id, found ? { deadline: found, source: "parent" } : { deadline: fallback, source: fallback ? "policy" : null });
  }
  return out;
}

export function reportingShare(c: Counters): number | null {
  return c.endpoints === 0 ? null : (c.endpoints - c.stale - c.neverReported) / c.endpoints;
}

export function agencyProgress(db: Db, scope: Scope, now = Date.now()): { rows: ProgressRow[]; today: string; windowDays: number; staleDays: number } {
  const nodes = agencyNodes(db, scope);
  const today = dayOf(now);
  const from = addDays(today, -(PROJECTION_WINDOW_DAYS - 1));
  const ids = scope.kind === "all" ? null : scope.ids;
  const flows = flowsByAgency(db, ids, from, today);
  const totals = rollUp(nodes);
  // Ancestors outside the scope still lend their deadline (an agency officer's parent ministry).
  const all = agencyDeadlines(db);
  const deadlines = effectiveDeadlines(nodes, new Map(all.map((a) => [a.id, a])), policyDeadlineFor(db));

  // Subtree flows, rolled up like the counters.
  const flowTotals = rollUp(
    nodes.map((n) => {
      const own = zeroCounters();
      const f = flows.get(n.id);
      own.removalsTotal = f?.removals ?? 0;
      own.reinstallsTotal = f?.reinstalls ?? 0;
      return { id: n.id, parentId: n.parentId, own };
    }),
  );
  const hasChildren = new Set(nodes.map((n) => n.parentId).filter((p): p is number => p !== null));
  const visible = new Set(nodes.map((n) => n.id));

  const rows = nodes.map((n) => {
    const t = totals.get(n.id) ?? addCounters(zeroCounters(), n.own);
    const f = flowTotals.get(n.id)!;
    const d = deadlines.get(n.id)!;
    const projection = projectCompletion({
      remaining: t.openFindings,
      removals: f.removalsTotal,
      reinstalls: f.reinstallsTotal,
      today,
      deadline: d.deadline,
    });
    return {
      id: n.id,
      code: n.code,
      name: n.name,
      parentId: n.parentId !== null && visible.has(n.parentId) ? n.parentId : null,
      depth: n.depth,
      hasChildren: hasChildren.has(n.id),
      totals: t,
      reportingShare: reportingShare(t),
      percentComplete: percentComplete(t.resolvedFindings, t.openFindings),
      deadline: d.deadline,
      deadlineSource: d.source,
      removalsWindow: f.removalsTotal,
      reinstallsWindow: f.reinstallsTotal,
      ...projection,
    };
  });
  const rolled = rollUpProgress(rows.map((r) => ({ id: r.id, parentId: r.parentId, code: r.code, remaining: r.totals.openFindings, status: r.status, projectedDay: r.projectedDay })));
  const honest = rows.map((r): ProgressRow => ({ ...r, ...rolled.get(r.id)! }));
  return { rows: sortTree(honest), today, windowDays: PROJECTION_WINDOW_DAYS, staleDays: config.staleDays };
}

/** Parents before children, siblings by name. */
function sortTree<T extends { id: number; parentId: number | null; name: string }>(rows: T[]): T[] {
  const children = new Map<number | null, T[]>();
  for (const r of rows) {
    const list = children.get(r.parentId) ?? [];
    list.push(r);
    children.set(r.parentId, list);
  }
  const out: T[] = [];
  const walk = (p: number | null) => {
    for (const r of (children.get(p) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push(r);
      walk(r.id);
    }
  };
  walk(null);
  return out;
}

/** The deadline that applies to one agency (its own, a parent's, else the policies'), or null. */
export function agencyDeadline(db: Db, agencyId: number): string | null {
  let id: number | null = agencyId;
  for (let guard = 0; id !== null && guard < 64; guard++) {
    const row = agencyParentDeadline(db, id);
    if (!row) break;
    if (row.deadline) return row.deadline;
    id = row.parentId;
  }
  return policyDeadline(db);
}
