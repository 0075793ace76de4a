import { describe, expect, it } from "vitest";
import { CanonicalJsonError, canonicalJson, groupedFingerprint, sha256Hex } from "~/server/reports/canonical";

describe("canonical JSON", () => {
  it("sorts keys at every level and drops undefined members", () => {
    const a = canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" }, u: undefined });
    expect(a).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it("gives the same text (and fingerprint) whatever the key order", () => {
    const one = canonicalJson({ x: 1, y: [1, 2], z: { b: true, a: null } });
    const two = canonicalJson({ z: { a: null, b: true }, y: [1, 2], x: 1 });
    expect(one).toBe(two);
    expect(sha256Hex(one)).toBe(sha256Hex(two));
  });

  it("refuses floats, NaN and infinities instead of rounding them", () => {
    expect(() => canonicalJson({ share: 0.5 })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ share: 0.5 })).toThrow(/share/);
    expect(() => canonicalJson([Number.NaN])).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ n: Number.POSITIVE_INFINITY })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ n: 2 ** 60 })).toThrow(CanonicalJsonError);
  });

  it("refuses values JSON cannot carry faithfully", () => {
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(/plain object/);
    expect(() => canonicalJson([undefined])).toThrow(/undefined/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(CanonicalJsonError);
  });

  it("escapes strings as JSON does, keeping non-ASCII text as is", () => {
    expect(canonicalJson({ s: 'Ministère "Justice"\n\u0001' })).toBe('{"s":"Ministère \\"Justice\\"\\n\\u0001"}');
    expect(canonicalJson(-0)).toBe("0");
  });

  it("is the RFC 8785 form for integer-only data (parse and re-serialise is stable)", () => {
    const text = canonicalJson({ b: [1, "é", { d: false, c: -5 }], a: "Ω" });
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  it("fingerprints are SHA-256 of the UTF-8 bytes, shown in groups of eight", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(groupedFingerprint(sha256Hex("abc"))).toBe("ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad");
  });
});
