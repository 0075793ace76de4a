// The exceptions annex as the document shows it: every exception when there are few, else the
// largest groups of the same justification, requester and approver. Computed from the whole list
// for a published report; a draft carries the result instead of the list (preview.ts). Pure.
import type { Exception, ExceptionGroup, ExceptionsShown, ReportData } from "./types";

/** Exceptions listed one by one up to this many; beyond, this many groups. */
export const EXCEPTIONS_SHOWN = 40;

/** Exceptions with the same justification, requester and approver, counted together, largest first. */
function groupExceptions(list: readonly Exception[]): ExceptionGroup[] {
  const groups = new Map<string, ExceptionGroup & { codes: Set<string> }>();
  for (const w of list) {
    const key = `${w.justification}\u0000${w.requestedBy}\u0000${w.approvedBy}`;
    let g = groups.get(key);
    if (!g)
      groups.set(key, (g = { justification: w.justification, approvedBy: w.approvedBy, requestedBy: w.requestedBy, installs: 0, agencies: 0, codes: new Set(), first: w.expires, last: w.expires }));
    g.installs++;
    g.codes.add(w.agencyCode);
    if (w.expires < g.first) g.first = w.expires;
    if (w.expires > g.last) g.last = w.expires;
  }
  return [...groups.values()].map(({ codes, ...g }) => ({ ...g, agencies: codes.size })).sort((a, b) => b.installs - a.installs || (a.justification < b.justification ? -1 : 1));
}

export function showExceptions(list: readonly Exception[]): ExceptionsShown {
  if (list.length <= EXCEPTIONS_SHOWN) return { count: list.length, groups: [], groupCount: 0 };
  const groups = groupExceptions(list);
  return { count: list.length, groups: groups.slice(0, EXCEPTIONS_SHOWN), groupCount: groups.length };
}

/** How the annex shows the report's exceptions (a draft's, already worked out on the work thread). */
export function exceptionsShown(data: Pick<ReportData, "exceptions" | "exceptionsShown">): ExceptionsShown {
  return data.exceptionsShown ?? showExceptions(data.exceptions);
}
