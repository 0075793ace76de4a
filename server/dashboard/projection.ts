// When will an agency be done, at the pace it has kept lately? Pure functions, so the rule the
// Agencies page explains in its legend is the rule the tests check.

export const PROJECTION_WINDOW_DAYS = 14;

export type ProgressStatus = "done" | "on-track" | "at-risk" | "overdue" | "no-deadline";

export const STATUS_LABELS: Record<ProgressStatus, string> = {
  done: "Done",
  "on-track": "On track",
  "at-risk": "At risk",
  overdue: "Overdue",
  "no-deadline": "No deadline",
};

/** The rule, in the words the page shows. */
export const STATUS_RULE: Record<ProgressStatus, string> = {
  done: "No open finding remains.",
  "on-track": `At the net removal rate of the last ${PROJECTION_WINDOW_DAYS} days (removals minus reinstalls), the open findings are gone on or before the deadline.`,
  "at-risk": `At the net removal rate of the last ${PROJECTION_WINDOW_DAYS} days, the open findings would outlast the deadline, or nothing was removed at all.`,
  overdue: "The deadline has passed and open findings remain.",
  "no-deadline": "Open findings remain but no deadline applies (none on the agency or its parents).",
};

export type ProjectionInput = {
  /** Open findings (banned installs and remnants still present). */
  remaining: number;
  removals: number;
  reinstalls: number;
  windowDays?: number;
  today: string; // YYYY-MM-DD
  deadline: string | null; // YYYY-MM-DD
};

export type Projection = {
  ratePerDay: number;
  /** Day the last open finding goes at the current rate; null when done or when the rate is zero. */
  projectedDay: string | null;
  /** Whole days from today to the deadline (negative once passed), null without deadline. */
  daysLeft: number | null;
  status: ProgressStatus;
};

const DAY_MS = 86_400_000;
const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function projectCompletion(input: ProjectionInput): Projection {
  const windowDays = input.windowDays ?? PROJECTION_WINDOW_DAYS;
  const ratePerDay = Math.max(0, input.removals - input.reinstalls) / windowDays;
  const daysLeft = input.deadline ? Math.round((toMs(input.deadline) - toMs(input.today)) / DAY_MS) : null;
  if (input.remaining <= 0) return { ratePerDay, projectedDay: null, daysLeft, status: "done" };
  const projectedDay = ratePerDay > 0 ? toDay(toMs(input.today) + Math.ceil(input.remaining / ratePerDay) * DAY_MS) : null;
  let status: ProgressStatus;
  if (!input.deadline) status = "no-deadline";
  else if (daysLeft! < 0) status = "overdue";
  else if (projectedDay === null || projectedDay > input.deadline) status = "at-risk";
  else status = "on-track";
  return { ratePerDay, projectedDay, daysLeft, status };
}

/** Share of findings dealt with: resolved / (resolved + open); null when there never was one. */
export function percentComplete(resolved: number, open: number): number | null {
  const total = resolved + open;
  return total === 0 ? null : resolved / total;
}
