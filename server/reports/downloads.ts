// The download routes' logic (PDF, the two CSV files, the frozen JSON): check the session and
// the viewer's scope exactly as the procedures do, then serve a file generated from the frozen
// data only. Errors come back as a short plain-text message with the right status, never a stack.
import "server-only";
import { scopeFor } from "../access/scope";
import { getViewer } from "../auth/session";
import { ensureAuthSecret } from "../auth/secret";
import { getDb } from "../db/client";
import { MusterError } from "../lib/errors";
import { agenciesCsv, endpointsCsv } from "./csv";
import { renderReportPdf } from "./pdf";
import { getReportMeta, loadReport, loadReportText, type ReportMeta, TamperedReportError } from "./publish";
import { mintRenderToken } from "./render-token";

export type DownloadKind = "pdf" | "agencies.csv" | "endpoints.csv" | "data.json";

const TYPES: Record<DownloadKind, string> = {
  pdf: "application/pdf",
  "agencies.csv": "text/csv; charset=utf-8",
  "endpoints.csv": "text/csv; charset=utf-8",
  "data.json": "application/json; charset=utf-8",
};

export function downloadName(meta: Pick<ReportMeta, "id" | "scopeCode" | "asOf">, kind: DownloadKind): string {
  const scope = (meta.scopeCode ?? "all").toLowerCase().replace(/[^a-z0-9-]+/g, "-");
  const suffix = kind === "pdf" ? ".pdf" : `-${kind}`;
  return `muster-report-${meta.id}-${scope}-${meta.asOf}${suffix}`;
}

function text(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

export async function serveDownload(rawId: string, kind: DownloadKind): Promise<Response> {
  try {
    const id = Number(rawId);
    if (!/^\d{1,12}$/.test(rawId) || !Number.isSafeInteger(id)) return text(404, "Report not found");
    const viewer = await getViewer();
    if (!viewer) return text(401, "Sign in first");
    const db = getDb();
    const scope = scopeFor(db, viewer);
    let body: string | Buffer;
    let meta: ReportMeta;
    if (kind === "pdf") {
      meta = getReportMeta(db, scope, id);
      const token = mintRenderToken(ensureAuthSecret(), id);
      body = await renderReportPdf({ reportId: id, token, sha256: meta.sha256, heading: meta.title });
    } else if (kind === "data.json") {
      const report = loadReportText(db, scope, id);
      meta = report.meta;
      body = report.json;
    } else {
      const report = loadReport(db, scope, id, { findingRows: kind === "endpoints.csv" });
      meta = report.meta;
      const ref = { id, sha256: meta.sha256 };
      body = kind === "agencies.csv" ? agenciesCsv(report.data, ref) : endpointsCsv(report.data, ref);
    }
    return new Response(new Uint8Array(typeof body === "string" ? Buffer.from(body, "utf8") : body), {
      status: 200,
      headers: {
        "content-type": TYPES[kind],
        "content-disposition": `attachment; filename="${downloadName(meta, kind)}"`,
        "cache-control": "private, no-store",
        "x-report-sha256": meta.sha256,
      },
    });
  } catch (err) {
    if (err instanceof MusterError || (err as Error | undefined)?.name === "MusterError") {
      const e = err as MusterError;
      return text(e.status, e.message);
    }
    if (err instanceof TamperedReportError) return text(500, err.message);
    console.error(`report ${rawId} ${kind}:`, err);
    return text(500, "The report could not be generated. The error was logged on the server.");
  }
}
