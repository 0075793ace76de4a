// Input generation for the fuzz suites: a seeded PRNG (a failure reproduces from its case number),
// every tRPC procedure enumerated from the router with its input schema (as JSON Schema, from zod),
// plausible inputs built from that schema and from real ids of the database, and hostile variants
// of them: wrong types, missing and extra fields, huge strings and arrays, deep nesting, broken
// Unicode, absurd numbers, prototype keys, other agencies' ids.
import { z } from "zod";
import { appRouter } from "~/server/trpc/root";
import { type Rng, rng } from "../../support/rng";

export { type Rng, rng };

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
  default?: unknown;
};

export type Procedure = { path: string; type: "query" | "mutation"; schema: JsonSchema | null };

/** Every procedure of the app router, with its input schema: new procedures are covered as they land. */
export function listProcedures(): Procedure[] {
  const procs = (appRouter._def as unknown as { procedures: Record<string, { _def: { type: "query" | "mutation"; inputs: z.ZodType[] } }> }).procedures;
  return Object.entries(procs).map(([path, p]) => ({
    path,
    type: p._def.type,
    schema: p._def.inputs.length ? (z.toJSONSchema(p._def.inputs[0]!, { io: "input", unrepresentable: "any" }) as JsonSchema) : null,
  }));
}

/** Real values by field name (ids, codes, device ids of every agency), so inputs reach the services. */
export type Pools = Record<string, readonly unknown[]>;

const LONG = (n: number) => "A".repeat(n);
const DEEP = (depth: number, kind: "array" | "object") => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === "array" ? [v] : { a: v };
  return v;
};

/** Text a hostile endpoint or user sends to look like something else: NUL, C0 and C1 controls, bidi
 *  overrides and isolates, zero-width and other invisible characters, tag characters. */
export const HOSTILE_TEXT: readonly string[] = [
  "ws-01\u0000",
  "\u0000",
  "a\u0007b\u001b[31mred",
  "\u0085next line",
  "\u009b31m",
  "\u007f",
  "ws-01\u202egpj.exe",
  "\u202dLTR\u202c",
  "\u2066isolate\u2069",
  "\u200fRLM",
  "\u061cALM",
  "ws\u200b-01",
  "\u200c\u200d",
  "\u2060joiner",
  "\ufeffbom",
  "soft\u00adhyphen",
  "\u{e0041}\u{e0042}tag",
  "line\u2028sep",
];

/** Values of the wrong kind for any field. */
export const WEIRD: readonly unknown[] = [
  ...HOSTILE_TEXT,
  null,
  true,
  false,
  0,
  -1,
  -0,
  1.5,
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  "",
  " ",
  "0",
  "-1",
  "null",
  "true",
  "\u0000",
  "\ud800",
  "\udfff\ud800",
  "🙂".repeat(50),
  "../../../../etc/passwd",
  "' or 1=1 --",
  '"; drop table audit_log; --',
  "%00",
  "${7*7}",
  "<script>alert(1)</script>",
  [],
  [null],
  [1, 2, 3],
  {},
  { id: 1 },
  { __proto__: { admin: true } },
  { constructor: { prototype: { polluted: 1 } } },
  "2024-13-45",
  "9999-99-99",
  "1970-01-01",
  "2999-12-31T23:59:59Z",
  "1e309",
  "NaN",
  "Infinity",
];

function sampleString(s: JsonSchema, field: string, r: Rng, pools: Pools): string {
  const pool = pools[field];
  if (pool?.length && r.chance(0.85)) return String(r.pick(pool));
  if (s.pattern === "^\\d{4}-\\d{2}-\\d{2}$") return new Date(Date.now() - r.int(90) * 86_400_000).toISOString().slice(0, 10);
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 40, min + 40);
  const len = min + r.int(Math.max(1, max - min + 1));
  let out = "";
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
  for (let i = 0; i < len; i++) out += alphabet[r.int(alphabet.length)];
  // Sometimes with hostile characters inside an otherwise plausible value.
  if (r.chance(0.1)) {
    const at = r.int(out.length + 1);
    out = (out.slice(0, at) + r.pick(HOSTILE_TEXT) + out.slice(at)).slice(0, Math.max(max, 1));
  }
  return out;
}

