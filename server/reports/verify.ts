// /verify: is this file, or this fingerprint, a report Muster published? A fingerprint matches a
// published report's data file (reports.sha256) or a file served for it (report_files: every PDF
// rendering, each CSV). Answers say when, by whom and for which scope; nothing else is revealed.
import "server-only";
import { createHash } from "node:crypto";
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

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Lower-case hex of a fingerprint typed with spaces or in capitals, or null when it is not one. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, "").toLowerCase();
  return SHA256_HEX.test(hex) ? hex : null;
}

export function verifyFingerprint(db: Db, sha256: string): Verification | null {
  const row = prep(
    db,
    `select r.id as reportId, coalesce(f.kind, 'data.json') as file, r.as_of as asOf, r.published_at as publishedAt,
       u.name as publishedBy, r.published_by as publishedById, a.name as scopeName, a.code as scopeCode, r.sha256 as dataSha256
     from reports r left join report_files f on f.report_id = r.id and f.sha256 = @sha
     left join users u on u.id = r.published_by left join agencies a on a.id = r.scope_agency_id
     where r.sha256 = @sha or r.id = (select report_id from report_files where sha256 = @sha)
     limit 1`,
  ).get({ sha: sha256 }) as Verification | undefined;
  return row ?? null;
}

/** Remembers a file served for a report (idempotent). */
export function registerReportFile(db: Db, reportId: number, kind: string, body: Buffer | string, now = Date.now()): string {
  return registerReportFileHash(db, reportId, kind, createHash("sha256").update(body).digest("hex"), now);
}

/** The same, for a file whose SHA-256 was computed as it streamed out. */
export function registerReportFileHash(db: Db, reportId: number, kind: string, sha: string, now = Date.now()): string {
  prep(db, "insert into report_files (sha256, report_id, kind, first_served_at) values (?, ?, ?, ?) on conflict do nothing").run(sha, reportId, kind, now);
  return sha;
}
