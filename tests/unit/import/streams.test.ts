// The streaming readers under the parsers: whatever the chunk boundaries, the same records and
// elements come out, with the lines they start on; broken input is named precisely.
import { saidText } from "~/server/i18n/errors";
import { say } from "~/server/import/texts";
import { describe, expect, it } from "vitest";
import { classifyEntry } from "~/server/catalog/software";
import { csvRecords, detectDelimiter } from "~/server/import/sources/csv";
import { cpeDisplayName } from "~/server/import/sources/defender";
import { jsonElements } from "~/server/import/sources/json-stream";
import { decodeText } from "~/server/import/sources/text-stream";

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
async function* chunks(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
const SIZES = [1, 2, 3, 5, 7, 64, 100_000];

describe("csvRecords", () => {
  const text = 'Name,Publisher,Version\r\n"Adobe Acrobat, Reader","Adobe Systems, Inc.",24.1\r\n"Say ""hi""",Me,\r\n"Two\r\nlines",X,1\r\nplain,row,2';
  const expected = [
    { line: 1, fields: ["Name", "Publisher", "Version"] },
    { line: 2, fields: ["Adobe Acrobat, Reader", "Adobe Systems, Inc.", "24.1"] },
    { line: 3, fields: ['Say "hi"', "Me", ""] },
    { line: 4, fields: ["Two\r\nlines", "X", "1"] },
    { line: 6, fields: ["plain", "row", "2"] },
  ];
  it.each(SIZES)("reads quoted delimiters, doubled quotes, line breaks in quotes and CRLF in chunks of %i", async (size) => {
    expect(await collect(csvRecords(chunks(text, size)))).toEqual(expected);
  });
  it("takes the delimiter of the header line (semicolons as localised Excel writes them)", async () => {
    expect(detectDelimiter('a;b;"c;d"')).toBe(";");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(await collect(csvRecords(chunks("A;B\n1,5;x\n", 3)))).toEqual([
      { line: 1, fields: ["A", "B"] },
      { line: 2, fields: ["1,5", "x"] },
    ]);
  });
  it("names the line of an unclosed quote", async () => {
    expect((await collect(csvRecords(chunks('A,B\n1,2\n"open,3\n4,5\n', 4)))).at(-1)).toEqual({ line: 3, error: say("unclosedQuote") });
    const long = (await collect(csvRecords(chunks(`A\n"${"x".repeat(300)}`, 50), 100))).at(-1)!;
    expect(long.line).toBe(2);
    expect("error" in long && saidText(long.error)).toContain("longer than 100 characters");
  });
});

describe("jsonElements", () => {
  const pages = '{"@odata.context":"x","value":[{"a":"}{][","n":1},\n{"a":"say \\"]\\"","n":2}],"@odata.nextLink":"next"}\n{"value":[\n{"n":3}]}';
  it.each(SIZES)("reads the elements of each page and the other members, in chunks of %i", async (size) => {
    const items = await collect(jsonElements(chunks(pages, size), ["value"]));
    expect(items).toEqual([
      { kind: "meta", line: 1, key: "@odata.context", value: "x" },
      { kind: "element", line: 1, key: "value", value: { a: "}{][", n: 1 } },
      { kind: "element", line: 2, key: "value", value: { a: 'say "]"', n: 2 } },
      { kind: "meta", line: 2, key: "@odata.nextLink", value: "next" },
      { kind: "element", line: 4, key: "value", value: { n: 3 } },
    ]);
  });
  it("reads a top-level array, and says where a truncated or broken file fails", async () => {
    expect(await collect(jsonElements(chunks('[{"x":1}, 2, "s"]', 2), []))).toEqual([
      { kind: "element", line: 1, key: null, value: { x: 1 } },
      { kind: "element", line: 1, key: null, value: 2 },
      { kind: "element", line: 1, key: null, value: "s" },
    ]);
    expect((await collect(jsonElements(chunks('[\n{"x":1},\n{"x":', 3), []))).at(-1)).toMatchObject({ kind: "error", line: 3, text: say("jsonEndsInside") });
    expect((await collect(jsonElements(chunks('[{"x":1} {"y":2}]', 3), []))).at(-1)).toMatchObject({ kind: "error", text: say("jsonArrayComma", { found: "{" }) });
    expect((await collect(jsonElements(chunks("hello", 3), []))).at(-1)).toMatchObject({ kind: "error", line: 1, text: say("jsonArrayOrObject", { found: "h" }) });
  });
});

describe("decodeText", () => {
  it("honours a UTF-16 byte order mark and falls back to Windows-1252 when the start is not UTF-8", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Name\r\nKasperský", "utf16le")]);
    expect((await collect(decodeText([utf16.subarray(0, 5), utf16.subarray(5)]))).join("")).toBe("Name\r\nKasperský");
    const latin = Buffer.from("Name\nCaf\u00e9 au lait\n", "latin1"); // as Windows-1252 writes it
    const info: { encoding?: string } = {};
    expect((await collect(decodeText([latin], info))).join("")).toBe("Name\nCafé au lait\n");
    expect(info.encoding).toBe("windows-1252");
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Ä,b")]);
    expect((await collect(decodeText([bom.subarray(0, 2), bom.subarray(2)]))).join("")).toBe("Ä,b");
  });
});

describe("Defender's CPE-style names", () => {
  it("become display names the catalog recognises: Kaspersky in Defender form is found", () => {
    expect(cpeDisplayName("kaspersky_lab", "endpoint_security")).toEqual({ name: "kaspersky endpoint security", publisher: "kaspersky lab" });
    const classify = (vendor: string, product: string) => {
      const d = cpeDisplayName(vendor, product);
      return classifyEntry({ source: "windows-uninstall", name: d.name, publisher: d.publisher, version: "11.11.0.452" }).product;
    };
    expect(classify("kaspersky_lab", "endpoint_security")).toBe("kaspersky-endpoint-security");
    expect(classify("kaspersky_lab", "kaspersky_security_for_windows_server")).toBe("kaspersky-windows-server");
    expect(classify("kaspersky_lab", "security_center_network_agent")).toBe("kaspersky-network-agent");
    expect(classify("kaspersky_lab", "small_office_security")).toBe("kaspersky-small-office-security");
    expect(classify("google", "chrome")).toBeNull();
  });
});
