// Builds a report's data for a scope and reporting date: the figures by agency (daily history),
// the banned installs behind them, the burn-down, replacement protection, exceptions, data quality
// and method, compared with the previous published report of the same scope. Reads only; one
// read transaction, so every section describes the same moment.
import "server-only";
import { config } from "../config";
import type { Db } from "../db/client";
import { dailySeries } from "../findings/history";
import { badRequest } from "../lib/errors";
import { DAY_MS, dayOf, isValidDay, parseDay } from "../lib/time";
import { evidenceFigures } from "./evidence-split";
import { agencyFigures } from "./figures";
import { listFindings } from "./findings-list";
import { buildMethod } from "./method";
import { findPrevious } from "./previous";
import { unprotectedAfterRemoval } from "./replacement";
import type { ResolvedScope } from "./scope";
import { bannedPolicyStart, firstDailyDay } from "./store-figures";
import { type BurndownPoint, REPORT_FORMAT, type ReportAgencyRow, type ReportData } from "./types";

/** Beyond this many days the burn-down keeps one point a week (and the last day). */
const DAILY_POINTS_MAX = 400;

export type BuildOptions = {
  asOf: string;
  now?: number;
  published?: ReportData["published"];
  /** Where the published report can be checked (stored in its data). */
  verifyUrl?: string | null;
  /** Leave out the per-endpoint list (a draft shows only the document): much less to read. */
  findingRows?: boolean;
};

export function validateAsOf(asOf: string, now: number): void {
  if (!isValidDay(asOf)) throw badRequest("errors.dayFormat", undefined, { field: "asOf" });
  if (asOf > dayOf(now)) throw badRequest("errors.asOfInFuture", undefined, { field: "asOf" });
}

function burndown(db: Db, scope: ResolvedScope, asOf: string) {
  // The legal date starts the chart; policyEffective (which the caption words) is the day the ban took
  // effect in Muster: the later of that date and the policy's activation (a 2017 ban activated last
  // month is new here, and the history before it holds nothing found yet).
  const policy = bannedPolicyStart(db);
  const first = firstDailyDay(db, scope.ids);
  const candidates = [policy.d, first.d].filter((d): d is string => d !== null);
  const from = candidates.length ? candidates.reduce((a, b) => (a > b ? a : b)) : asOf;
  if (from > asOf) return { from: asOf, to: asOf, policyEffective: policy.inForce, points: [] as BurndownPoint[] };
  const series = dailySeries(db, scope.ids, from, asOf);
  const weekly = series.length > DAILY_POINTS_MAX;
  const points: BurndownPoint[] = series
    .filter((_, i) => !weekly || i % 7 === (series.length - 1) % 7)
    .map((p) => ({ day: p.day, openFindings: p.openFindings, carrying: p.banned + p.remnants, excepted: p.exceptedFindings }));
  return { from, to: asOf, policyEffective: policy.inForce, points };
}

export function buildReportData(db: Db, scope: ResolvedScope, opts: BuildOptions): ReportData {
  const now = opts.now ?? Date.now();
  validateAsOf(opts.asOf, now);
  const asOf = opts.asOf;
  const live = asOf === dayOf(now);
  const figuresAtMs = live ? now : parseDay(asOf) + DAY_MS - 1;
  const staleDays = config.staleDays;

  return db.$client
    .transaction(() => {
      const { agencies, rows, overall, overallFigures } = agencyFigures(db, scope, asOf);
      const findings = listFindings(db, scope, agencies, { live, at: figuresAtMs, rows: opts.findingRows !== false });
      const unprotectedByAgency = unprotectedAfterRemoval(db, scope);
      const previous = findPrevious(db, scope.agencyId, asOf);

      // Open findings per product, rolled up the tree like the other figures.
      const slugs = findings.products.map((p) => p.slug);
      const byProduct = new Map(agencies.map((a) => [a.id, slugs.map((s) => findings.openByAgency.get(a.id)?.get(s) ?? 0)]));
      const unprotected = new Map(agencies.map((a) => [a.id, unprotectedByAgency.get(a.id) ?? 0]));
      for (const a of [...agencies].sort((x, y) => y.depth - x.depth)) {
        if (a.parentId === null || !byProduct.has(a.parentId)) continue;
        const mine = byProduct.get(a.id)!;
        const parent = byProduct.get(a.parentId)!;
        for (let i = 0; i < slugs.length; i++) parent[i]! += mine[i]!;
        unprotected.set(a.parentId, unprotected.get(a.parentId)! + unprotected.get(a.id)!);
      }
      const codeOf = new Map(agencies.map((a) => [a.id, a.code]));
      const agencyRows: ReportAgencyRow[] = rows.map(({ agency: a, figures, progress }) => ({
        agencyId: a.id,
        code: a.code,
        name: a.name,
        level: a.depth - scope.baseDepth,
        parentCode: a.parentId === null ? null : (codeOf.get(a.parentId) ?? null),
        ...figures,
        ...progress,
        byProduct: byProduct.get(a.id)!,
        unprotectedAfterRemoval: unprotected.get(a.id)!,
        openFindingsPrevious: previous?.openByAgency.get(a.id) ?? null,
      }));
      const ordered = treeOrder(agencyRows);

      const totalUnprotected = scope.agencyId !== null ? unprotected.get(scope.agencyId)! : agencies.filter((a) => a.parentId === null).reduce((n, a) => n + unprotected.get(a.id)!, 0);
      const totals = { ...overallFigures, ...overall, unprotectedAfterRemoval: totalUnprotected };
      const figuresAt = new Date(figuresAtMs).toISOString();
      const prev = previous ? { reportId: previous.reportId, asOf: previous.asOf, sha256: previous.sha256, publishedAt: previous.publishedAt, totals: previous.totals } : null;
      const chart = burndown(db, scope, asOf);

      return {
        format: REPORT_FORMAT,
        scope: scope.report,
        asOf,
        figuresAt,
        live,
        generatedAt: new Date(now).toISOString(),
        published: opts.published ?? null,
        previous: prev,
        totals,
        agencies: ordered,
        products: findings.products,
        burndown: { ...chart, deadline: overall.deadline, projectedDay: overall.projectedDay },
        replacement: { unprotectedAfterRemoval: totalUnprotected, clean: overallFigures.clean, unprotected: overallFigures.unprotected },
        exceptions: findings.exceptions,
        method: buildMethod(db, { staleDays }),
        findings: findings.table,
        evidence: evidenceFigures(db, scope.ids),
        ...(opts.verifyUrl ? { verifyUrl: opts.verifyUrl } : {}),
      } satisfies ReportData;
    })
    .deferred();
}

/** Parents before children, siblings by name (agencies are read ordered by path, i.e. by id). */
function treeOrder<T extends { agencyId: number; code: string; parentCode: string | null; name: string }>(rows: T[]): T[] {
  const codes = new Set(rows.map((r) => r.code));
  const children = new Map<string | null, T[]>();
  for (const r of rows) {
    const key = r.parentCode !== null && codes.has(r.parentCode) ? r.parentCode : null;
    const list = children.get(key) ?? [];
    list.push(r);
    children.set(key, list);
  }
  const out: T[] = [];
  const walk = (parent: string | null) => {
    for (const r of (children.get(parent) ?? []).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.agencyId - b.agencyId))) {
      out.push(r);
      walk(r.code);
    }
  };
  walk(null);
  return out;
}
