// Reader for Apple binary property lists ("bplist00"), the usual format of Info.plist, installer
// receipts and many launchd plists. Format (CoreFoundation's CFBinaryPList.c):
//   header "bplist00" | object table | offset table | 32-byte trailer
//   trailer: 6 unused bytes, offsetIntSize (1), objectRefSize (1), numObjects (8), topObject (8),
//            offsetTableOffset (8); integers big-endian.
//   object marker byte: high nibble = type, low nibble = size or 0xF (size follows as an int object).
// Every offset and count is bounds-checked: a corrupt file raises an error, never a hang.
import { PlistUid, type PlistValue } from "./plist-types";

const APPLE_EPOCH_MS = Date.UTC(2001, 0, 1);
const MAX_DEPTH = 64;

export class BplistError extends Error {}

export function isBinaryPlist(buf: Uint8Array): boolean {
  return buf.length >= 8 && Buffer.from(buf.subarray(0, 8)).toString("latin1") === "bplist00";
}

export function parseBinaryPlist(input: Uint8Array): PlistValue {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (!isBinaryPlist(buf)) throw new BplistError("not a binary plist (missing bplist00 header)");
  if (buf.length < 8 + 32) throw new BplistError("binary plist too short");
  const t = buf.length - 32;
  const offsetIntSize = buf[t + 6]!;
  const objectRefSize = buf[t + 7]!;
  const numObjects = readUInt(buf, t + 8, 8);
  const topObject = readUInt(buf, t + 16, 8);
  const offsetTableOffset = readUInt(buf, t + 24, 8);
  if (offsetIntSize < 1 || offsetIntSize > 8 || objectRefSize < 1 || objectRefSize > 8) {
    throw new BplistError("binary plist trailer has invalid integer sizes");
  }
  if (topObject >= numObjects || offsetTableOffset + numObjects * offsetIntSize > t || offsetTableOffset < 8) {
    throw new BplistError("binary plist trailer is inconsistent with the file size");
  }
  const offsets: number[] = new Array(numObjects);
  for (let i = 0; i < numObjects; i++) {
    const off = readUInt(buf, offsetTableOffset + i * offsetIntSize, offsetIntSize);
    if (off < 8 || off >= offsetTableOffset) throw new BplistError(`object ${i} offset out of range`);
    offsets[i] = off;
  }

  const active = new Set<number>(); // guards against reference cycles
  const readObject = (ref: number, depth: number): PlistValue => {
    if (ref >= numObjects) throw new BplistError(`object reference ${ref} out of range`);
    if (depth > MAX_DEPTH || active.has(ref)) throw new BplistError("binary plist nests too deep or loops");
    const off = offsets[ref]!;
    const marker = buf[off]!;
    const type = marker >> 4;
    const info = marker & 0x0f;
    switch (type) {
      case 0x0:
        if (info === 0x0) return null;
        if (info === 0x8) return false;
        if (info === 0x9) return true;
        throw new BplistError(`unsupported simple marker 0x${marker.toString(16)}`);
      case 0x1: {
        const size = 1 << info;
        return readInt(buf, off + 1, size, offsetTableOffset);
      }
      case 0x2: {
        const size = 1 << info;
        need(off + 1, size, offsetTableOffset);
        if (size === 4) return buf.readFloatBE(off + 1);
        if (size === 8) return buf.readDoubleBE(off + 1);
        throw new BplistError(`unsupported real size ${size}`);
      }
      case 0x3: {
        if (info !== 0x3) throw new BplistError("invalid date marker");
        need(off + 1, 8, offsetTableOffset);
        return new Date(APPLE_EPOCH_MS + buf.readDoubleBE(off + 1) * 1000);
      }
      case 0x4: {
        const [len, start] = readLength(info, off);
        need(start, len, offsetTableOffset);
        return Uint8Array.from(buf.subarray(start, start + len));
      }
      case 0x5: {
        const [len, start] = readLength(info, off);
        need(start, len, offsetTableOffset);
        return buf.toString("latin1", start, start + len);
      }
      case 0x6: {
        const [len, start] = readLength(info, off);
        need(start, len * 2, offsetTableOffset);
        const chars = Buffer.from(buf.subarray(start, start + len * 2));
        chars.swap16(); // UTF-16BE on disk, Node decodes little-endian
        return chars.toString("utf16le");
      }
      case 0x7: {
        const [len, start] = readLength(info, off);
        need(start, len, offsetTableOffset);
        return buf.toString("utf8", start, start + len);
      }
      case 0x8: {
        const size = info + 1;
        need(off + 1, size, offsetTableOffset);
        return new PlistUid(readUInt(buf, off + 1, size));
      }
      case 0xa:
      case 0xc: {
        const [count, start] = readLength(info, off);
        need(start, count * objectRefSize, offsetTableOffset);
        active.add(ref);
        const out: PlistValue[] = [];
        for (let i = 0; i < count; i++) out.push(readObject(readUInt(buf, start + i * objectRefSize, objectRefSize), depth + 1));
        active.delete(ref);
        return out;
      }
      case 0xd: {
        const [count, start] = readLength(info, off);
        need(start, count * 2 * objectRefSize, offsetTableOffset);
        active.add(ref);
        const out: { [key: string]: PlistValue } = {};
        for (let i = 0; i < count; i++) {
          const key = readObject(readUInt(buf, start + i * objectRefSize, objectRefSize), depth + 1);
          if (typeof key !== "string") throw new BplistError("dictionary key is not a string");
          const valueRef = readUInt(buf, start + (count + i) * objectRefSize, objectRefSize);
          out[key] = readObject(valueRef, depth + 1);
        }
        active.delete(ref);
        return out;
      }
      default:
        throw new BplistError(`unsupported object marker 0x${marker.toString(16)} at offset ${off}`);
    }
  };

  /** Length from the low nibble, or from the int object that follows when the nibble is 0xF. */
  const readLength = (info: number, off: number): [number, number] => {
    if (info !== 0xf) return [info, off + 1];
    const intMarker = buf[off + 1];
    if (intMarker === undefined || intMarker >> 4 !== 0x1) throw new BplistError("invalid extended length");
    const size = 1 << (intMarker & 0x0f);
    const len = readInt(buf, off + 2, size, offsetTableOffset);
    if (typeof len !== "number" || len < 0) throw new BplistError("invalid extended length");
    return [len, off + 2 + size];
  };

  return readObject(topObject, 0);
}

function need(start: number, len: number, end: number): void {
  if (start < 0 || len < 0 || start + len > end) throw new BplistError("object runs past the object table");
}

function readUInt(buf: Buffer, off: number, size: number): number {
  if (off + size > buf.length) throw new BplistError("integer runs past the end of the file");
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + buf[off + i]!;
  if (!Number.isSafeInteger(v)) throw new BplistError("integer too large");
  return v;
}

/** Ints of 1, 2 and 4 bytes are unsigned, 8 bytes signed, 16 bytes (unsigned 64-bit) use the low half. */
function readInt(buf: Buffer, off: number, size: number, end: number): number | bigint {
  need(off, size, end);
  if (size <= 4) return readUInt(buf, off, size);
  if (size === 8) {
    const v = buf.readBigInt64BE(off);
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }
  if (size === 16) {
    const v = buf.readBigUInt64BE(off + 8);
    return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }
  throw new BplistError(`unsupported integer size ${size}`);
}
