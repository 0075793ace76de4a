// What changed over a period, for the Overview and agency pages: the lists behind each change
// (newly detected, removed and verified, reinstalled, newly stale, waivers granted and expired),
// each counted exactly by the same query that lists it, and the change per agency since the
// start of the period and since the previous published report of the viewer's scope.
import "server-only";
import { z } from "zod";
import { narrowScope, type Scope } from "../access/scope";
import type { Db } from "../db/client";
import { needsAction } from "../findings/needs-action";
import { notFound } from "../lib/errors";
import { addDays } from "../lib/time";
import { levelsOn } from "../reports/figures";
import { findPrevious } from "../reports/previous";
import { productName } from "../catalog/names";
import { agencyNodes, rollUp } from "../findings/scope-counters";
import { type Period, resolvePeriod, ZPeriodSchema } from "./period";
import { agencyIdByCode } from "./store-agency";
import { CHANGE_KINDS, type ChangeKind, type ChangeRow, changeRows, countChanges } from "./store-changes";

export { CHANGE_KINDS, type ChangeKind };

function scopeIdsFor(db: Db, scope: Scope, agency: string | undefined): number[] | null {
  if (!agency) return scope.kind === "all" ? null : scope.ids;
  const id = agencyIdByCode(db, agency);
  if (id === undefined || (scope.kind === "agencies" && !scope.ids.includes(id))) throw notFound("errors.agencyNotFound");
  return (narrowScope(db, scope, id) as { ids: number[] }).ids;
}

function countKind(db: Db, kind: ChangeKind, ids: readonly number[] | null, p: Period, now: number): number {
  return countChanges(db, kind, ids, { lo: p.fromMs, hi: p.toMs, now });
}

export type AgencyChange = {
  code: string;
  name: string;
  depth: number;
  needsActionNow: number;
  needsActionBefore: number;
  openNow: number;
  openBefore: number;
  /** Open findings in the previous published report of the scope (null: none, or the agency was not in it). */
  openAtReport: number | null;
};

export type Changes = {
  period: Period;
  counts: Record<ChangeKind, number>;
  byAgency: AgencyChange[];
  previousReport: { id: number; asOf: string } | null;
};

export function getChanges(db: Db, scope: Scope, input: z.input<typeof ZPeriodSchema>, now = Date.now()): Changes {
  const data = ZPeriodSchema.parse(input);
  const period = resolvePeriod(data, now);
  const ids = scopeIdsFor(db, scope, data.agency);
  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, countKind(db, k, ids, period, now)])) as Record<ChangeKind, number>;

  // Subtree figures now (live counters) and at the end of the day before the period (daily history).
  const sub: Scope = ids === null ? { kind: "all" } : { kind: "agencies", ids, rootId: -1 };
  const nodes = agencyNodes(db, sub);
  const now_ = rollUp(nodes);
  const beforeOwn = levelsOn(
    db,
    nodes.map((n) => n.id),
    addDays(period.from, -1),
  );
  const before = rollUp(nodes.map((n) => ({ id: n.id, parentId: n.parentId, own: { ...beforeOwn.get(n.id)!, removalsTotal: 0, reinstallsTotal: 0 } })));
  const rootId = data.agency ? (ids?.[0] ?? null) : scope.kind === "agencies" ? scope.rootId : null;
  const previous = findPrevious(db, rootId, addDays(period.to, 0));
  const byAgency = nodes.map((n): AgencyChange => {
    const c = now_.get(n.id)!;
    const b = before.get(n.id)!;
    return {
      code: n.code,
      name: n.name,
      depth: n.depth,
      needsActionNow: needsAction(c).total,
      needsActionBefore: needsAction(b).total,
      openNow: c.openFindings,
      openBefore: b.openFindings,
      openAtReport: previous?.openByAgency.get(n.id) ?? null,
    };
  });
  return { period, counts, byAgency, previousReport: previous ? { id: previous.reportId, asOf: previous.asOf } : null };
}

export const ZChangeListSchema = ZPeriodSchema.extend({
  kind: z.enum(CHANGE_KINDS),
  /** Keyset cursor: "<at>:<id>" of the last row shown. */
  after: z
    .string()
    .regex(/^\d+:\d+$/)
    .optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export type ChangeItem = ChangeRow & { productName: string | null };

/** The list behind one change, newest first, keyset-paginated; `total` is the same count as the tile. */
export function listChanges(db: Db, scope: Scope, input: z.input<typeof ZChangeListSchema>, now = Date.now()) {
  const data = ZChangeListSchema.parse(input);
  const period = resolvePeriod(data, now);
  const ids = scopeIdsFor(db, scope, data.agency);
  const after = data.after ? (data.after.split(":").map(Number) as [number, number]) : null;
  const rows = changeRows(db, data.kind, ids, { lo: period.fromMs, hi: period.toMs, now }, after && { at: after[0], id: after[1] }, data.limit + 1);
  const items = rows.slice(0, data.limit).map((r) => ({ ...r, productName: r.product ? productName(r.product) : null }));
  const last = items[items.length - 1];
  return {
    period,
    kind: data.kind,
    items,
    total: countKind(db, data.kind, ids, period, now),
    next: rows.length > data.limit && last ? `${last.at}:${last.id}` : null,
  };
}
