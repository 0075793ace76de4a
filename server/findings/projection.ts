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

/** Worst first: how much a status asks for attention. */
export const STATUS_SEVERITY: Record<ProgressStatus, number> = { overdue: 4, "at-risk": 3, "no-deadline": 2, "on-track": 1, done: 0 };

export const ROLL_UP_RULE =
  "A parent's status is the worst of its own (its endpoints and its sub-agencies' counted together) and each sub-agency's; its projected completion is the latest of those parts (never, if one part has stalled).";

export type RollUpInput = { id: number; parentId: number | null; code: string; remaining: number; status: ProgressStatus; projectedDay: string | null };
export type RolledUp = {
  status: ProgressStatus;
  /** The status of the subtree counted as one, before the worst of the sub-agencies is taken. */
  ownStatus: ProgressStatus;
  /** Code of the sub-agency whose status (or date) the parent takes, null when its own. */
  statusFrom: string | null;
  projectedDay: string | null;
  /** True when some part has open findings and no projection (nothing removed lately): never, at this pace. */
  stalled: boolean;
  projectedFrom: string | null;
};

/**
 * Honest roll-ups: every node takes the worst status and the latest projected completion of its
 * own aggregate and of its children (already rolled up), deepest first. Pure.
 */
export function rollUpProgress(nodes: RollUpInput[]): Map<number, RolledUp> {
  const out = new Map<number, RolledUp>(
    nodes.map((n) => [n.id, { status: n.status, ownStatus: n.status, statusFrom: null, projectedDay: n.projectedDay, stalled: n.remaining > 0 && n.projectedDay === null, projectedFrom: null }]),
  );
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const depth = (n: RollUpInput) => {
    let d = 0;
    for (let p = n.parentId; p !== null && byId.has(p) && d < 64; p = byId.get(p)!.parentId) d++;
    return d;
  };
  for (const n of [...nodes].sort((a, b) => depth(b) - depth(a))) {
    if (n.parentId === null || !out.has(n.parentId)) continue;
    const child = out.get(n.id)!;
    const parent = out.get(n.parentId)!;
    if (STATUS_SEVERITY[child.status] > STATUS_SEVERITY[parent.status]) {
      parent.status = child.status;
      parent.statusFrom = child.statusFrom ?? n.code;
    }
    if (child.stalled && !parent.stalled) {
      parent.stalled = true;
      parent.projectedDay = null;
      parent.projectedFrom = child.projectedFrom ?? n.code;
    } else if (!parent.stalled && child.projectedDay && (!parent.projectedDay || child.projectedDay > parent.projectedDay)) {
      parent.projectedDay = child.projectedDay;
      parent.projectedFrom = child.projectedFrom ?? n.code;
    }
  }
  return out;
}
