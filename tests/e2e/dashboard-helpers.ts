// Helpers for the dashboard end-to-end tests: read the seeded database directly (to compare what
// the pages show with the truth) and parse the numbers the pages print.
import Database from "better-sqlite3";

export function query<T>(sql: string, ...args: unknown[]): T[] {
  const file = process.env.MUSTER_E2E_DB;
  if (!file) throw new Error("MUSTER_E2E_DB is not set (global-setup sets it)");
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

export function one<T>(sql: string, ...args: unknown[]): T {
  const rows = query<T>(sql, ...args);
  if (!rows.length) throw new Error(`no row for ${sql}`);
  return rows[0]!;
}

export const count = (sql: string, ...args: unknown[]) => one<{ n: number }>(sql, ...args).n;

/** "1,234" (en-GB, the locale the tests run in) -> 1234. */
export function num(text: string | null): number {
  const n = Number((text ?? "").replace(/[^\d-]/g, ""));
  if (!Number.isFinite(n) || (text ?? "").trim() === "") throw new Error(`not a number: ${JSON.stringify(text)}`);
  return n;
}

/** Ids of an agency and its sub-agencies. */
export function subtree(code: string): number[] {
  const root = one<{ path: string }>("select path from agencies where code = ?", code);
  return query<{ id: number }>("select id from agencies where substr(path, 1, ?) = ?", root.path.length, root.path).map((r) => r.id);
}

export const inList = (ids: number[]) => `(${ids.map((i) => Number(i)).join(",")})`;
