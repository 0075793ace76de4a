// The download routes' logic (PDF, the two CSV files, the frozen JSON): check the session and
// the viewer's scope exactly as the procedures do, then serve a file generated from the frozen
// data only. Errors come back as a short plain-text message with the right status, never a stack,
// in the viewer's language. `?lang=nl` chooses the PDF's language (default: the viewer's) and the
// CSV files' words (default: the machine words); the fingerprint is the data's, whatever the language.
// The files are generated as jobs (reports.ts), hence work/.
import "server-only";
import { createHash } from "node:crypto";
import { scopeFor } from "../access/scope";
import { getViewer } from "../auth/session";
import { ensureAuthSecret } from "../auth/secret";
import { type Db, getDb } from "../db/client";
import { requestLocale } from "../auth/locale";
import { LOCALE_NAMES, LOCALES, type Locale } from "../i18n/locales";
import { MusterError } from "../lib/errors";
import { log } from "../ops/log";
import { reportFile, warmReportData } from "./reports";
import { parseLang, reportText, reportTitleIn } from "../reports/i18n";
import { renderReportPdf } from "../reports/pdf";
import { getReportMeta, type ReportMeta, TamperedReportError } from "../reports/publish";
import { mintRenderToken } from "../reports/render-token";
import { signReportPdf } from "../reports/sign";
import { registerReportFile, registerReportFileHash } from "../reports/verify";
import { config } from "../config";

export type DownloadKind = "pdf" | "agencies.csv" | "endpoints.csv" | "data.json";

const TYPES: Record<DownloadKind, string> = {
  pdf: "application/pdf",
  "agencies.csv": "text/csv; charset=utf-8",
  "endpoints.csv": "text/csv; charset=utf-8",
  "data.json": "application/json; charset=utf-8",
};

export function downloadName(meta: Pick<ReportMeta, "id" | "scopeCode" | "asOf">, kind: DownloadKind, lang: Locale = "en"): string {
  const scope = (meta.scopeCode ?? "all").toLowerCase().replace(/[^a-z0-9-]+/g, "-");
  const l = lang === "en" || kind === "data.json" ? "" : `-${lang}`;
  const suffix = kind === "pdf" ? `${l}.pdf` : `-${kind.replace(/\.csv$/, `${l}.csv`)}`;
  return `muster-report-${meta.id}-${scope}-${meta.asOf}${suffix}`;
}

/** The kind under which /verify knows a file served in a language other than English ("pdf:nl"). */
export const fileKind = (kind: DownloadKind, lang: Locale) => (lang === "en" || kind === "data.json" ? kind : `${kind}:${lang}`);

function text(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

function registered(db: Db, id: number, kind: string, bytes: Uint8Array): Uint8Array {
  try {
    registerReportFile(db, id, kind, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    // The download still goes out; only /verify will not know this copy.
    log.error({ err, report: id, kind }, "could not record a report file's fingerprint");
  }
  return bytes;
}

function hashedAsSent(db: Db, id: number, kind: string, body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const hash = createHash("sha256");
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        hash.update(chunk);
        controller.enqueue(chunk);
      },
      flush() {
        try {
          registerReportFileHash(db, id, kind, hash.digest("hex"));
        } catch (err) {
          log.error({ err, report: id, kind }, "could not record a report file's fingerprint");
        }
      },
    }),
  );
}

/** A refusal in the viewer's words where the catalog has them (scope, not found, a bad language). */
function refusal(e: MusterError, viewerLocale: Locale, rawLang: string | null): string {
  const { t } = reportText(viewerLocale);
  if (e.kind === "NOT_FOUND") return t("reports.download.notFound");
  if (e.kind === "FORBIDDEN") return t("reports.download.forbidden");
  if (e.kind === "BAD_REQUEST" && e.details?.fieldErrors && "lang" in (e.details.fieldErrors as object)) {
    return t("reports.download.badLang", { value: (rawLang ?? "").slice(0, 20), choices: LOCALES.join(", ") });
  }
  return e.message;
}

export async function serveDownload(req: Request, rawId: string, kind: DownloadKind): Promise<Response> {
  const viewerLocale = await requestLocale();
  const rawLang = new URL(req.url).searchParams.get("lang");
  const { t } = reportText(viewerLocale);
  try {
    const id = Number(rawId);
    if (!/^\d{1,12}$/.test(rawId) || !Number.isSafeInteger(id)) return text(404, t("reports.download.notFound"));
    const viewer = await getViewer();
    if (!viewer) return text(401, t("reports.download.signIn"));
    const lang = parseLang(rawLang, kind === "pdf" ? viewerLocale : "en");
    const db = getDb();
    const scope = scopeFor(db, viewer);
    let body: Uint8Array | ReadableStream<Uint8Array>;
    let meta: ReportMeta;
    if (kind === "pdf") {
      meta = getReportMeta(db, scope, id);
      // The print page reads the document data from this process's cache: filled off the event loop.
      await warmReportData(db, scope, id);
      const token = mintRenderToken(ensureAuthSecret(), id);
      const rt = reportText(lang);
      const pdf = await renderReportPdf({ reportId: id, token, sha256: meta.sha256, heading: reportTitleIn(rt, meta), locale: lang });
      const reason = rt.t("report.pdf.signReason", { id, sha256: meta.sha256, language: LOCALE_NAMES[lang] });
      const signed = await signReportPdf(pdf, { reason, location: config.publicUrl });
      body = new Uint8Array(signed ?? pdf);
    } else {
      // Generated (and the frozen data verified) on the work thread and sent in pieces: the
      // endpoints CSV of a national report is over 100 MB.
      ({ meta, body } = await reportFile(db, scope, id, kind, lang));
    }
    // Every file served is fingerprinted, so /verify can say Muster published it: the PDF at once,
    // the CSV files as they stream out (the frozen JSON is verified by the report's own SHA-256).
    const served = fileKind(kind, lang);
    if (kind !== "data.json") body = body instanceof Uint8Array ? registered(db, id, served, body) : hashedAsSent(db, id, served, body);
    return new Response(body as Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>, {
      status: 200,
      headers: {
        "content-type": TYPES[kind],
        "content-disposition": `attachment; filename="${downloadName(meta, kind, lang)}"`,
        "content-language": kind === "data.json" ? "en" : lang,
        "cache-control": "private, no-store",
        "x-report-sha256": meta.sha256,
      },
    });
  } catch (err) {
    if (err instanceof MusterError || (err as Error | undefined)?.name === "MusterError") {
      const e = err as MusterError;
      return text(e.status, refusal(e, viewerLocale, rawLang));
    }
    if (err instanceof TamperedReportError) return text(500, err.message);
    log.error({ err, report: rawId, kind }, "report download failed");
    return text(500, t("reports.download.failed"));
  }
}
