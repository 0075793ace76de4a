// Words for the report's statuses in the report's language, shared by the summary, the brief and
// the document. The rule is the dashboard's (server/findings/projection.ts), said in the report's
// own terms (messages: report.status, report.statusInline, report.statusRules).
import { PROJECTION_WINDOW_DAYS } from "../findings/projection";
import type { ReportText } from "./i18n";
import type { ReportStatus } from "./types";

export const STATUS_ORDER: ReportStatus[] = ["overdue", "at-risk", "on-track", "done", "no-deadline", "no-endpoints"];

/** "At risk" (nl "In gevaar"), as in tables. */
export function statusLabel(rt: ReportText, status: ReportStatus): string {
  return rt.t(`report.status.${status}`);
}

/** "at risk" (nl "in gevaar"), inside a sentence. */
export function statusInline(rt: ReportText, status: ReportStatus): string {
  return rt.t(`report.statusInline.${status}`);
}

/** When an agency has each status, in a sentence. */
export function statusRule(rt: ReportText, status: ReportStatus, days = PROJECTION_WINDOW_DAYS): string {
  return rt.t(`report.statusRules.${status}`, { days });
}
