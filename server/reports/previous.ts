// The previous published report of the same scope: the latest one whose reporting date is on or
// before this one's. Read from its frozen (verified) data, so the comparison shows what was
// published then.
import "server-only";
import type { Db } from "../db/client";
import { FIGURE_KEYS, zeroFigures } from "./figures";
import { latestReportIdOnOrBefore, lightData, reportHead } from "./store";
import type { PreviousReport } from "./types";

export type PreviousWithAgencies = PreviousReport & { openByAgency: Map<number, number> };

export function findPrevious(db: Db, scopeAgencyId: number | null, asOf: string): PreviousWithAgencies | null {
  const found = latestReportIdOnOrBefore(db, scopeAgencyId, asOf);
  if (!found) return null;
  const row = reportHead(db, found.id);
  const data = lightData(db, row.id);
  const totals = zeroFigures();
  for (const k of FIGURE_KEYS) totals[k] = Number.isSafeInteger(data.totals[k]) ? data.totals[k] : 0;
  const agencies = data.agencies.map((a) => ({ agencyId: a.agencyId, openFindings: a.openFindings }));
  return {
    reportId: row.id,
    asOf: row.asOf,
    sha256: row.sha256,
    publishedAt: new Date(row.publishedAt).toISOString(),
    totals,
    openByAgency: new Map(agencies.map((a) => [a.agencyId, a.openFindings])),
  };
}
