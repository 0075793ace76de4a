// Small SQL helpers shared by the read services (dashboard, reports, catalog overview): the agency
// predicate a scope implies, bounded counts, LIKE patterns. Statements go through the one cache (sql.ts).
import "server-only";
import { prep } from "./sql";
import type { Db } from "./client";

/** The part of an access scope (server/access/scope.ts) a query needs: which agencies, if any limit it. */
type AgencyLimit = { kind: "all" } | { kind: "agencies"; ids: number[] };

/** Counts above this are shown as "10,000+" instead of being counted to the end. */
export const COUNT_CAP = 10_000;

/** Agency ids a scope limits a query to, or null for the whole deployment. */
export function scopeIds(scope: AgencyLimit): number[] | null {
  return scope.kind === "all" ? null : scope.ids;
}

/** `col in (1,2,3)` for a list of integer ids (inlined: they are integers from our own tables),
 *  "true" when there is no restriction and "false" for an empty list (PostgreSQL wants a boolean). */
export function inIds(column: string, ids: readonly number[] | null): string {
  if (ids === null) return "true";
  if (ids.length === 0) return "false";
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new Error(`not an id: ${id}`);
  return ids.length === 1 ? `${column} = ${ids[0]}` : `${column} in (${ids.join(",")})`;
}

export type Bounded = { value: number; capped: boolean };

/** count(*) of the rows `innerSql` selects, stopping at COUNT_CAP + 1. */
export function boundedCount(db: Db, innerSql: string, params: unknown[] | Record<string, unknown>, cap = COUNT_CAP): Bounded {
  const row = prep(db, `select count(*) as n from (${innerSql} limit ${cap + 1}) as bounded`).get(params as never) as { n: number };
  return row.n > cap ? { value: cap, capped: true } : { value: row.n, capped: false };
}

/** Escapes a LIKE pattern's wildcards (use with `escape '\\'`). */
export function likeEscape(s: string): string {
  return s.replace(/[%_\\]/g, (c) => `\\${c}`);
}

/**
 * A value compared with `x collate nocase`, folded as SQLite's NOCASE folds (ASCII letters only):
 * SQLite folds both sides itself, PostgreSQL's rewrite (`lower(x collate "C")`, pg-compat.ts) only
 * the column's.
 */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Upper bound of a case-insensitive prefix range: every string starting with `prefix` sorts below it. */
export function prefixUpper(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}
