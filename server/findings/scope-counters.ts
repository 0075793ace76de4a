// The live counters (agency_counts) summed over a scope, per agency and rolled up the tree.
// Every headline figure comes from here: no page counts the endpoints table to show a total.
import "server-only";
import type { Scope } from "../access/scope";
import type { Db } from "../db/client";
import { type EndpointState, STATE_LEVEL } from "../db/schema";
import type { AgencyCounters } from "./counters";
import { agencyCountsByPath, COUNTER_KEYS, sumAgencyCounts } from "./store-scope";

export type Counters = AgencyCounters;

export { COUNTER_KEYS } from "./store-scope";

export const STATE_COUNTER: Record<EndpointState, keyof Counters> = STATE_LEVEL;

export function zeroCounters(): Counters {
  return Object.fromEntries(COUNTER_KEYS.map((k) => [k, 0])) as Counters;
}

export function addCounters(into: Counters, c: Counters): Counters {
  for (const k of COUNTER_KEYS) into[k] += c[k];
  return into;
}

/** Sum of the counters over the agencies of a scope (one row per agency: cheap at any fleet size). */
export function sumCounters(db: Db, ids: readonly number[] | null): Counters {
  return sumAgencyCounts(db, ids);
}

export type AgencyNode = {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  depth: number;
  path: string;
  deadline: string | null;
  own: Counters;
};

/** The agencies a scope sees with their own counters, parents before children. */
export function agencyNodes(db: Db, scope: Scope): AgencyNode[] {
  const ids = scope.kind === "all" ? null : scope.ids;
  return agencyCountsByPath(db, ids).map((r) => {
    const own = zeroCounters();
    for (const k of COUNTER_KEYS) own[k] = r[k] ?? 0;
    return { id: r.id, code: r.code, name: r.name, parentId: r.parentId, depth: r.depth, path: r.path, deadline: r.deadline, own };
  });
}

/** Subtree totals for every node (own + all descendants), keyed by agency id. */
export function rollUp<T extends { id: number; parentId: number | null; own: Counters }>(nodes: T[]): Map<number, Counters> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const totals = new Map<number, Counters>(nodes.map((n) => [n.id, addCounters(zeroCounters(), n.own)]));
  // Children have longer paths; walking deepest first lets each node add itself to its parent once.
  const order = [...nodes].sort((a, b) => depthOf(b, byId) - depthOf(a, byId));
  for (const n of order) {
    if (n.parentId !== null && totals.has(n.parentId)) addCounters(totals.get(n.parentId)!, totals.get(n.id)!);
  }
  return totals;
}

function depthOf(n: { parentId: number | null }, byId: Map<number, { parentId: number | null }>): number {
  let d = 0;
  let p = n.parentId;
  while (p !== null && byId.has(p) && d < 64) {
    d++;
    p = byId.get(p)!.parentId;
  }
  return d;
}
