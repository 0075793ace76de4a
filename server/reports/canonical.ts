// Canonical JSON for frozen reports: object keys sorted (by UTF-16 code units, as RFC 8785 does),
// no whitespace, and only integers as numbers, so the same data always gives the same bytes and
// the same SHA-256 on any machine. Floats are refused rather than rounded: the builder stores
// ratios as fixed-decimal strings, and a float slipping in is a bug to catch, not to hide.
import { createHash } from "node:crypto";

export class CanonicalJsonError extends Error {}

function describe(value: unknown): string | null {
  if (value === null || typeof value === "string" || typeof value === "boolean") return null;
  if (typeof value === "number") return Number.isSafeInteger(value) ? null : `not a safe integer (${value})`;
  if (typeof value !== "object") return `unsupported value of type ${typeof value}`;
  if (Array.isArray(value)) return null;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? null : "not a plain object";
}

/** Slow path, only after a failure: where in the value the first offending member is. */
function locate(value: unknown, path: string): string | null {
  const why = describe(value);
  if (why) return `${why} at ${path || "the top level"}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (value[i] === undefined) return `undefined in an array at ${path}[${i}]`;
      const found = locate(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const found = locate(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

class Invalid extends Error {}

/** Strings, safe integers (not -0), booleans, nulls, and (to `depth` levels) arrays of those. */
function flat(arr: unknown[], depth = 1): boolean {
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    const t = typeof v;
    if (t === "string" || t === "boolean" || v === null) continue;
    if (t === "number" && Number.isSafeInteger(v) && !Object.is(v, -0)) continue;
    if (depth > 0 && Array.isArray(v) && flat(v, depth - 1)) continue;
    return false;
  }
  return true;
}

function write(value: unknown, out: string[]): void {
  switch (typeof value) {
    case "string":
      out.push(JSON.stringify(value));
      return;
    case "number":
      if (!Number.isSafeInteger(value)) throw new Invalid();
      out.push(value === 0 ? "0" : String(value));
      return;
    case "boolean":
      out.push(value ? "true" : "false");
      return;
    case "object":
      break;
    default:
      throw new Invalid();
  }
  if (value === null) {
    out.push("null");
    return;
  }
  if (Array.isArray(value)) {
    if (flat(value)) {
      // Arrays of strings, safe integers, booleans and nulls (or of such arrays) have no keys to
      // sort: the engine's own serialiser writes exactly the canonical form, much faster (a
      // report's finding rows are such a table).
      out.push(JSON.stringify(value));
      return;
    }
    out.push("[");
    for (let i = 0; i < value.length; i++) {
      if (i) out.push(",");
      const v = value[i];
      if (v === undefined) throw new Invalid();
      write(v, out);
    }
    out.push("]");
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new Invalid();
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let first = true;
  out.push("{");
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out.push(first ? "" : ",", JSON.stringify(k), ":");
    first = false;
    write(v, out);
  }
  out.push("}");
}

/** The canonical JSON text of `value`. Throws CanonicalJsonError on floats, NaN, functions, class instances. */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  try {
    write(value, out);
  } catch (err) {
    if (err instanceof Invalid) throw new CanonicalJsonError(locate(value, "") ?? "invalid value");
    throw err;
  }
  return out.join("");
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Fingerprint grouped in blocks of 8 for reading aloud or comparing by eye. */
export function groupedFingerprint(sha256: string): string {
  return sha256.match(/.{1,8}/g)?.join(" ") ?? sha256;
}
