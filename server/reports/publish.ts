// Publishing freezes a report: its data is stored as canonical JSON with its SHA-256, linked to
// the previous published report of the same scope, and audited (who, when, fingerprint). The
// reports table refuses UPDATE and DELETE (migration triggers), and reads verify the stored text
// against the fingerprint (store.ts), so a document served later is the one that was published.
import "server-only";
import type { Scope, Viewer } from "../access/scope";
import { type Actor, recordAudit } from "../audit/log";
import { type Db, inTransaction } from "../db/client";
import { config } from "../config";
import { buildReportData } from "./build";
import { canonicalJson, sha256Hex } from "./canonical";
import { longDay } from "./format";
import { findPrevious } from "./previous";
import { resolveReportScope } from "./scope";
import { getReportMeta, insertReport, type ReportMeta, rememberPublished } from "./store";
import { recordReportPublished } from "../notify-events/record";
import type { ReportData } from "./types";

export { getReportMeta, listReports, loadReport, loadReportText, type ReportMeta, TamperedReportError } from "./store";

export type PublishInput = { agencyId: number | null; asOf: string };

export function reportTitle(data: Pick<ReportData, "scope" | "asOf">): string {
  const scope = data.scope.kind === "agency" ? `${data.scope.name} (${data.scope.code})` : data.scope.name;
  return `Status report: ${scope}, ${longDay(data.asOf)}`;
}

export function publishReport(db: Db, viewer: Viewer, viewerScope: Scope, actor: Actor, input: PublishInput, now = Date.now()): ReportMeta {
  const scope = resolveReportScope(db, viewerScope, input.agencyId);
  const published = { at: new Date(now).toISOString(), by: { name: viewer.name, email: viewer.email } };
  // The data names its previous report; if another publication of the same scope lands while
  // this one is built (another process), build again so the chain stays linear.
  for (let attempt = 0; attempt < 3; attempt++) {
    const data = buildReportData(db, scope, { asOf: input.asOf, now, published, verifyUrl: config.publicUrl ? `${config.publicUrl}/verify` : null });
    const json = canonicalJson(data);
    const sha256 = sha256Hex(json);
    const id = inTransaction(db, () => {
      const latest = findPrevious(db, scope.agencyId, input.asOf);
      if ((latest?.reportId ?? null) !== (data.previous?.reportId ?? null)) return null;
      const row = insertReport(db, {
        scopeAgencyId: scope.agencyId,
        asOf: input.asOf,
        title: reportTitle(data),
        data: json,
        sha256,
        previousReportId: data.previous?.reportId ?? null,
        publishedAt: now,
        publishedBy: viewer.id,
      });
      recordAudit(
        db,
        actor,
        {
          action: "report.publish",
          objectType: "report",
          objectId: row.id,
          agencyId: scope.agencyId,
          details: { sha256, asOf: input.asOf, scope: data.scope.kind === "agency" ? data.scope.code : "all", previousReportId: data.previous?.reportId ?? null, bytes: Buffer.byteLength(json) },
        },
        now,
      );
      recordReportPublished(db, row.id, now); // notification outbox, same transaction
      return row.id;
    });
    if (id !== null) {
      rememberPublished(db, id, json);
      return getReportMeta(db, viewerScope, id);
    }
  }
  throw new Error("Could not publish: other reports of the same scope kept being published meanwhile");
}
