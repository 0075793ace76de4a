// List filters read from a URL's search parameters. A value that does not parse is not silently
// dropped: it is returned with the reason, so the page can say which filter it ignored and the
// CSV export can refuse the request (400) instead of exporting a different list than asked for.
import type { z } from "zod";

export type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

/** What was wrong with a value, for a page to say in the viewer's language (`message` is English,
 *  for API answers). */
export type FilterProblem =
  | { kind: "oneOf"; values: string[] }
  | { kind: "tooLong"; max: number }
  | { kind: "tooBig"; max: number }
  | { kind: "tooSmall"; min: number }
  | { kind: "notNumber" }
  | { kind: "notWhole" }
  | { kind: "format" }
  | { kind: "periodFuture" }
  | { kind: "periodOrder" }
  | { kind: "periodLength"; max: number };

export type InvalidFilter = { param: string; value: string; message: string; problem?: FilterProblem };

/** The problem a zod issue describes, when it is one a page can word (else the English message is shown). */
export function filterProblem(issue: z.core.$ZodIssue | undefined): FilterProblem | undefined {
  switch (issue?.code) {
    case "invalid_value":
      return { kind: "oneOf", values: issue.values.map(String) };
    case "too_big":
      return issue.origin === "string" ? { kind: "tooLong", max: Number(issue.maximum) } : { kind: "tooBig", max: Number(issue.maximum) };
    case "too_small":
      return { kind: "tooSmall", min: Number(issue.minimum) };
    case "invalid_type":
      return issue.expected === "int" ? { kind: "notWhole" } : issue.expected === "number" ? { kind: "notNumber" } : undefined;
    case "invalid_format":
    case "custom":
      return { kind: "format" };
    default:
      return undefined;
  }
}

function first(sp: SearchParamsLike, k: string): string | undefined {
  const v = sp instanceof URLSearchParams ? (sp.get(k) ?? undefined) : sp[k];
  return Array.isArray(v) ? v[0] : v;
}

/** Each of `keys` parsed with its schema in `shape`; unparseable values are listed in `invalid`. */
export function readFilters(shape: Record<string, z.ZodType>, keys: readonly string[], sp: SearchParamsLike): { values: Record<string, unknown>; invalid: InvalidFilter[] } {
  const values: Record<string, unknown> = {};
  const invalid: InvalidFilter[] = [];
  for (const k of keys) {
    const raw = first(sp, k);
    const r = shape[k]!.safeParse(raw);
    if (r.success) {
      if (r.data !== undefined) values[k] = r.data;
    } else {
      const issue = r.error.issues[0];
      invalid.push({ param: k, value: String(raw).slice(0, 80), message: issue?.message ?? "Invalid value", problem: filterProblem(issue) });
    }
  }
  return { values, invalid };
}

/** "state=foo (Invalid option…)" lines for a message. */
export function describeInvalid(invalid: InvalidFilter[]): string {
  return invalid.map((i) => `${i.param}=${i.value}: ${i.message}`).join("; ");
}