/** A plausible value for `schema` (often valid, sometimes not: the pools mix in and out of scope). */
export function sample(schema: JsonSchema | undefined, r: Rng, pools: Pools, field = ""): unknown {
  if (!schema) return undefined;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return r.pick(schema.enum);
  if (schema.anyOf) {
    const options = schema.anyOf.filter((o) => Object.keys(o).length > 0);
    return options.length ? sample(r.pick(options), r, pools, field) : r.int(1000);
  }
  const type = Array.isArray(schema.type) ? r.pick(schema.type) : schema.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, sub] of Object.entries(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(k) || r.chance(0.5)) out[k] = sample(sub, r, pools, k);
      }
      return out;
    }
    case "array":
      return Array.from({ length: r.int(4) }, () => sample(schema.items, r, pools, field));
    case "string":
      return sampleString(schema, field, r, pools);
    case "integer":
    case "number": {
      const pool = pools[field];
      if (pool?.length && r.chance(0.85)) return r.pick(pool);
      const lo = schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : (schema.minimum ?? 0);
      const hi = Math.min(schema.maximum ?? lo + 1000, lo + 1000);
      return lo + r.int(Math.max(1, hi - lo + 1));
    }
    case "boolean":
      return r.chance(0.5);
    case "null":
      return null;
    default:
      return r.pick(WEIRD);
  }
}

export type Hostile = { value: unknown; label: string };

/**
 * A hostile variant of a plausible input. `wire` adds what only exists on the wire (nothing here:
 * raw bytes are the HTTP suite's business); in-process callers also get values JSON cannot carry.
 */
export function hostile(procedure: Procedure, r: Rng, pools: Pools, opts: { inProcess: boolean }): Hostile {
  const base = sample(procedure.schema ?? { type: "object", properties: {} }, r, pools);
  const obj = base !== null && typeof base === "object" && !Array.isArray(base) ? { ...(base as Record<string, unknown>) } : {};
  const fields = Object.keys(procedure.schema?.properties ?? {});
  const field = fields.length ? r.pick(fields) : "x";
  const kind = r.int(13);
  switch (kind) {
    case 0:
      return { value: base, label: "plausible" };
    case 1:
      obj[field] = r.pick(WEIRD);
      return { value: obj, label: `wrong type for ${field}` };
    case 2:
      delete obj[field];
      return { value: obj, label: `missing ${field}` };
    case 3: {
      const extra = r.pick(["__proto__", "constructor", "prototype", "role", "agencyId", "scope", "viewer", "isAdmin", "toString"]);
      const withExtra = JSON.parse(JSON.stringify(obj)) as Record<string, unknown>;
      Object.defineProperty(withExtra, extra, { value: r.pick(WEIRD), enumerable: true, configurable: true, writable: true });
      return { value: withExtra, label: `extra field ${extra}` };
    }
    case 4:
      obj[field] = LONG(r.pick([1000, 100_000, 600_000]));
      return { value: obj, label: `huge string in ${field}` };
    case 5:
      obj[field] = Array.from({ length: r.pick([1000, 50_000]) }, (_, i) => (r.chance(0.5) ? i : "x"));
      return { value: obj, label: `huge array in ${field}` };
    case 6:
      obj[field] = DEEP(r.pick([100, 1000, 4000]), r.chance(0.5) ? "array" : "object");
      return { value: obj, label: `deep nesting in ${field}` };
    case 7:
      obj[field] = r.pick(["\ud800", "a\udc00b", "\uffff\ufffe", "\u202eevil", "e\u0301", "\u0000\u0000", "𝕸𝖚𝖘𝖙𝖊𝖗"]);
      return { value: obj, label: `broken or odd Unicode in ${field}` };
    case 8:
      obj[field] = r.pick([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 2 ** 53 + 1, -1, 0, 1e-300, Number.MAX_VALUE]);
      return { value: obj, label: `absurd number in ${field}` };
    case 9:
      return { value: r.pick(WEIRD), label: "input is not an object" };
    case 10:
      if (opts.inProcess) {
        obj[field] = r.pick([new Date(Number.NaN), new Date(8.64e15), 10n ** 30n, new Map([[1, 2]]), new Set([1]), /x/g, undefined, Symbol("s"), () => 1]);
        return { value: obj, label: `non-JSON value in ${field}` };
      }
      obj[field] = r.pick(WEIRD);
      return { value: obj, label: `wrong type for ${field}` };
    case 11: {
      // A real value of another field (ids of other agencies, other object kinds).
      const names = Object.keys(pools);
      obj[field] = r.pick(pools[r.pick(names)] ?? [1]);
      return { value: obj, label: `another field's value in ${field}` };
    }
    default:
      return { value: DEEP(r.pick([50, 2000]), "object"), label: "deeply nested input" };
  }
}
