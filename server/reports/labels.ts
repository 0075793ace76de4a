// Words for the report's statuses, shared by the builder, the summary and the document. The rule
// is the dashboard's (server/dashboard/projection.ts), said in the report's own terms.
import { PROJECTION_WINDOW_DAYS, STATUS_LABELS } from "../dashboard/projection";
import type { ReportStatus } from "./types";

export const STATUS_ORDER: ReportStatus[] = ["overdue", "at-risk", "on-track", "done", "no-deadline", "no-endpoints"];

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = { ...STATUS_LABELS, "no-endpoints": "No endpoints" };

export const REPORT_STATUS_RULES: Record<ReportStatus, string> = {
  overdue: "The deadline has passed and banned installs remain.",
  "at-risk": `At the net removal rate of the last ${PROJECTION_WINDOW_DAYS} days (removals minus reinstalls), the banned installs remaining would outlast the deadline, or nothing was removed at all.`,
  "on-track": `At the net removal rate of the last ${PROJECTION_WINDOW_DAYS} days, the banned installs remaining are gone on or before the deadline.`,
  done: "No banned install remains (endpoints that stopped reporting are shown beside it).",
  "no-deadline": "Banned installs remain but no deadline applies (none on the agency, its parents or the policies in force).",
  "no-endpoints": "No endpoint of the agency is enrolled yet: nothing can be shown to be removed.",
};
