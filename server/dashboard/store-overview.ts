// The statements of the Overview page (overview.ts) that the counters and the daily history do not
// answer: endpoints whose last report is older than a time, and the open findings per product version
// (from their own counts).
import type { Db } from "../db/client";
import { prep } from "../db/sql";
import { inIds } from "../db/read-sql";

/** Endpoints of the agencies `ids` (null: all) whose last report is older than `since` (on the last-report index). */
export function endpointsReportedBefore(db: Db, ids: readonly number[] | null, since: number): number {
  return (prep(db, `select count(*) as n from endpoints where ${inIds("agency_id", ids)} and last_report_at < ?`).get(since) as { n: number }).n;
}

export type OpenProductVersion = { product: string; version: string; n: number };

/** Open findings per product and version, most first, at most `limit` rows: from the counts
 *  drizzle/0018's triggers keep per agency (a few thousand rows, not every open finding). */
export function openFindingsByProductVersion(db: Db, ids: readonly number[] | null, limit: number): OpenProductVersion[] {
  return prep(
    db,
    `select product, version, sum(findings) as n from open_finding_counts where findings <> 0 and ${inIds("agency_id", ids)}
     group by product, version order by n desc, product, version limit ${limit}`,
  ).all() as OpenProductVersion[];
}
