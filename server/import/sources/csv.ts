// A streaming CSV reader for exported inventories: RFC 4180 quoting (quoted delimiters, doubled
// quotes, line breaks inside quotes), CRLF or LF, and the delimiter of the header line (",", ";" as
// localised Excel writes it, or a tab). Each record carries the line it starts on.
import type { Said } from "~/server/i18n/said";
import { say } from "../texts";

export type CsvRecord = { line: number; fields: string[] } | { line: number; error: Said };

const DELIMITERS = [",", ";", "\t"] as const;

/** The delimiter of a header line: the candidate that occurs most often outside quotes. */
export function detectDelimiter(header: string): string {
  let best: string = ",";
  let bestCount = 0;
  for (const d of DELIMITERS) {
    let n = 0;
    let quoted = false;
    for (const ch of header) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) n++;
    }
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** The fields of the first line of a text (the header), without quotes, trimmed. */
export function headerFields(head: string): string[] {
  const first = head.split(/\r?\n/, 1)[0] ?? "";
  const d = detectDelimiter(first);
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < first.length; i++) {
    const ch = first[i]!;
    if (quoted) {
      if (ch === '"' && first[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === d) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/**
 * Records of a CSV text stream. A record longer than `maxRecord` characters (an unclosed quote,
 * or not a CSV at all) ends the stream with an error on the line it started.
 */
export async function* csvRecords(text: AsyncIterable<string>, maxRecord = 1 << 20): AsyncGenerator<CsvRecord> {
  let delimiter: string | null = null;
  let buf = "";
  let line = 1; // line of buf[0]
  for await (const chunk of text) {
    buf = buf ? buf + chunk : chunk;
    if (delimiter === null) {
      const nl = buf.indexOf("\n");
      if (nl < 0 && buf.length < maxRecord) continue;
      delimiter = detectDelimiter(nl < 0 ? buf : buf.slice(0, nl));
    }
    let pos = 0;
    for (;;) {
      const r = parseRecord(buf, pos, delimiter, false);
      if (!r) break;
      yield { line, fields: r.fields };
      line += r.lines;
      pos = r.end;
    }
    buf = buf.slice(pos);
    if (buf.length > maxRecord) {
      yield { line, error: say("recordTooLong", { max: maxRecord }) };
      return;
    }
  }
  if (delimiter === null) delimiter = detectDelimiter(buf);
  let pos = 0;
  while (pos < buf.length) {
    const r = parseRecord(buf, pos, delimiter, true);
    if (!r) {
      yield { line, error: say("unclosedQuote") };
      return;
    }
    yield { line, fields: r.fields };
    line += r.lines;
    pos = r.end;
  }
}

/** One record from `pos`: its fields, where the next starts and how many line breaks it spans.
 *  null when the record is not complete in `s` (unless `final`: then the end of `s` ends it). */
function parseRecord(s: string, pos: number, d: string, final: boolean): { fields: string[]; end: number; lines: number } | null {
  const nl = s.indexOf("\n", pos);
  if (nl < 0 && !final) return null;
  const stop = nl < 0 ? s.length : nl;
  // Fast path: no quote before the line break.
  const q = s.indexOf('"', pos);
  if (q < 0 || q > stop) {
    let lineText = s.slice(pos, stop);
    if (lineText.endsWith("\r")) lineText = lineText.slice(0, -1);
    return { fields: lineText.split(d), end: nl < 0 ? s.length : nl + 1, lines: 1 };
  }
  // Quoted fields: jump from quote to quote and from delimiter to delimiter (slices, not characters).
  const fields: string[] = [];
  let i = pos;
  let lines = 0;
  for (;;) {
    if (s.charCodeAt(i) === 0x22) {
      let cur = "";
      let from = i + 1;
      for (;;) {
        const q = s.indexOf('"', from);
        if (q < 0) return null; // the quoted field goes on in the next chunk (or never closes)
        cur += s.slice(from, q);
        if (s.charCodeAt(q + 1) === 0x22) {
          cur += '"';
          from = q + 2;
          continue;
        }
        if (q + 1 >= s.length && !final) return null; // a doubled quote may be cut by the chunk
        i = q + 1;
        break;
      }
      for (let k = cur.indexOf("\n"); k >= 0; k = cur.indexOf("\n", k + 1)) lines++;
      // Anything between the closing quote and the delimiter is kept (lenient, as spreadsheets are).
      const end = nextStop(s, i, d);
      if (end < 0) {
        if (!final) return null;
        fields.push(cur + s.slice(i));
        return { fields, end: s.length, lines: lines + 1 };
      }
      fields.push(cur + s.slice(i, end).replace(/\r$/, ""));
      i = end;
    } else {
      const end = nextStop(s, i, d);
      if (end < 0) {
        if (!final) return null;
        fields.push(s.slice(i).replace(/\r$/, ""));
        return { fields, end: s.length, lines: lines + 1 };
      }
      fields.push(s.slice(i, end).replace(/\r$/, ""));
      i = end;
    }
    if (s[i] === d) {
      i++;
      continue;
    }
    // A line break ends the record.
    return { fields, end: i + 1, lines: lines + 1 };
  }
}

/** The next delimiter or line feed from `i`, or -1. */
function nextStop(s: string, i: number, d: string): number {
  const a = s.indexOf(d, i);
  const b = s.indexOf("\n", i);
  if (a < 0) return b;
  if (b < 0) return a;
  return a < b ? a : b;
}
