// CSV files of a published report, generated from its frozen data only (so a download next year is
// byte-identical to today's): UTF-8 with a byte-order mark so Excel reads accents, CRLF line ends,
// snake_case column names that never change, text cells that could be read as a formula
// neutralised, and a last line, starting with "#", naming the report and its fingerprint.
import { unpackRows } from "./evidence";
import { FINDING_CODES, type ReportData, ROW_HEAD } from "./types";

export type Cell = string | number | null;

const BOM = "\uFEFF";
const CRLF = "\r\n";

/** Text starting with one of these is run as a formula by spreadsheet programs. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Separators, quotes, line breaks, or spaces at either end (which some readers would drop). */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV field. Numbers are written as they are; text is defused and quoted when needed. */
export function csvField(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (value === "") return "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvField).join(",") + CRLF;
}

/** A complete file: BOM, header, rows, then the fingerprint line. */
export function csvFile(header: readonly string[], rows: Iterable<readonly Cell[]>, fingerprintLine: string): string {
  const parts: string[] = [BOM, csvLine(header)];
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`row has ${row.length} cells, header ${header.length}`);
    parts.push(csvLine(row));
  }
  parts.push(`# ${fingerprintLine.replace(/[\r\n,]/g, " ")}${CRLF}`);
  return parts.join("");
}

export type ReportRef = { id: number; sha256: string };

export function fingerprintLine(data: ReportData, ref: ReportRef): string {
  const scope = data.scope.kind === "agency" ? data.scope.code : "all agencies";
  return `Muster report ${ref.id} | ${scope} | reporting date ${data.asOf} | SHA-256 of the published data ${ref.sha256}`;
}

const isoSeconds = (s: number | null) => (s === null ? null : new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"));

export const AGENCY_COLUMNS = [
  "agency_code",
  "agency_name",
  "parent_code",
  "level",
  "endpoints",
  "reporting",
  "stale",
  "never_reported",
  "banned",
  "remnants",
  "excepted",
  "unprotected",
  "clean",
  "banned_remaining",
  "removed",
  "percent_complete",
  "banned_remaining_previous_report",
  "deadline",
  "projected_completion",
  "status",
  "unprotected_after_removal",
  "remaining_by_product",
] as const;

/** One row per agency of the report (subtree totals, parents before children). */
export function agenciesCsv(data: ReportData, ref: ReportRef): string {
  const rows = data.agencies.map((a): Cell[] => [
    a.code,
    a.name,
    a.parentCode,
    a.level,
    a.endpoints,
    a.reporting,
    a.stale,
    a.neverReported,
    a.banned,
    a.remnants,
    a.excepted,
    a.unprotected,
    a.clean,
    a.openFindings,
    a.resolvedFindings,
    a.percentComplete,
    a.openFindingsPrevious,
    a.deadline,
    a.projectedDay,
    a.status,
    a.unprotectedAfterRemoval,
    data.products
      .map((p, i) => [p.name, a.byProduct[i] ?? 0] as const)
      .filter(([, n]) => n > 0)
      .map(([name, n]) => `${name}: ${n}`)
      .join("; "),
  ]);
  return csvFile(AGENCY_COLUMNS, rows, fingerprintLine(data, ref));
}

export const ENDPOINT_COLUMNS = [
  "agency_code",
  "agency_name",
  "hostname",
  "device_id",
  "os",
  "last_report_utc",
  "endpoint_state",
  "vendor",
  "product",
  "version",
  "presence",
  "finding_status",
  "first_detected_utc",
  "waiver_justification",
  "waiver_approved_by",
  "waiver_expires",
] as const;

/** One row per banned install (open or excepted), grouped by agency and endpoint. */
export function endpointsCsv(data: ReportData, ref: ReportRef): string {
  const agencyName = new Map(data.agencies.map((a) => [a.code, a.name]));
  const waiver = new Map(data.exceptions.map((w) => [w.waiverId, w]));
  const table = unpackRows(data.findings.rows);
  function* rows(): Generator<Cell[]> {
    for (const row of table) {
      const [agencyCode, hostname, deviceId, os, lastReport, state] = row as [string, string, string, string, number | null, string | null];
      for (let i = ROW_HEAD; i + 4 < row.length; i += 5) {
        const p = data.products[row[i] as number];
        const [presence, status] = FINDING_CODES[row[i + 2] as number]!;
        const waiverId = row[i + 4] as number | null;
        const w = waiverId === null ? undefined : waiver.get(waiverId);
        yield [
          agencyCode,
          agencyName.get(agencyCode) ?? "",
          hostname,
          deviceId,
          os,
          isoSeconds(lastReport),
          state,
          p?.vendorName ?? "",
          p?.name ?? "",
          row[i + 1] as string,
          presence,
          status,
          isoSeconds(row[i + 3] as number),
          w?.justification ?? null,
          w?.approvedBy ?? null,
          w?.expires ?? null,
        ];
      }
    }
  }
  return csvFile(ENDPOINT_COLUMNS, rows(), fingerprintLine(data, ref));
}
