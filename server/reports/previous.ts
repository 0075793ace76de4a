// The previous published report of the same scope: the latest one whose reporting date is on or
// before this one's. Read from its frozen (verified) data, so the comparison shows what was
// published then.
import "server-only";
import type { Db } from "../db/client";
import { prep } from "../db/sql";
import { FIGURE_KEYS, zeroFigures } from "./figures";
import { lightData } from "./store";
import type { PreviousReport } from "./types";

export type PreviousWithAgencies = PreviousReport & { openByAgency: Map<number, number> };

export function findPrevious(db: Db, scopeAgencyId: number | null, asOf: string): PreviousWithAgencies | null {
  // Only id and as_of (stored before the large data column) decide; the rest is read for one row.
  const found = prep(db, "select id from reports where scope_agency_id is ? and as_of <= ? order by as_of desc, id desc limit 1").get(scopeAgencyId, asOf) as { id: number } | undefined;
  if (!found) return null;
  const row = prep(db, "select id, as_of as asOf, sha256, published_at as publishedAt from reports where id = ?").get(found.id) as {
    id: number;
    asOf: string;
    sha256: string;
    publishedAt: number;
  };
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
