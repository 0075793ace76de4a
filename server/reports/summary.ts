// The one-paragraph summary a minister reads first, in plain language, from the report's figures.
// Pure: the same figures always give the same words.
import { PROJECTION_WINDOW_DAYS } from "../dashboard/projection";
import { longDay, longTime, num, percentOf, perDay, plural } from "./format";
import { REPORT_STATUS_LABELS } from "./labels";
import type { Figures, PreviousReport, Progress, ReportAgencyRow, ReportScope } from "./types";

export type SummaryInput = {
  scope: ReportScope;
  hasSubAgencies: boolean;
  asOf: string;
  live: boolean;
  figuresAt: string;
  staleDays: number;
  totals: Figures & Progress;
  previous: PreviousReport | null;
  agencies: Pick<ReportAgencyRow, "name" | "level" | "status" | "endpoints">[];
};

const carrying = (f: Pick<Figures, "banned" | "remnants">) => f.banned + f.remnants;

function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** "the deadline of 31 March 2027", or deployment-wide "the last agency deadline, 31 March 2027". */
function deadlineSentence(t: SummaryInput["totals"], deployment: boolean): string {
  const dl = (d: string | null) => (deployment && t.deadlineSource === "agency" ? `the last agency deadline, ${longDay(d)}` : `the deadline of ${longDay(d)}`);
  const rate = perDay(t.removalsWindow - t.reinstallsWindow, PROJECTION_WINDOW_DAYS);
  const pace = `At the net removal rate of the last ${PROJECTION_WINDOW_DAYS} days (${rate} a day)`;
  switch (t.status) {
    case "done":
      return t.deadline ? `No banned install remains: ${dl(t.deadline)} is met.` : "No banned install remains.";
    case "on-track":
      return `${pace}, the last banned install would be removed by ${longDay(t.projectedDay)}, ${plural(dayDiff(t.projectedDay!, t.deadline!), "day", "days")} before ${dl(t.deadline)}: the deadline will be met.`;
    case "at-risk":
      return t.projectedDay
        ? `${pace}, the last banned install would be removed by ${longDay(t.projectedDay)}, ${plural(dayDiff(t.deadline!, t.projectedDay), "day", "days")} after ${dl(t.deadline)}: the deadline will not be met unless removals speed up.`
        : `No net removal was recorded in the last ${PROJECTION_WINDOW_DAYS} days: at this pace ${dl(t.deadline)} will not be met.`;
    case "overdue": {
      const passed = dl(t.deadline);
      return `${passed.charAt(0).toUpperCase()}${passed.slice(1)} has passed with ${plural(t.openFindings, "banned install", "banned installs")} remaining: it was not met.`;
    }
    case "no-deadline":
      return t.projectedDay
        ? `No deadline applies; ${pace.charAt(0).toLowerCase()}${pace.slice(1)}, the last banned install would be removed by ${longDay(t.projectedDay)}.`
        : "No deadline applies, and no net removal was recorded in the last " + `${PROJECTION_WINDOW_DAYS} days.`;
    case "no-endpoints":
      return "No endpoint is enrolled yet, so no removal can be shown.";
  }
}

export function buildSummary(s: SummaryInput): string {
  const t = s.totals;
  const when = s.live ? `As of ${longTime(s.figuresAt)}` : `At the end of ${longDay(s.asOf)}`;
  const who =
    s.scope.kind === "deployment" ? "the agencies covered by Muster" : s.hasSubAgencies ? `${s.scope.name} and its sub-agencies` : s.scope.name;
  const out: string[] = [];
  out.push(`${when}, ${who} had ${plural(t.endpoints, "endpoint", "endpoints")} enrolled.`);
  if (t.endpoints > 0) {
    const c = carrying(t);
    out.push(
      c === 0
        ? "None of them still carries banned software."
        : `${num(c)} of them (${percentOf(c, t.endpoints)}) still carry banned software: ${
            t.remnants === 0
              ? `${c === 1 ? "it has" : "all have"} a banned product installed`
              : t.banned === 0
                ? `${c === 1 ? "it has" : "all have"} only remnants of a removed product left`
                : `${num(t.banned)} with a banned product installed and ${num(t.remnants)} with only remnants of one left`
          }, ${plural(t.openFindings, "banned install", "banned installs")} in all.`,
    );
  }
  if (t.resolvedFindings > 0) out.push(`${plural(t.resolvedFindings, "banned install has", "banned installs have")} been verified removed so far (${t.percentComplete}% of those found).`);
  if (s.previous) {
    const before = carrying(s.previous.totals);
    const now = carrying(t);
    const change = now - before;
    const since = `Since the previous report (reporting date ${longDay(s.previous.asOf)})`;
    out.push(
      change === 0
        ? `${since}, the number of endpoints carrying banned software is unchanged at ${num(now)}.`
        : `${since}, the number of endpoints carrying banned software ${change < 0 ? "fell" : "rose"} by ${num(Math.abs(change))}, from ${num(before)} to ${num(now)}.`,
    );
  } else {
    out.push("This is the first published report for this scope.");
  }
  if (t.excepted > 0) out.push(`${plural(t.excepted, "endpoint keeps", "endpoints keep")} banned software under an approved exception.`);
  out.push(deadlineSentence(t, s.scope.kind === "deployment"));
  const behind = s.agencies.filter((a) => a.status === "overdue" || a.status === "at-risk");
  const counted = s.agencies.filter((a) => a.endpoints > 0);
  if (s.scope.kind === "deployment" || s.hasSubAgencies) {
    if (behind.length === 0 && counted.length > 1) out.push(`None of the ${num(counted.length)} agencies with endpoints is behind its deadline.`);
    else if (behind.length > 0) {
      const named = behind.slice(0, 4).map((a) => `${a.name} (${REPORT_STATUS_LABELS[a.status].toLowerCase()})`);
      const more = behind.length > named.length ? ` and ${num(behind.length - named.length)} more` : "";
      out.push(`${num(behind.length)} of the ${num(counted.length)} agencies with endpoints ${behind.length === 1 ? "is" : "are"} behind: ${named.join(", ")}${more}.`);
    }
  }
  const unknown = t.stale + t.neverReported;
  if (unknown > 0) {
    out.push(
      `${plural(unknown, "endpoint", "endpoints")} (${percentOf(unknown, t.endpoints)}) did not report in the last ${s.staleDays} days or never reported: their state is unknown and they are not counted as clean.`,
    );
  }
  return out.join(" ");
}
