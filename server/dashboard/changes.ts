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
import { prep } from "../db/sql";
import { inIds } from "../db/read-sql";

export const CHANGE_KINDS = ["detected", "removed", "reinstalled", "stale", "granted", "expired"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

type Q = { from: string; where: string; at: string; columns: string; order: string };

/** One query per kind: what it lists, on which time column; every count and list uses these. */
function kindQuery(kind: ChangeKind, ids: readonly number[] | null): Q {
  const finding = (at: string, extra: string, index: string): Q => ({
    from: `findings f indexed by ${index} join endpoints e on e.id = f.endpoint_id join agencies a on a.id = f.agency_id`,
    where: `${inIds("f.agency_id", ids)} and ${extra}`,
    at: `f.${at}`,
    columns: `f.id, f.${at} as at, e.hostname, e.device_id as deviceId, a.code as agencyCode, f.product, f.version, f.presence, f.status, e.state`,
    order: `f.${at} desc, f.id desc`,
  });
  switch (kind) {
    case "detected":
      return finding("first_detected_at", "1", "findings_first_detected_idx");
    case "removed":
      return finding("resolved_at", "f.status = 'resolved'", "findings_resolved_at_idx");
    case "reinstalled":
      return finding("reopened_at", "1", "findings_reopened_at_idx");
    case "stale":
      return {
        from: "endpoints e indexed by endpoints_state_last_report_idx join agencies a on a.id = e.agency_id",
        where: `e.state = 'stale' and ${inIds("e.agency_id", ids)}`,
        at: "e.state_changed_at",
        columns:
          "e.id, e.state_changed_at as at, e.hostname, e.device_id as deviceId, a.code as agencyCode, null as product, null as version, null as presence, null as status, e.state, e.last_report_at as lastReportAt",
        order: "e.state_changed_at desc, e.id desc",
      };
    case "granted":
    case "expired":
      return {
        from: "waivers w join findings f on f.id = w.finding_id join endpoints e on e.id = w.endpoint_id join agencies a on a.id = w.agency_id left join users du on du.id = w.decided_by",
        where: `w.status = 'approved' and ${inIds("w.agency_id", ids)}${kind === "expired" ? " and w.expires_at <= @now" : ""}`,
        at: kind === "granted" ? "w.decided_at" : "w.expires_at",
        columns: `w.id, ${kind === "granted" ? "w.decided_at" : "w.expires_at"} as at, e.hostname, e.device_id as deviceId, a.code as agencyCode, f.product, f.version, f.presence, f.status, e.state,
          coalesce(du.name, du.email) as decidedBy, w.expires_at as expiresAt`,
        order: `${kind === "granted" ? "w.decided_at" : "w.expires_at"} desc, w.id desc`,
      };
  }
}

function scopeIdsFor(db: Db, scope: Scope, agency: string | undefined): number[] | null {
  if (!agency) return scope.kind === "all" ? null : scope.ids;
  const a = prep(db, "select id from agencies where code = ?").get(agency) as { id: number } | undefined;
  if (!a || (scope.kind === "agencies" && !scope.ids.includes(a.id))) throw notFound("errors.agencyNotFound");
  return (narrowScope(db, scope, a.id) as { ids: number[] }).ids;
}

function countKind(db: Db, kind: ChangeKind, ids: readonly number[] | null, p: Period, now: number): number {
  const q = kindQuery(kind, ids);
  return (prep(db, `select count(*) as n from ${q.from} where ${q.where} and ${q.at} >= @lo and ${q.at} < @hi`).get({ lo: p.fromMs, hi: p.toMs, now }) as { n: number }).n;
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

export type ChangeItem = {
  id: number;
  at: number;
  hostname: string;
  deviceId: string;
  agencyCode: string;
  product: string | null;
  productName: string | null;
  version: string | null;
  presence: string | null;
  status: string | null;
  state: string;
  decidedBy?: string | null;
  expiresAt?: number | null;
  lastReportAt?: number | null;
};

/** The list behind one change, newest first, keyset-paginated; `total` is the same count as the tile. */
export function listChanges(db: Db, scope: Scope, input: z.input<typeof ZChangeListSchema>, now = Date.now()) {
  const data = ZChangeListSchema.parse(input);
  const period = resolvePeriod(data, now);
  const ids = scopeIdsFor(db, scope, data.agency);
  const q = kindQuery(data.kind, ids);
  const params: Record<string, unknown> = { lo: period.fromMs, hi: period.toMs, now };
  let cursor = "";
  if (data.after) {
    const [at, id] = data.after.split(":").map(Number) as [number, number];
    cursor = ` and (${q.at}, ${q.order.includes("w.id") ? "w.id" : q.order.includes("f.id") ? "f.id" : "e.id"}) < (@cat, @cid)`;
    Object.assign(params, { cat: at, cid: id });
  }
  const rows = prep(db, `select ${q.columns} from ${q.from} where ${q.where} and ${q.at} >= @lo and ${q.at} < @hi${cursor} order by ${q.order} limit ${data.limit + 1}`).all(params) as ChangeItem[];
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
