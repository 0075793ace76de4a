// The database the end-to-end server runs on, for the tests that compare a page with the truth or
// set something up: SQLite's file, or with MUSTER_E2E_ENGINE=postgres (npm run test:e2e:postgres)
// the PostgreSQL database, through the server's own better-sqlite3-shaped handle (pg-compat.ts), so
// the tests' SQL runs unchanged on both.
import Database from "better-sqlite3";
import { PgCompatDatabase } from "~/server/db/pg-compat";

export type E2eDb = Pick<Database.Database, "prepare" | "close">;

export const isPostgresLocation = (location: string) => /^postgres(ql)?:\/\//.test(location);

/** Where the seeded database is (global-setup sets MUSTER_E2E_DB): a file or a postgres:// URL. */
export function e2eDatabase(): string {
  const location = process.env.MUSTER_E2E_DB;
  if (!location) throw new Error("MUSTER_E2E_DB is not set (global-setup sets it)");
  return location;
}

/** A connection to it; close it when done. */
export function openE2eDb(opts: { readonly?: boolean } = {}): E2eDb {
  const location = e2eDatabase();
  if (isPostgresLocation(location)) return new PgCompatDatabase(location, "e2e") as unknown as E2eDb;
  return new Database(location, { readonly: opts.readonly ?? false, fileMustExist: true });
}
