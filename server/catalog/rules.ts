// Officers' match choices turned into catalog patterns (pure). Officers never write regular
// expressions: each field is matched exactly, by its beginning or as a contained phrase, and the
// text is escaped, so a local rule can never be a slow pattern on an agent or the server.
import { z } from "zod";
import { CATEGORIES, SOURCES } from "~/agent/shared/protocol";

export const MATCH_MODES = ["exact", "prefix", "contains"] as const;
export const ZFieldMatchSchema = z.object({
  mode: z.enum(MATCH_MODES),
  value: z.string().trim().min(3, "errors.matchTooShort").max(200),
});
export type FieldMatch = z.output<typeof ZFieldMatchSchema>;

export const ZMatchSchema = z
  .object({
    source: z.enum(SOURCES).nullable(),
    name: ZFieldMatchSchema.optional(),
    publisher: ZFieldMatchSchema.optional(),
    identifier: ZFieldMatchSchema.optional(),
  })
  .refine((m) => m.name || m.publisher || m.identifier, { message: "errors.matchNoField", path: ["name"] });
export type Match = z.output<typeof ZMatchSchema>;

export const ZVendorChoiceSchema = z.union([z.object({ slug: z.string().min(1).max(80) }), z.object({ newName: z.string().trim().min(2).max(120) })]);
export const ZProductChoiceSchema = z.union([z.object({ slug: z.string().min(1).max(120) }), z.object({ newName: z.string().trim().min(2).max(160), category: z.enum(CATEGORIES) })]);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

export function patternOf(m: FieldMatch | undefined): string | null {
  if (!m) return null;
  const lit = escapeRe(m.value);
  return m.mode === "exact" ? `^${lit}$` : m.mode === "prefix" ? `^${lit}` : lit;
}

/** The officer's choice back from a stored pattern (for the rules list and the export file). */
export function matchOf(pattern: string | null): FieldMatch | undefined {
  if (pattern === null) return undefined;
  const unescapeRule = (s: string) => s.replace(/\\(.)/g, "$1");
  if (pattern.startsWith("^") && pattern.endsWith("$") && !pattern.endsWith("\\$")) return { mode: "exact", value: unescapeRule(pattern.slice(1, -1)) };
  if (pattern.startsWith("^")) return { mode: "prefix", value: unescapeRule(pattern.slice(1)) };
  return { mode: "contains", value: unescapeRule(pattern) };
}

/** A lower-case slug with the "local-" prefix every local vendor and product carries. */
export function localSlug(...parts: string[]): string {
  const base = parts
    .join(" ")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/^local-/, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 70);
  return `local-${base || "entry"}`;
}

/** Does a software entry satisfy a match (the same test the matcher will run)? */
export function matchesEntry(m: Match, e: { source: string; name: string; publisher: string; identifier: string }): boolean {
  if (m.source && m.source !== e.source) return false;
  const test = (f: FieldMatch | undefined, v: string) => f === undefined || (v !== "" && new RegExp(patternOf(f)!, "i").test(v));
  return test(m.name, e.name) && test(m.publisher, e.publisher) && test(m.identifier, e.identifier);
}
