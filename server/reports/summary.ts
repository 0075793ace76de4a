// The one-paragraph summary a minister reads first, in plain language, from the report's figures,
// in the report's language. Pure: the same figures always give the same words. Generated when the
// report is shown or printed (never stored), so a published report reads in either language.
import { PROJECTION_WINDOW_DAYS } from "../findings/projection";
import type { ReportText } from "./i18n";
import { statusInline } from "./labels";
import type { Figures, PreviousReport, Progress, ReportAgencyRow, ReportData, ReportScope } from "./types";

export type SummaryInput = {
  scope: ReportScope;
  hasSubAgencies: boolean;
  asOf: string;
  live: boolean;
  figuresAt: string;
  staleDays: number;
  totals: Figures & Progress;
  previous: PreviousReport | null;
  agencies: Pick<ReportAgencyRow, "code" | "name" | "level" | "status" | "endpoints">[];
};

/** The summary's input from a report's (frozen) data. */
export function summaryInput(data: ReportData): SummaryInput {
  return {
    scope: data.scope,
    hasSubAgencies: data.agencies.length > 1,
    asOf: data.asOf,
    live: data.live,
    figuresAt: data.figuresAt,
    staleDays: data.method.staleDays,
    totals: data.totals,
    previous: data.previous,
    agencies: data.agencies,
  };
}

const needs = (f: Pick<Figures, "banned" | "remnants" | "staleBanned">) => f.banned + f.remnants + (f.staleBanned ?? 0);
const capital = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * The deadline, the projection and the verdict, from the rolled-up status (the worst of the parts)
 * so no sentence says "will be met" while an agency is overdue.
 */
function deadlineSentence(s: SummaryInput, rt: ReportText): string {
  const { t, f } = rt;
  const tot = s.totals;
  const days = PROJECTION_WINDOW_DAYS;
  const nameOf = (code: string | null | undefined) => s.agencies.find((a) => a.code === code)?.name ?? code ?? "";
  const dl = (d: string | null) =>
    s.scope.kind === "deployment" && tot.deadlineSource === "agency" ? t("report.summary.deadlineLastAgency", { day: f.longDay(d) }) : t("report.summary.deadlineOf", { day: f.longDay(d) });
  if (tot.status === "no-endpoints") return t("report.summary.noEndpoints");
  if (tot.status === "done") return tot.deadline ? t("report.summary.doneMet", { deadline: dl(tot.deadline) }) : t("report.summary.done");
  const out: string[] = [];
  if (tot.stalled || !tot.projectedDay) {
    out.push(tot.projectedFrom ? t("report.summary.stalledAgency", { name: nameOf(tot.projectedFrom), days }) : t("report.summary.stalled", { days }));
  } else {
    const latest = tot.projectedFrom ? ` ${t("report.summary.latestOf", { name: nameOf(tot.projectedFrom) })}` : "";
    const projection = t("report.summary.projection", { days, rate: f.perDay(tot.removalsWindow - tot.reinstallsWindow, days), day: f.longDay(tot.projectedDay) }) + latest;
    if (!tot.deadline) out.push(t("report.summary.projectionNoDeadline", { projection }));
    else if (tot.projectedDay <= tot.deadline) out.push(t("report.summary.projectionBefore", { projection, count: dayDiff(tot.projectedDay, tot.deadline), deadline: dl(tot.deadline) }));
    else out.push(t("report.summary.projectionAfter", { projection, count: dayDiff(tot.deadline, tot.projectedDay), deadline: dl(tot.deadline) }));
  }
  if (tot.deadline && tot.daysLeft !== null && tot.daysLeft < 0) out.push(t("report.summary.passed", { deadline: capital(dl(tot.deadline)), count: tot.openFindings }));
  const status = statusInline(rt, tot.status);
  if (tot.statusFrom) out.push(t("report.summary.overallFrom", { status, name: nameOf(tot.statusFrom) }));
  else if (tot.status === "on-track") out.push(t("report.summary.onTrack"));
  else if (tot.status === "at-risk") out.push(t("report.summary.atRisk"));
  return out.join(" ");
}

export function buildSummary(s: SummaryInput, rt: ReportText): string {
  const { t, f } = rt;
  const tot = s.totals;
  const when = s.live ? t("report.summary.asOfLive", { time: f.longTime(s.figuresAt) }) : t("report.summary.asOfDay", { day: f.longDay(s.asOf) });
  const who = s.scope.kind === "deployment" ? t("report.summary.whoDeployment") : s.hasSubAgencies ? t("report.summary.whoWithSubs", { name: s.scope.name }) : s.scope.name;
  const out: string[] = [t("report.summary.enrolled", { when, who, count: tot.endpoints })];
  if (tot.endpoints > 0) {
    const c = needs(tot);
    const parts = [
      tot.banned ? t("report.summary.partBanned", { n: f.num(tot.banned) }) : null,
      tot.remnants ? t("report.summary.partRemnants", { n: f.num(tot.remnants) }) : null,
      tot.staleBanned ? t("report.summary.partStale", { n: f.num(tot.staleBanned) }) : null,
    ].filter(Boolean);
    out.push(c === 0 ? t("report.summary.noneNeeds") : t("report.summary.needs", { count: c, percent: f.percentOf(c, tot.endpoints), parts: parts.join(", "), open: tot.openFindings }));
  }
  if (tot.resolvedFindings > 0) out.push(t("report.summary.removedSoFar", { count: tot.resolvedFindings, percent: f.percentText(tot.percentComplete) }));
  if (s.previous) {
    const before = needs(s.previous.totals);
    const now = needs(tot);
    const since = t("report.summary.since", { day: f.longDay(s.previous.asOf) });
    out.push(
      now === before
        ? t("report.summary.unchanged", { since, n: f.num(now) })
        : t("report.summary.changed", { since, direction: now < before ? "fell" : "rose", by: f.num(Math.abs(now - before)), from: f.num(before), to: f.num(now) }),
    );
  } else {
    out.push(t("report.summary.first"));
  }
  if (tot.excepted > 0) out.push(t("report.summary.excepted", { count: tot.excepted }));
  out.push(deadlineSentence(s, rt));
  const behind = s.agencies.filter((a) => a.status === "overdue" || a.status === "at-risk");
  const counted = s.agencies.filter((a) => a.endpoints > 0);
  if (s.scope.kind === "deployment" || s.hasSubAgencies) {
    if (behind.length === 0 && counted.length > 1) out.push(t("report.summary.noneBehind", { total: f.num(counted.length) }));
    else if (behind.length > 0) {
      const named = behind.slice(0, 4).map((a) => t("report.summary.behindItem", { name: a.name, status: statusInline(rt, a.status) }));
      const names = named.join(", ") + (behind.length > named.length ? ` ${t("report.summary.andMore", { n: f.num(behind.length - named.length) })}` : "");
      out.push(t("report.summary.behind", { count: behind.length, total: f.num(counted.length), names }));
    }
  }
  const unknown = tot.stale + tot.neverReported;
  if (unknown > 0) out.push(t("report.summary.unknown", { count: unknown, percent: f.percentOf(unknown, tot.endpoints), days: s.staleDays }));
  return out.join(" ");
}
