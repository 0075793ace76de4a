// A second, separate connection to a test's database (what another app node would hold): a new
// SQLite connection to the file, or a new PostgreSQL session on the URL (getDb would hand back the
// process's one shared handle instead).
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { type Db, isPostgresUrl, openSqlite, schema } from "~/server/db/client";
import { PgCompatDatabase } from "~/server/db/pg-compat";
import { SyncPgConnection } from "~/server/db/pg-sync";

export function secondConnection(location: string): Db {
  const client = isPostgresUrl(location) ? (new PgCompatDatabase(location, "second connection") as unknown as Database.Database) : openSqlite(location);
  return drizzle(client, { schema }) as Db;
}

/**
 * Holds a write lock on the test's database from another connection until the returned function is
 * called, so that nodes started meanwhile all wait for it and then go at the same moment. SQLite:
 * BEGIN IMMEDIATE (the one write lock of the file). PostgreSQL has no lock of the whole database:
 * `pgLock` takes the one the nodes contend for (a table lock, an advisory lock), inside a transaction.
 */
export function holdWriteLock(location: string, pgLock: string): () => void {
  if (isPostgresUrl(location)) {
    const conn = new SyncPgConnection(location);
    conn.query("begin");
    conn.query(pgLock);
    return () => {
      conn.query("rollback");
      conn.close();
    };
  }
  const lock = new Database(location);
  lock.pragma("journal_mode = WAL");
  lock.pragma("busy_timeout = 5000");
  lock.exec("BEGIN IMMEDIATE");
  return () => {
    lock.exec("ROLLBACK");
    lock.close();
  };
}
