// /verify: is this file, or this fingerprint, a report Muster published? A fingerprint matches a
// published report's data file (reports.sha256) or a file served for it (report_files: every PDF
// rendering, each CSV). Answers say when, by whom and for which scope; nothing else is revealed.
import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "../db/client";
import { insertReportFile, reportByFingerprint, type Verification } from "./store-fingerprints";

export type { Verification } from "./store-fingerprints";

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Lower-case hex of a fingerprint typed with spaces or in capitals, or null when it is not one. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, "").toLowerCase();
  return SHA256_HEX.test(hex) ? hex : null;
}

export function verifyFingerprint(db: Db, sha256: string): Verification | null {
  return reportByFingerprint(db, sha256) ?? null;
}

/** Remembers a file served for a report (idempotent). */
export function registerReportFile(db: Db, reportId: number, kind: string, body: Buffer | string, now = Date.now()): string {
  return registerReportFileHash(db, reportId, kind, createHash("sha256").update(body).digest("hex"), now);
}

/** The same, for a file whose SHA-256 was computed as it streamed out. */
export function registerReportFileHash(db: Db, reportId: number, kind: string, sha: string, now = Date.now()): string {
  insertReportFile(db, sha, reportId, kind, now);
  return sha;
}
