// CSV for spreadsheets (RFC 4180, CRLF, UTF-8 with BOM), streamed chunk by chunk. Hostnames and
// display names come from endpoints, which are not trusted: every text field goes through csvText
// (no formula cell in either separator convention, hidden characters marked).
import { csvText } from "../lib/csv-text";

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  return csvText(value);
}

export function csvLine(values: CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

export const CSV_BOM = "\uFEFF";

/** The text of the file, a piece per chunk of rows: the BOM and header first, then each chunk's rows. */
export function* csvChunks<T>(header: string[], chunks: Iterator<T[]>, toRow: (item: T) => CsvValue[]): Generator<string, void, undefined> {
  yield CSV_BOM + csvLine(header);
  try {
    for (let next = chunks.next(); !next.done; next = chunks.next()) yield next.value.map((item) => csvLine(toRow(item))).join("");
  } finally {
    chunks.return?.(undefined);
  }
}

/** A byte stream of the pieces an iterator yields, pulled as the client reads. */
export function iteratorStream(pieces: Iterator<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      try {
        const next = pieces.next();
        if (next.done) controller.close();
        else controller.enqueue(typeof next.value === "string" ? encoder.encode(next.value) : next.value);
      } catch (err) {
        controller.error(err);
      }
    },
    cancel() {
      pieces.return?.(undefined);
    },
  });
}

/** A byte stream of the header then every row the chunks yield, pulled as the client reads. */
export function csvStream<T>(header: string[], chunks: Iterator<T[]>, toRow: (item: T) => CsvValue[]): ReadableStream<Uint8Array> {
  return iteratorStream(csvChunks(header, chunks, toRow));
}

/** A timestamp as ISO 8601 UTC, or empty. */
export function isoOrEmpty(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? "" : new Date(ms).toISOString();
}

/** "endpoints-needs-action-jus-pol-2026-11-28.csv": the parts that say what the file holds, then the
 *  day; safe in a Content-Disposition header. */
export function csvFileName(parts: string | (string | undefined)[], now = Date.now(), ext = "csv"): string {
  const words = (Array.isArray(parts) ? parts : [parts]).filter((p): p is string => Boolean(p));
  const slug = words
    .map((w) =>
      w
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, ""),
    )
    .filter(Boolean)
    .join("-");
  return `${slug}-${new Date(now).toISOString().slice(0, 10)}.${ext}`;
}
