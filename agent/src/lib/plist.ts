// Property lists in either format: XML (<plist>) and binary (bplist00). The XML reader is a small
// tokenizer for the plist DTD only (dict, array, key, string, integer, real, true, false, date,
// data); it is not a general XML parser and does not need to be.
import { BplistError, isBinaryPlist, parseBinaryPlist } from "./bplist";
import { PlistUid, type PlistDict, type PlistValue } from "./plist-types";

export { PlistUid, type PlistDict, type PlistValue } from "./plist-types";

export class PlistError extends Error {}

/** Parses a plist file's bytes, whichever format it is in. */
export function parsePlist(data: Uint8Array | string): PlistValue {
  if (typeof data !== "string" && isBinaryPlist(data)) {
    try {
      return parseBinaryPlist(data);
    } catch (err) {
      if (err instanceof BplistError) throw new PlistError(err.message);
      throw err;
    }
  }
  const text = typeof data === "string" ? data : Buffer.from(data).toString("utf8");
  return parseXmlPlist(text);
}

/** The top-level dictionary of a plist, or null when the file holds something else. */
export function parsePlistDict(data: Uint8Array | string): PlistDict | null {
  const v = parsePlist(data);
  return isDict(v) ? v : null;
}

export function isDict(v: PlistValue | undefined): v is PlistDict {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array) && !(v instanceof PlistUid);
}

/** A string value of a dictionary, trimmed, or undefined. */
export function dictString(d: PlistDict, key: string): string | undefined {
  const v = d[key];
  if (typeof v === "string") return v.trim() || undefined;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  return undefined;
}

const TOKEN = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z]+)[^>]*?(\/?)>|([^<]+)/g;

type Token = { kind: "open" | "close" | "empty"; tag: string } | { kind: "text"; text: string };

function* tokens(xml: string): Generator<Token> {
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(xml)) !== null) {
    if (m[4] !== undefined) {
      yield { kind: "text", text: m[4] };
    } else if (m[2] !== undefined) {
      if (m[1] === "/") yield { kind: "close", tag: m[2] };
      else yield { kind: m[3] === "/" ? "empty" : "open", tag: m[2] };
    }
  }
}

export function parseXmlPlist(xml: string): PlistValue {
  if (!/<plist[\s>]/.test(xml)) throw new PlistError("not a property list (no <plist> element)");
  const it = tokens(xml);
  const next = (): Token | undefined => {
    for (let r = it.next(); !r.done; r = it.next()) {
      const t = r.value;
      if (t.kind === "text" && !t.text.trim()) continue; // whitespace between elements
      return t;
    }
    return undefined;
  };
  const textUntil = (tag: string): string => {
    // Inside a value element: concatenate raw text (whitespace kept) up to the closing tag.
    let out = "";
    for (let r = it.next(); !r.done; r = it.next()) {
      const t = r.value;
      if (t.kind === "text") out += t.text;
      else if (t.kind === "close" && t.tag === tag) return decodeEntities(out);
      else throw new PlistError(`unexpected <${t.tag}> inside <${tag}>`);
    }
    throw new PlistError(`unterminated <${tag}>`);
  };

  const readValue = (t: Token | undefined, depth: number): PlistValue => {
    if (!t) throw new PlistError("unexpected end of plist");
    if (depth > 64) throw new PlistError("plist nests too deep");
    if (t.kind === "text") throw new PlistError(`unexpected text ${JSON.stringify(t.text.trim().slice(0, 40))}`);
    if (t.kind === "close") throw new PlistError(`unexpected </${t.tag}>`);
    const empty = t.kind === "empty";
    switch (t.tag) {
      case "dict": {
        const out: PlistDict = {};
        if (empty) return out;
        for (;;) {
          const k = next();
          if (!k) throw new PlistError("unterminated <dict>");
          if (k.kind === "close" && k.tag === "dict") return out;
          if (k.kind === "empty" && k.tag === "key") {
            out[""] = readValue(next(), depth + 1);
            continue;
          }
          if (k.kind !== "open" || k.tag !== "key") throw new PlistError("expected <key> in <dict>");
          const key = textUntil("key");
          out[key] = readValue(next(), depth + 1);
        }
      }
      case "array": {
        const out: PlistValue[] = [];
        if (empty) return out;
        for (;;) {
          const v = next();
          if (!v) throw new PlistError("unterminated <array>");
          if (v.kind === "close" && v.tag === "array") return out;
          out.push(readValue(v, depth + 1));
        }
      }
      case "string":
        return empty ? "" : textUntil("string");
      case "integer": {
        const s = empty ? "0" : textUntil("integer").trim();
        const n = Number(s);
        if (!/^[+-]?(?:\d+|0x[0-9a-f]+)$/i.test(s)) throw new PlistError(`invalid integer ${JSON.stringify(s)}`);
        return Number.isSafeInteger(n) ? n : BigInt(s);
      }
      case "real": {
        const n = Number(empty ? "0" : textUntil("real").trim());
        if (Number.isNaN(n)) throw new PlistError("invalid real");
        return n;
      }
      case "true":
      case "false":
        if (!empty) textUntil(t.tag);
        return t.tag === "true";
      case "date": {
        const d = new Date(empty ? "" : textUntil("date").trim());
        if (Number.isNaN(d.getTime())) throw new PlistError("invalid date");
        return d;
      }
      case "data":
        return Uint8Array.from(Buffer.from((empty ? "" : textUntil("data")).replace(/\s+/g, ""), "base64"));
      case "plist": {
        if (empty) return null;
        const v = readValue(next(), depth + 1);
        return v;
      }
      default:
        throw new PlistError(`unsupported element <${t.tag}>`);
    }
  };

  const first = next();
  if (first && (first.kind === "open" || first.kind === "empty") && first.tag === "plist") return readValue(first, 0);
  throw new PlistError("expected <plist> as the root element");
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[e] ?? "";
  });
}
