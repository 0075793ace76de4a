// CSV for spreadsheets (RFC 4180, CRLF, UTF-8 with BOM), streamed chunk by chunk. Cells that a
// spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) are prefixed with an
// apostrophe: hostnames and display names come from endpoints, which are not trusted.

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let s = value;
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

export const CSV_BOM = "\uFEFF";

/** A byte stream of the header then every row the chunks yield, pulled as the client reads. */
export function csvStream<T>(header: string[], chunks: Iterator<T[]>, toRow: (item: T) => CsvValue[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(CSV_BOM + csvLine(header)));
          return;
        }
        const next = chunks.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map((item) => csvLine(toRow(item))).join("")));
      } catch (err) {
        controller.error(err);
      }
    },
    cancel() {
      chunks.return?.(undefined);
    },
  });
}

/** A timestamp as ISO 8601 UTC, or empty. */
export function isoOrEmpty(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? "" : new Date(ms).toISOString();
}

/** "endpoints-2026-11-28.csv" style file name, safe in a Content-Disposition header. */
export function csvFileName(what: string, now = Date.now()): string {
  return `${what.replace(/[^a-z0-9-]/gi, "")}-${new Date(now).toISOString().slice(0, 10)}.csv`;
}
