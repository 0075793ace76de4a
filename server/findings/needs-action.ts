// "Needs action", defined once: an endpoint needs action when it has at least one open finding (a
// banned product, installed or as remnants, under a policy in force, not covered by a waiver). It
// is the sum of three endpoint groups that never overlap, each kept exactly by the live counters:
//   banned        a banned product is installed (state banned)
//   remnants      only remnants of one are left (state remnants)
//   staleBanned   stale, and last seen with an open finding (state stale, counter stale_banned)
// Excepted endpoints (every finding under an approved waiver) are shown apart: they need no action
// until the waiver expires. Every page, export, report and CSV that says "needs action" uses these
// words, these parts and the list filter below, so the figures agree wherever they are shown.

/** The parts of "needs action", in the order pages show them. */
export const NEEDS_ACTION_PARTS = ["banned", "remnants", "staleBanned"] as const;
export type NeedsActionPart = (typeof NEEDS_ACTION_PARTS)[number];

type Levels = Record<NeedsActionPart | "excepted", number>;

export type NeedsAction = Levels & { total: number };

export function needsAction(c: Levels): NeedsAction {
  return { total: c.banned + c.remnants + c.staleBanned, banned: c.banned, remnants: c.remnants, staleBanned: c.staleBanned, excepted: c.excepted };
}

/** The words for each figure, on the dashboard and in reports alike. */
export const TERMS = {
  needsAction: "Needs action",
  needsActionHelp: "Endpoints with at least one open finding: banned installed, remnants, or stale and last seen with banned software.",
  banned: "Banned installed",
  remnants: "Remnants",
  staleBanned: "Stale, last seen banned",
  excepted: "Excepted",
  exceptedHelp: "Every finding under an approved, unexpired waiver.",
  openFindings: "Open findings",
  openFindingsHelp: "One banned product, installed or as remnants, on one endpoint.",
  resolvedFindings: "Verified removed",
  behind: "Agencies behind their deadline",
} as const;

/** The endpoint state each part is (for the list's state filter within "needs action"). */
export const PART_STATE: Record<NeedsActionPart, "banned" | "remnants" | "stale"> = { banned: "banned", remnants: "remnants", staleBanned: "stale" };

/** SQL predicate on `e` (endpoints): stale and last seen with an open finding. */
export const STALE_BANNED_SQL = "e.state = 'stale' and exists (select 1 from findings f where f.endpoint_id = e.id and f.status = 'open')";

/**
 * SQL predicate on `e`: the endpoint needs action. `limit 1 offset 0` changes nothing in SQLite (same
 * plan: one index probe per stale endpoint) but keeps PostgreSQL from hashing every open finding of
 * the deployment first (a "hashed SubPlan", which it prefers for an EXISTS under OR; an OFFSET makes
 * the subquery one it will not turn into a hash): 1 ms instead of 33 ms for one agency's list at
 * 100,000 endpoints, and it grows with the deployment's open findings.
 */
export const NEEDS_ACTION_SQL =
  "e.state in ('banned', 'remnants', 'stale') and (e.state <> 'stale' or exists (select 1 from findings f where f.endpoint_id = e.id and f.status = 'open' limit 1 offset 0))";

/** The Endpoints list link that shows exactly the endpoints a figure counts. */
export function needsActionHref(part: NeedsActionPart | "total", agencyCode?: string): string {
  const sp = new URLSearchParams();
  if (agencyCode) sp.set("agency", agencyCode);
  sp.set("needs", "action");
  if (part !== "total") sp.set("state", PART_STATE[part]);
  return `/endpoints?${sp.toString()}`;
}
