// The agency pack: one download for an agency's IT team. Every endpoint that needs action in the
// agency and its sub-agencies (server/findings/needs-action.ts: exactly the endpoints with an open
// finding), with its hostname, last report, the products and versions found, how long each finding
// has been open and the removal steps for each product (from the catalog), plus the waivers in
// force; as CSV and as a printable PDF, in a ZIP whose names say agency and date. Also for every
// agency in scope at once (one folder each).
import "server-only";
import type { RemovalGuide } from "~/agent/shared/catalog";
import { narrowScope, type Scope, type Viewer } from "../access/scope";
import { recordAudit } from "../audit/log";
import type { Db } from "../db/client";
import { guideSteps, type ShownSteps } from "../catalog/removal-steps";
import { csvWords, type CsvWords } from "../i18n/csv-words";
import type { Locale } from "../i18n/locales";
import { needsAction } from "../findings/needs-action";
import { zipStream, type ZipEntry } from "../lib/zip";
import { DAY_MS } from "../lib/time";
import { reportText } from "../reports/i18n";
import { renderHtmlPdf } from "../reports/pdf";
import { productName, removalGuides, vendorName } from "../catalog/names";
import { agencyRef } from "./agency-detail";
import { sumCounters } from "../findings/scope-counters";
import { csvFileName, csvLine, CSV_BOM, isoOrEmpty } from "./csv";
import { packHtml } from "./agency-pack-html";
import { agencyDeadline } from "../findings/progress";
import { agencyCodesInTreeOrder, packOpenFindings, packWaiversInForce } from "./store-agency";

export type PackFinding = { vendor: string; product: string; productName: string; version: string; presence: string; firstDetectedAt: number; daysOpen: number };
export type PackEndpoint = { hostname: string; deviceId: string; agencyCode: string; state: string; os: string; platform: string; lastReportAt: number | null; findings: PackFinding[] };
export type PackWaiver = { hostname: string; agencyCode: string; product: string; justification: string; controls: string; approvedBy: string; expiresAt: number };
export type PackGuide = { product: string; productName: string; platform: string; steps: readonly string[] | null };
export type PackData = {
  agency: { code: string; name: string };
  deadline: string | null;
  generatedAt: number;
  counts: ReturnType<typeof needsAction>;
  endpoints: PackEndpoint[];
  waivers: PackWaiver[];
  /** Removal guides per product and platform that occur in the list: the catalog's steps (English;
   *  null: the catalog has no guide), shown in a file's language by packGuideSteps. */
  guides: PackGuide[];
};

/** Rows listed in the PDF at most (the CSV always lists all). */
export const PACK_PDF_ROWS = 1500;

export function getPackData(db: Db, scope: Scope, code: string, now = Date.now()): PackData {
  const agency = agencyRef(db, scope, code);
  const ids = (narrowScope(db, scope, agency.id) as { ids: number[] }).ids;
  const rows = packOpenFindings(db, ids);
  const endpoints: (PackEndpoint & { id: number })[] = [];
  const guides = new Map<string, PackData["guides"][number]>();
  let last: (PackEndpoint & { id: number }) | null = null;
  for (const r of rows) {
    if (!last || last.id !== r.id) {
      last = { id: r.id, hostname: r.hostname, deviceId: r.deviceId, agencyCode: r.agencyCode, state: r.state, os: r.os, platform: r.platform, lastReportAt: r.lastReportAt, findings: [] };
      endpoints.push(last);
    }
    last.findings.push({
      vendor: r.vendor,
      product: r.product,
      productName: productName(r.product),
      version: r.version,
      presence: r.presence,
      firstDetectedAt: r.firstDetectedAt,
      daysOpen: Math.max(0, Math.floor((now - r.firstDetectedAt) / DAY_MS)),
    });
    const key = `${r.product}|${r.platform}`;
    if (!guides.has(key)) guides.set(key, { product: r.product, productName: productName(r.product), platform: r.platform, steps: catalogSteps(r.product, r.platform) });
  }
  const waivers = packWaiversInForce(db, ids, now).map((w) => ({ ...w, product: productName(w.product) }));
  return {
    agency: { code: agency.code, name: agency.name },
    deadline: agencyDeadline(db, agency.id),
    generatedAt: now,
    counts: needsAction(sumCounters(db, ids)),
    endpoints: endpoints.map(({ id: _id, ...e }) => e as PackEndpoint),
    waivers,
    guides: [...guides.values()].sort((a, b) => a.productName.localeCompare(b.productName) || a.platform.localeCompare(b.platform)),
  };
}

function catalogSteps(product: string, platform: string): readonly string[] | null {
  const g: RemovalGuide | undefined = removalGuides(product).find((x) => x.platform === platform);
  return g?.steps ?? null;
}

