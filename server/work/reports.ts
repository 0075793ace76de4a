// Report work at the call boundary: what the reports router, the download routes and the print
// page call instead of building on the event loop. The builder itself (reports/) is unchanged;
// these hand it to the work thread and keep what comes back where the readers look for it.
import type { Scope, Viewer } from "../access/scope";
import type { Actor } from "../audit/log";
import type { Db } from "../db/client";
import type { Locale } from "../i18n/locales";
import { cachedDraft } from "../reports/draft-cache";
import type { PublishInput } from "../reports/publish";
import { resolveReportScope } from "../reports/scope";
import { getReportMeta, hasReportData, type ReportMeta, rememberReportData } from "../reports/store";
import type { ReportFileKind } from "./jobs";
import { openWorkStream, runWork } from "./run";

/** A draft's document data, built off the event loop (and reused a minute while nothing changed). */
export function draftReport(db: Db, viewerScope: Scope, agencyId: number | null, asOf: string) {
  const scope = resolveReportScope(db, viewerScope, agencyId);
  // Keyed by what the report covers, not who asks: the same scope gives the same figures.
  const key = JSON.stringify([scope.agencyId, scope.ids, asOf]);
  return cachedDraft(db, key, () => runWork(db, "report.draft", { viewerScope, agencyId, asOf }));
}

export async function publishReportOffThread(db: Db, viewer: Viewer, viewerScope: Scope, actor: Actor, input: PublishInput, now = Date.now()): Promise<ReportMeta> {
  const { meta, data } = await runWork(db, "report.publish", { viewer, viewerScope, actor, input, now });
  rememberReportData(db, meta.id, data);
  return meta;
}

/**
 * Makes sure a published report's document data is in this process's cache (reading and
 * verifying 15 MB of frozen JSON takes a third of a second at national scale), after checking
 * the viewer may read it. The synchronous readers (loadReport) then find it there.
 */
export async function warmReportData(db: Db, viewerScope: Scope, id: number): Promise<void> {
  getReportMeta(db, viewerScope, id);
  if (!hasReportData(db, id)) rememberReportData(db, id, await runWork(db, "report.data", { id }));
}

/** A published report's CSV or JSON file, generated off the event loop and sent in pieces. */
export function reportFile(db: Db, viewerScope: Scope, id: number, kind: ReportFileKind, lang: Locale = "en"): Promise<{ meta: ReportMeta; body: ReadableStream<Uint8Array> }> {
  return openWorkStream(db, "report.file", { viewerScope, id, kind, lang });
}
