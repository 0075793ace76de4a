// The jobs that would hold the event loop for long at national scale, as plain functions of a
// database connection and serialisable arguments: building a draft report (about 1.5 s at a
// million endpoints), publishing one (about 10 s), a published report's CSV/JSON files (the
// endpoints CSV: 5 s) and the list exports (STREAMS, sent piece by piece), verifying a published
// report (0.3 s), policy changes with their re-evaluation (tens of seconds, in short
// transactions), inventory imports (a million-row export: about 30 s, in short transactions) and
// their undo (one transaction).
// The work thread (thread.ts) runs them
// on its own connection; run.ts runs them inline where there is no such thread.
import type { Scope, Viewer } from "../access/scope";
import type { Actor } from "../audit/log";
import type { Db } from "../db/client";
import { endpointsCsvChunks, findingsCsvChunks } from "../dashboard/export-rows";
import type { EndpointFilters } from "../dashboard/endpoints-list";
import type { FindingFilters } from "../dashboard/findings-list";
import { type ImportInput, importInventory } from "../import/service";
import { undoImport } from "../import/undo";
import { maintenancePass } from "../maintenance/run";
import { previewPolicyChange } from "../policy/service";
import { setPolicyActive } from "../reevaluation/policy-change";
import { runPendingReevaluationAsync } from "../reevaluation/reevaluate";
import { buildReportData } from "../reports/build";
import { csvWords } from "../i18n/csv-words";
import type { Locale } from "../i18n/locales";
import { agenciesCsv, endpointsCsv } from "../reports/csv";
import { loadReport, loadReportText, publishReport, type PublishInput } from "../reports/publish";
import { previewData } from "../reports/preview";
import { resolveReportScope } from "../reports/scope";
import { lightData, type ReportMeta } from "../reports/store";

export type ReportFileKind = "agencies.csv" | "endpoints.csv" | "data.json";

export const JOBS = {
  "report.draft": (db: Db, a: { viewerScope: Scope; agencyId: number | null; asOf: string }) =>
    // What the preview shows, not the whole data: that crosses to the main thread and is cached there.
    previewData(buildReportData(db, resolveReportScope(db, a.viewerScope, a.agencyId), { asOf: a.asOf, findingRows: false })),

  "report.publish": (db: Db, a: { viewer: Viewer; viewerScope: Scope; actor: Actor; input: PublishInput; now: number }) => {
    const meta = publishReport(db, a.viewer, a.viewerScope, a.actor, a.input, a.now);
    // The document data (without per-endpoint rows) goes back too: the caller's cache keeps it.
    return { meta, data: lightData(db, meta.id) };
  },

  "report.data": (db: Db, a: { id: number }) => lightData(db, a.id),

  "policy.preview": (db: Db, a: { policyId: number; active: boolean }) => previewPolicyChange(db, a.policyId, a.active),

  "policy.setActive": (db: Db, a: { actor: Actor; policyId: number; active: boolean }, signal?: AbortSignal) =>
    setPolicyActive(db, a.actor, { policyId: a.policyId, active: a.active }, { reevaluate: "background", signal }),

  "reevaluate.pending": (db: Db, _a: Record<string, never>, signal?: AbortSignal) => runPendingReevaluationAsync(db, signal),

  maintenance: (db: Db, _a: Record<string, never>, signal?: AbortSignal) => maintenancePass(db, signal),

  /** An inventory import (issue 14): the uploaded file is on disk; parsed, matched and applied here. */
  "import.inventory": (db: Db, a: ImportInput) => importInventory(db, a),

  /** Undoing an import: every endpoint it touched, restored in one transaction. */
  "import.undo": (db: Db, a: { actor: Actor; scope: Scope; id: number }) => undoImport(db, a.actor, a.scope, a.id),
} satisfies Record<string, (db: Db, args: never, signal?: AbortSignal) => unknown>;

/** A stream job: something to say first (the file's metadata), then the bytes, piece by piece. */
export type StreamJob<M> = { meta: M; pieces: Iterator<string | Uint8Array> };

/** Pieces of at most 1 MiB: a 100 MB file crosses between threads and goes out in small parts. */
const PIECE = 1 << 20;
function* pieces(text: string): Generator<Uint8Array> {
  const bytes = Buffer.from(text, "utf8");
  for (let i = 0; i < bytes.length; i += PIECE) yield bytes.subarray(i, i + PIECE);
}

export const STREAMS = {
  /** A published report's CSV or JSON file, from its frozen data (verified against its fingerprint). */
  "report.file": (db: Db, a: { viewerScope: Scope; id: number; kind: ReportFileKind; lang?: Locale }): StreamJob<ReportMeta> => {
    if (a.kind === "data.json") {
      const { meta, json } = loadReportText(db, a.viewerScope, a.id);
      return { meta, pieces: pieces(json) };
    }
    const { meta, data } = loadReport(db, a.viewerScope, a.id, { findingRows: a.kind === "endpoints.csv" });
    const ref = { id: a.id, sha256: meta.sha256 };
    const words = csvWords(a.lang ?? "en");
    return { meta, pieces: pieces(a.kind === "agencies.csv" ? agenciesCsv(data, ref, words) : endpointsCsv(data, ref, words)) };
  },
  "export.endpoints": (db: Db, a: { scope: Scope; filters: EndpointFilters; lang?: Locale }): StreamJob<null> => ({
    meta: null,
    pieces: endpointsCsvChunks(db, a.scope, a.filters, csvWords(a.lang ?? "en")),
  }),
  "export.findings": (db: Db, a: { scope: Scope; filters: FindingFilters; lang?: Locale }): StreamJob<null> => ({
    meta: null,
    pieces: findingsCsvChunks(db, a.scope, a.filters, csvWords(a.lang ?? "en")),
  }),
} satisfies Record<string, (db: Db, args: never) => StreamJob<unknown>>;

export type StreamName = keyof typeof STREAMS;
export type StreamArgs<K extends StreamName> = Parameters<(typeof STREAMS)[K]>[1];
export type StreamMeta<K extends StreamName> = ReturnType<(typeof STREAMS)[K]>["meta"];

export type JobName = keyof typeof JOBS;
export type JobArgs<K extends JobName> = Parameters<(typeof JOBS)[K]>[1];
export type JobResult<K extends JobName> = Awaited<ReturnType<(typeof JOBS)[K]>>;

/** An error as it crosses between threads: enough to rebuild what the caller maps to a status. */
export type WireError = {
  name: string;
  message: string;
  kind?: string;
  key?: string;
  params?: Record<string, string | number>;
  details?: Record<string, unknown>;
  code?: string;
  tampered?: boolean;
  stack?: string;
};