/** A guide's steps in the file's language (the catalog's English where untranslated), or the note
 *  that the catalog has none. */
export function packGuideSteps(g: PackGuide, words: CsvWords): ShownSteps {
  if (!g.steps) return { steps: [words.text("noGuide", { platform: g.platform, vendor: vendorName(g.product.split("-")[0] ?? "") })], lang: words.locale };
  return guideSteps(g.steps, words.locale);
}

export const PACK_COLUMNS = [
  "agency_code",
  "hostname",
  "device_id",
  "endpoint_state",
  "os",
  "last_report_utc",
  "vendor",
  "product",
  "version",
  "presence",
  "first_detected_utc",
  "days_open",
  "removal_steps",
];

export function packCsv(p: PackData, words: CsvWords = csvWords("en")): string {
  const steps = new Map(p.guides.map((g) => [`${g.product}|${g.platform}`, packGuideSteps(g, words).steps.join(" | ")]));
  const lines = [CSV_BOM + csvLine(PACK_COLUMNS)];
  for (const e of p.endpoints) {
    for (const f of e.findings) {
      lines.push(
        csvLine([
          e.agencyCode,
          e.hostname,
          e.deviceId,
          words.word("state", e.state),
          e.os,
          isoOrEmpty(e.lastReportAt),
          vendorName(f.vendor),
          f.productName,
          f.version,
          words.word("presence", f.presence),
          isoOrEmpty(f.firstDetectedAt),
          f.daysOpen,
          steps.get(`${f.product}|${e.platform}`) ?? "",
        ]),
      );
    }
  }
  return lines.join("");
}

export function waiversCsv(p: PackData): string {
  const lines = [CSV_BOM + csvLine(["agency_code", "hostname", "product", "justification", "compensating_controls", "approved_by", "expires_utc"])];
  for (const w of p.waivers) lines.push(csvLine([w.agencyCode, w.hostname, w.product, w.justification, w.controls, w.approvedBy, isoOrEmpty(w.expiresAt)]));
  return lines.join("");
}

/** The languages of a pack: its PDF's, and the words in its CSV files (English: the machine words). */
export type PackLanguages = { pdf: Locale; csv: Locale };

/** The files of one agency's pack, each produced when the ZIP writer asks for it. */
function packEntries(db: Db, scope: Scope, code: string, folder: string, now: number, langs: PackLanguages): ZipEntry[] {
  let data: PackData | null = null;
  const words = csvWords(langs.csv);
  const get = () => (data ??= getPackData(db, scope, code, now));
  const slug = code.toLowerCase();
  const csvLang = langs.csv === "en" ? undefined : langs.csv;
  const pdfLang = langs.pdf === "en" ? undefined : langs.pdf;
  return [
    { name: `${folder}${csvFileName(["needs-action", slug, csvLang], now)}`, data: () => packCsv(get(), words) },
    { name: `${folder}${csvFileName(["waivers-in-force", slug], now)}`, data: () => waiversCsv(get()) },
    {
      name: `${folder}${csvFileName(["agency-pack", slug, pdfLang], now, "pdf")}`,
      data: async () => {
        const p = get();
        const rt = reportText(langs.pdf);
        const heading = rt.t("reports.pack.heading", { name: p.agency.name, code: p.agency.code });
        const footer = rt.t("reports.pack.footer", { time: new Date(now).toISOString().slice(0, 16).replace("T", " ") });
        return renderHtmlPdf(packHtml(p, PACK_PDF_ROWS, rt), { heading, footer, locale: langs.pdf });
      },
    },
  ];
}

const zipHeaders = (name: string) => ({ "content-type": "application/zip", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store", "x-content-type-options": "nosniff" });

/** One agency's pack (code given) or every agency's in scope, as a streamed ZIP; audited. */
export function packResponse(db: Db, viewer: Viewer, scope: Scope, code: string | null, ip: string | null, langs: PackLanguages, now = Date.now()): Response {
  if (code !== null) agencyRef(db, scope, code); // 404 before anything streams
  const codes = code !== null ? [code.toUpperCase()] : agencyCodesInTreeOrder(db, scope.kind === "all" ? null : scope.ids);
  recordAudit(db, { userId: viewer.id, label: viewer.email, ip }, { action: "agency.pack", objectType: "agency", objectId: code ?? "all", details: { agencies: codes.length } });
  const entries = codes.flatMap((c) => packEntries(db, scope, c, code !== null ? "" : `${c.toLowerCase()}/`, now, langs));
  const name = csvFileName(code !== null ? ["agency-pack", code] : ["agency-packs", "all-agencies"], now, "zip");
  return new Response(zipStream(entries, new Date(now)), { headers: zipHeaders(name) });
}
