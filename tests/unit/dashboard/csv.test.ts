import { describe, expect, it } from "vitest";
import { csvCell, csvFileName, csvLine, csvStream } from "~/server/dashboard/csv";

describe("CSV cells", () => {
  it("quotes separators, quotes and line breaks", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe("two lines"); // line breaks never reach the file
    expect(csvCell("cr\rhere")).toBe("cr here");
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(true)).toBe("true");
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvCell("+1+2")).toBe("'+1+2");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe('" cmd"');
    expect(csvCell("\r=1")).toBe(`" '=1"`);
    expect(csvCell("ws-=01")).toBe("ws-=01");
    expect(csvCell("=cmd|' /C calc'!A0,x")).toBe("\"'=cmd|' /C calc'!A0,x\"");
  });

  it("ends lines with CRLF", () => {
    expect(csvLine(["a", 1, null, "b,c"])).toBe('a,1,,"b,c"\r\n');
  });

  it("names files by what and day", () => {
    expect(csvFileName("endpoints", Date.parse("2026-11-28T10:00:00Z"))).toBe("endpoints-2026-11-28.csv");
    expect(csvFileName('x"; rm -rf', 0)).toBe("x-rm-rf-1970-01-01.csv");
    expect(csvFileName(["endpoints", "needs-action", undefined, "JUS-POL"], Date.parse("2026-11-28T10:00:00Z"))).toBe("endpoints-needs-action-jus-pol-2026-11-28.csv");
  });
});

describe("csvStream", () => {
  it("streams a BOM, the header and every chunk's rows", async () => {
    function* chunks() {
      yield [{ h: "a" }, { h: "=b" }];
      yield [{ h: "c,d" }];
    }
    const stream = csvStream(["hostname"], chunks(), (r) => [r.h]);
    const bytes = Buffer.from(await new Response(stream).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).toBe('hostname\r\na\r\n\'=b\r\n"c,d"\r\n');
  });
});
