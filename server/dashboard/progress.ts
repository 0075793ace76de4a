// The Agencies page: one row per agency with its subtree's figures, the deadline that applies
// to it and the completion date projected from its recent removal rate.
import "server-only";
import type { Scope } from "../access/scope";
import { config } from "../config";
import type { Db } from "../db/client";
import { addDays, dayOf } from "../lib/time";
import { type AgencyNode, type Counters, addCounters, agencyNodes, rollUp, zeroCounters } from "./counters";
import { flowsByAgency } from "./history";
import { percentComplete, type Projection, PROJECTION_WINDOW_DAYS, projectCompletion } from "./projection";
import { stmt } from "./sql";

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
} & Projection;

/** Earliest deadline among the policies in force, if any. */
export function policyDeadline(db: Db): string | null {
  const row = stmt(db, "select min(deadline) as d from policies where active = 1 and deadline is not null").get() as { d: string | null };
  return row.d;
}

/** The deadline that applies to an agency: its own, else its nearest ancestor's, else the policies'. */
export function effectiveDeadlines(
  nodes: Pick<AgencyNode, "id" | "parentId" | "deadline">[],
  ancestors: Map<number, { parentId: number | null; deadline: string | null }>,
  fallback: string | null,
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
  const all = stmt(db, "select id, parent_id as parentId, deadline from agencies").all() as { id: number; parentId: number | null; deadline: string | null }[];
  const deadlines = effectiveDeadlines(nodes, new Map(all.map((a) => [a.id, a])), policyDeadline(db));

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

  const rows = nodes.map((n): ProgressRow => {
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
  return { rows: sortTree(rows), today, windowDays: PROJECTION_WINDOW_DAYS, staleDays: config.staleDays };
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
