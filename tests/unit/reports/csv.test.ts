import { describe, expect, it } from "vitest";
import { csvField, csvFile } from "~/server/reports/csv";

describe("CSV writer", () => {
  it("starts with a byte-order mark and ends every line with CRLF", () => {
    const text = csvFile(
      ["a", "b"],
      [
        ["x", 1],
        ["y", null],
      ],
      "Muster report 1 | fingerprint abc",
    );
    expect(text.startsWith("\uFEFFa,b\r\n")).toBe(true);
    expect(text).toBe("\uFEFFa,b\r\nx,1\r\ny,\r\n# Muster report 1 | fingerprint abc\r\n");
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("quotes fields with commas, quotes, line breaks or edge spaces", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe("two lines"); // line breaks never reach the file
    expect(csvField("a;b")).toBe('"a;b"'); // the other separator convention
    expect(csvField(" padded")).toBe('" padded"');
    expect(csvField("plain")).toBe("plain");
  });

  it("defuses text a spreadsheet would run as a formula, but not numbers", () => {
    for (const evil of ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"]) {
      const out = csvField(evil);
      expect(out.replace(/^"/, "").startsWith("'")).toBe(true);
    }
    expect(csvField("\tcmd")).toBe('" cmd"');
    expect(csvField("\r=1")).toBe(`" '=1"`);
    expect(csvField("=1,2")).toBe('"\'=1,2"');
    expect(csvField(-12)).toBe("-12");
    expect(csvField("Ministère de l'Intérieur")).toBe("Ministère de l'Intérieur");
  });

  it("keeps the fingerprint line on one line and refuses ragged rows", () => {
    expect(csvFile(["a"], [], "x,\r\ny")).toBe("\uFEFFa\r\n# x   y\r\n");
    expect(() => csvFile(["a", "b"], [["only one"]], "f")).toThrow(/cells/);
  });
});
