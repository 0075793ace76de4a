import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32, zipStream } from "~/server/lib/zip";

/** A minimal reader: the central directory, then each entry's local header and data. */
function entries(buf: Buffer): Map<string, { data: Buffer; crc: number }> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const out = new Map<string, { data: Buffer; crc: number }>();
  let p = buf.readUInt32LE(end + 16);
  for (let i = 0; i < buf.readUInt16LE(end + 10); i++) {
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26);
    out.set(buf.subarray(p + 46, p + 46 + nameLen).toString("utf8"), { data: inflateRawSync(buf.subarray(start, start + size)), crc: buf.readUInt32LE(p + 16) });
    p += 46 + nameLen;
  }
  return out;
}

describe("zip writer", () => {
  it("crc32 is the standard one", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it("streams entries produced one at a time, UTF-8 names, each inflating to what was given", async () => {
    const produced: string[] = [];
    const body = "naïve,café\r\n".repeat(500);
    const stream = zipStream([
      { name: "jus-pol/needs-action-jus-pol-2026-12-03.csv", data: () => (produced.push("csv"), body) },
      { name: "jus-pol/agency-pack.pdf", data: async () => (produced.push("pdf"), new Uint8Array([37, 80, 68, 70])) },
    ]);
    const buf = Buffer.from(await new Response(stream).arrayBuffer());
    expect(produced).toEqual(["csv", "pdf"]);
    const got = entries(buf);
    expect(got.get("jus-pol/needs-action-jus-pol-2026-12-03.csv")!.data.toString("utf8")).toBe(body);
    expect(got.get("jus-pol/needs-action-jus-pol-2026-12-03.csv")!.crc).toBe(crc32(Buffer.from(body, "utf8")));
    expect([...got.get("jus-pol/agency-pack.pdf")!.data]).toEqual([37, 80, 68, 70]);
  });
});
