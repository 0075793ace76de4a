// CSV files of a published report, generated from its frozen data only (so a download next year is
// byte-identical to today's): UTF-8 with a byte-order mark so Excel reads accents, CRLF line ends,
// snake_case column names that never change, text cells neutralised for both separator conventions
// (csvText), and a last line, starting with "#", naming the report and its fingerprint. Values that
// are words (status, state, presence) are the machine words, or another language's (csv-words.ts).
import { csvWords, type CsvWords } from "../i18n/csv-words";
import { csvText } from "../lib/csv-text";
import { unpackRows } from "./evidence";
import { FINDING_CODES, type ReportData, ROW_HEAD } from "./types";

export type Cell = string | number | null;

const BOM = "\uFEFF";
const CRLF = "\r\n";

/** One CSV field. Numbers are written as they are; text is defused and quoted when needed. */
export function csvField(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (value === "") return "";
  return csvText(value);
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

const MACHINE_WORDS = csvWords("en");

export function fingerprintLine(data: ReportData, ref: ReportRef, words: CsvWords = MACHINE_WORDS): string {
  const scope = data.scope.kind === "agency" ? data.scope.code : words.text("allAgencies");
  return words.text("trailer", { id: ref.id, scope, day: data.asOf, sha256: ref.sha256 });
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
  "needs_action",
  "stale_last_seen_banned",
] as const;

/** One row per agency of the report (subtree totals, parents before children). */
export function agenciesCsv(data: ReportData, ref: ReportRef, words: CsvWords = MACHINE_WORDS): string {
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
    words.word("reportStatus", a.status),
    a.unprotectedAfterRemoval,
    data.products
      .map((p, i) => [p.name, a.byProduct[i] ?? 0] as const)
      .filter(([, n]) => n > 0)
      .map(([name, n]) => `${name}: ${n}`)
      .join("; "),
    // Needs action (server/findings/needs-action.ts); reports frozen before the stale part existed count it as 0.
    a.banned + a.remnants + (a.staleBanned ?? 0),
    a.staleBanned ?? 0,
  ]);
  return csvFile(AGENCY_COLUMNS, rows, fingerprintLine(data, ref, words));
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
export function endpointsCsv(data: ReportData, ref: ReportRef, words: CsvWords = MACHINE_WORDS): string {
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
          state === null ? null : words.word("state", state),
          p?.vendorName ?? "",
          p?.name ?? "",
          row[i + 1] as string,
          words.word("presence", presence),
          words.word("findingStatus", status),
          isoSeconds(row[i + 3] as number),
          w?.justification ?? null,
          w?.approvedBy ?? null,
          w?.expires ?? null,
        ];
      }
    }
  }
  return csvFile(ENDPOINT_COLUMNS, rows(), fingerprintLine(data, ref, words));
}
