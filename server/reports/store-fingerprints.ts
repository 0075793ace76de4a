// Fingerprints of what Muster published: a report's data (reports.sha256) or a file served for it
// (report_files: every PDF rendering, each CSV), and who published it for which scope.
import "server-only";
import type { Db } from "../db/client";
import { prep } from "../db/sql";

export type Verification = {
  reportId: number;
  /** What the fingerprint is: the data file itself, or a file served for the report ("pdf",
   *  "agencies.csv", with ":nl" when served in another language than English). */
  file: "data.json" | string;
  asOf: string;
  publishedAt: number;
  /** The publisher's name, or null when the account is gone. */
  publishedBy: string | null;
  publishedById: number;
  /** The agency the report is about (with its sub-agencies); null for the whole deployment. */
  scopeName: string | null;
  scopeCode: string | null;
  dataSha256: string;
};

/** The published report whose data, or one of whose served files, has this SHA-256 (lower-case hex). */
export function reportByFingerprint(db: Db, sha256: string): Verification | undefined {
  return prep(
    db,
    `select r.id as reportId, coalesce(f.kind, 'data.json') as file, r.as_of as asOf, r.published_at as publishedAt,
       u.name as publishedBy, r.published_by as publishedById, a.name as scopeName, a.code as scopeCode, r.sha256 as dataSha256
     from reports r left join report_files f on f.report_id = r.id and f.sha256 = @sha
     left join users u on u.id = r.published_by left join agencies a on a.id = r.scope_agency_id
     where r.sha256 = @sha or r.id = (select report_id from report_files where sha256 = @sha)
     limit 1`,
  ).get({ sha: sha256 }) as Verification | undefined;
}

/** Records a file served for a report by its SHA-256 (a fingerprint already recorded is kept as it was). */
export function insertReportFile(db: Db, sha256: string, reportId: number, kind: string, servedAt: number): void {
  prep(db, "insert into report_files (sha256, report_id, kind, first_served_at) values (?, ?, ?, ?) on conflict do nothing").run(sha256, reportId, kind, servedAt);
}
