// A small ZIP writer (PKWARE APPNOTE 6.3: local headers, deflated entries, central directory),
// streamed entry by entry: each entry's bytes are produced, deflated and sent before the next one
// is asked for, so a pack of many agencies never sits in memory whole. No ZIP64: entries and the
// archive stay under 4 GiB (an agency's CSV and PDF are megabytes).
import { deflateRawSync } from "node:zlib";

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** DOS date and time of `d` (local fields of UTC, as most tools show them). */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export type ZipEntry = { name: string; data: () => Promise<Uint8Array | string> | Uint8Array | string };

/** The archive of `entries` (produced lazily, in order) as a byte stream. */
export function zipStream(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>, modified = new Date()): ReadableStream<Uint8Array> {
  const { time, date } = dosTime(modified);
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  const it = (Symbol.asyncIterator in entries ? (entries as AsyncIterable<ZipEntry>)[Symbol.asyncIterator]() : (entries as Iterable<ZipEntry>)[Symbol.iterator]()) as
    | AsyncIterator<ZipEntry>
    | Iterator<ZipEntry>;
  let finished = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (finished) return controller.close();
        const next = await it.next();
        if (next.done) {
          const dir = Buffer.concat(central);
          const end = Buffer.alloc(22);
          end.writeUInt32LE(0x06054b50, 0);
          end.writeUInt16LE(count, 8);
          end.writeUInt16LE(count, 10);
          end.writeUInt32LE(dir.length, 12);
          end.writeUInt32LE(offset, 16);
          controller.enqueue(new Uint8Array(Buffer.concat([dir, end])));
          finished = true;
          return;
        }
        const { name } = next.value;
        const raw = await next.value.data();
        const bytes = typeof raw === "string" ? Buffer.from(raw, "utf8") : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
        const packed = deflateRawSync(bytes, { level: 6 });
        const fileName = Buffer.from(name, "utf8");
        const crc = crc32(bytes);
        const header = Buffer.alloc(30);
        header.writeUInt32LE(0x04034b50, 0);
        header.writeUInt16LE(20, 4); // version needed
        header.writeUInt16LE(0x0800, 6); // UTF-8 names
        header.writeUInt16LE(8, 8); // deflate
        header.writeUInt16LE(time, 10);
        header.writeUInt16LE(date, 12);
        header.writeUInt32LE(crc, 14);
        header.writeUInt32LE(packed.length, 18);
        header.writeUInt32LE(bytes.length, 22);
        header.writeUInt16LE(fileName.length, 26);
        const entry = Buffer.alloc(46);
        entry.writeUInt32LE(0x02014b50, 0);
        entry.writeUInt16LE(20, 4);
        entry.writeUInt16LE(20, 6);
        entry.writeUInt16LE(0x0800, 8);
        entry.writeUInt16LE(8, 10);
        entry.writeUInt16LE(time, 12);
        entry.writeUInt16LE(date, 14);
        entry.writeUInt32LE(crc, 16);
        entry.writeUInt32LE(packed.length, 20);
        entry.writeUInt32LE(bytes.length, 24);
        entry.writeUInt16LE(fileName.length, 28);
        entry.writeUInt32LE(offset, 42);
        central.push(entry, fileName);
        offset += header.length + fileName.length + packed.length;
        count++;
        controller.enqueue(new Uint8Array(Buffer.concat([header, fileName, packed])));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await it.return?.();
    },
  });
}
