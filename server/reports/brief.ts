// The one-page brief a minister reads (and signs) first: the figures, who is behind, and what is
// asked of the minister, all derived from the report's frozen data, in the report's language. Pure.
import { exceptionsShown } from "./exceptions-shown";
import type { ReportText } from "./i18n";
import { statusLabel } from "./labels";
import type { ReportAgencyRow, ReportData } from "./types";

export type BehindRow = Pick<ReportAgencyRow, "code" | "name" | "status" | "deadline" | "projectedDay" | "openFindings"> & { needsAction: number; stalled: boolean };

const needs = (f: Pick<ReportAgencyRow, "banned" | "remnants" | "staleBanned">) => f.banned + f.remnants + (f.staleBanned ?? 0);

/** Agencies overdue or at risk, worst first; parents rated only through a sub-agency are left out
 *  (the sub-agency is named instead), so each one listed is itself behind. */
export function behindAgencies(data: ReportData): BehindRow[] {
  return data.agencies
    .filter((a) => (a.status === "overdue" || a.status === "at-risk") && !a.statusFrom)
    .map((a) => ({
      code: a.code,
      name: a.name,
      status: a.status,
      deadline: a.deadline,
      projectedDay: a.projectedDay,
      openFindings: a.openFindings,
      needsAction: needs(a),
      stalled: a.stalled ?? false,
    }))
    .sort((x, y) => (x.status === y.status ? y.needsAction - x.needsAction : x.status === "overdue" ? -1 : 1));
}

/** What the report asks of its reader, one decision per line. */
export function asks(data: ReportData, rt: ReportText): string[] {
  const { t, f } = rt;
  const tot = data.totals;
  const behind = behindAgencies(data);
  const out: string[] = [];
  if (behind.length) {
    const names =
      behind
        .slice(0, 5)
        .map((b) => b.name)
        .join(", ") + (behind.length > 5 ? ` ${t("report.summary.andMore", { n: f.num(behind.length - 5) })}` : "");
    out.push(t("report.brief.askRecovery", { count: behind.length, names }));
  }
  if ((tot.staleBanned ?? 0) > 0) out.push(t("report.brief.askStale", { count: tot.staleBanned }));
  const exceptions = exceptionsShown(data).count;
  if (exceptions) out.push(t("report.brief.askWaivers", { count: exceptions }));
  if (tot.unprotectedAfterRemoval > 0) out.push(t("report.brief.askReplacement", { count: tot.unprotectedAfterRemoval }));
  if (!out.length) out.push(t("report.brief.askNone"));
  return out;
}

export function statusLine(b: BehindRow, rt: ReportText): string {
  const { t, f } = rt;
  const label = statusLabel(rt, b.status);
  if (b.status === "overdue") return t("report.brief.lineOverdue", { label, deadline: f.longDay(b.deadline) });
  return b.stalled || !b.projectedDay ? t("report.brief.lineStalled", { label }) : t("report.brief.lineProjected", { label, projected: f.longDay(b.projectedDay), deadline: f.longDay(b.deadline) });
}
