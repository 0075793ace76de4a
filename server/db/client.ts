// The SQLite connection: one per database file per process, shared through globalThis so
// the custom server, Next's bundled routes and the CLI all use the same handle.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { config, databasePath, databaseUrl, migrationsDir } from "../config";
import {
  DATABASE_LOCALE_SQL,
  type DatabaseLocale,
  databaseLocaleProblem,
  describePostgresUrl,
  MIGRATION_LOCK_KEY,
  PG_MIGRATIONS_SCHEMA,
  PG_MIGRATIONS_TABLE,
  PostgresError,
  pgMigrationsFolder,
} from "./pg";
import { PgCompatDatabase } from "./pg-compat";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

type Registry = Map<string, Db>;
const globalForDb = globalThis as unknown as { __musterDbs?: Registry };
const registry: Registry = (globalForDb.__musterDbs ??= new Map());

/**
 * The database file for this process only: a new data folder is created 0700, the database file
 * 0600 before SQLite opens it (SQLite gives the WAL and shared-memory files the database file's
 * mode), and files an older version left readable by others are narrowed to 0600.
 */
export function prepareDatabaseFile(file: string): void {
  fs.mkdirSync(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(/*turbopackIgnore: true*/ file, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_NOFOLLOW, 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if (fs.statSync(/*turbopackIgnore: true*/ f).mode & 0o077) fs.chmodSync(/*turbopackIgnore: true*/ f, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
}

export function openSqlite(file: string): Database.Database {
  prepareDatabaseFile(file);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${config.sqliteSync}`);
  sqlite.pragma("foreign_keys = ON");
  // Delete triggers also fire for rows INSERT OR REPLACE removes: the append-only audit log and
  // the frozen reports cannot be rewritten that way either.
  sqlite.pragma("recursive_triggers = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("cache_size = -65536"); // 64 MiB page cache
  sqlite.pragma("temp_store = MEMORY");
  sqlite.pragma(`mmap_size = ${MMAP_BYTES}`);
  return sqlite;
}

/** The file mapped into memory in normal operation: the hot pages, not the whole database. */
const MMAP_BYTES = 256 * 1024 * 1024;
/** SQLite's largest mapping: all of a national (about 2 GB) database. */
const MMAP_WHOLE_FILE = 2147418112;

/**
 * Maps the whole database while a scan of much of it runs (re-evaluating every endpoint reads
 * pages through syscalls at about twice the CPU otherwise); returns the function that goes back
 * to the normal mapping, so the server's memory drops again once the scan is over.
 */
export function mapWholeFile(db: Db): () => void {
  const scans = (wholeFileScans.get(db.$client) ?? 0) + 1;
  wholeFileScans.set(db.$client, scans);
  if (scans === 1) db.$client.pragma(`mmap_size = ${MMAP_WHOLE_FILE}`);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const left = (wholeFileScans.get(db.$client) ?? 1) - 1;
    wholeFileScans.set(db.$client, left);
    if (left === 0 && db.$client.open) db.$client.pragma(`mmap_size = ${normalMapping.get(db.$client) ?? MMAP_BYTES}`);
  };
}
/** Scans in progress per connection (they overlap: a policy change and the maintenance loop). */
const wholeFileScans = new WeakMap<Database.Database, number>();
/** A connection's mapping in normal operation when it is not MMAP_BYTES (see forBackgroundWork). */
const normalMapping = new WeakMap<Database.Database, number>();

/**
 * The work thread's connection (server/work/): its jobs (drafts, exports, re-evaluations) read
 * across the whole file, which the first 256 MiB mapped in normal operation serve little, while
 * every page it touched there counted a second time in the server's RSS (the same file pages,
 * mapped once per connection). It reads through the OS page cache instead, with a 16 MiB page
 * cache of its own; whole-file scans still map the whole file while they run (mapWholeFile).
 */
export function forBackgroundWork(db: Db): void {
  if (isPostgres(db)) return;
  normalMapping.set(db.$client, 0);
  if (!wholeFileScans.get(db.$client)) db.$client.pragma("mmap_size = 0");
  db.$client.pragma(`cache_size = -${BACKGROUND_CACHE_KIB}`);
}
const BACKGROUND_CACHE_KIB = 16 * 1024;

/** A postgres:// URL rather than a file (DATABASE_URL, or what a test passes). */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** Where the process's database is: DATABASE_URL when set (PostgreSQL), else DATABASE_PATH. */
export function databaseLocation(): string {
  return databaseUrl() ?? databasePath();
}

/**
 * The database at DATABASE_URL or DATABASE_PATH (or `location`: a file, or a postgres:// URL),
 * opened once per process. On PostgreSQL the handle is pg-compat.ts's: the same API over one
 * synchronous connection, so every store runs on it unchanged.
 */
export function getDb(location: string = databaseLocation()): Db {
  let db = registry.get(location);
  // A handle someone closed directly ($client.close(), not closeDb) is replaced, not handed out.
  if (!db?.$client.open) {
    const client = isPostgresUrl(location) ? (new PgCompatDatabase(location, describePostgresUrl(location)) as unknown as Database.Database) : openSqlite(location);
    db = drizzle(client, { schema }) as Db;
    registry.set(location, db);
  }
  return db;
}

/** Whether `db` is PostgreSQL (through pg-compat.ts) rather than SQLite. */
export function isPostgres(db: Db | Database.Database): boolean {
  const client = "$client" in db ? db.$client : db;
  return (client as unknown as { isPostgres?: boolean }).isPostgres === true;
}

/** The location `getDb` opened `db` from: the file, or the postgres:// URL (for a thread to open its own connection). */
export function locationOf(db: Db): string {
  return isPostgres(db) ? (db.$client as unknown as PgCompatDatabase).url : db.$client.name;
}

export function closeDb(file: string = databaseLocation()): void {
  const db = registry.get(file);
  if (db) {
    db.$client.close();
    registry.delete(file);
  }
}

export function migrationsFolder(): string {
  return migrationsDir();
}

/**
 * Applies the migrations not yet applied, as drizzle's SQLite migrator does (same journal table,
 * same rule: every migration newer than the last one recorded), but in one immediate transaction
 * that also reads the journal. Drizzle's reads it before its own (deferred) transaction, so two
 * processes starting at once on a new database (two app nodes, issue 15) would both apply every
 * migration and the second would fail; here the second waits for the first's commit and then finds
 * nothing to do. (PostgreSQL: server/db/pg.ts, under an advisory lock.)
 */
export function migrateDb(db: Db): void {
  if (isPostgres(db)) {
    migratePostgres(db);
    return;
  }
  const migrations = readMigrationFiles({ migrationsFolder: migrationsFolder() });
  const client = db.$client;
  client
    .transaction(() => {
      client.prepare('CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)').run();
      const last = client.prepare('SELECT created_at FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1').get() as { created_at: number | string } | undefined;
      for (const migration of migrations) {
        if (last && Number(last.created_at) >= migration.folderMillis) continue;
        for (const stmt of migration.sql) client.prepare(stmt).run();
        client.prepare('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)').run(migration.hash, migration.folderMillis);
      }
    })
    .immediate();
}

/**
 * PostgreSQL: drizzle/pg's pending migrations, as `npm run admin -- migrate` applies them (db/pg.ts:
 * same journal table, same rule), under the same advisory lock, on the server's own connection.
 */
function migratePostgres(db: Db): void {
  const client = db.$client;
  const journal = `"${PG_MIGRATIONS_SCHEMA}"."${PG_MIGRATIONS_TABLE}"`;
  const migrations = readMigrationFiles({ migrationsFolder: pgMigrationsFolder() });
  const problem = databaseLocaleProblem(client.prepare(DATABASE_LOCALE_SQL).get() as DatabaseLocale, describePostgresUrl(locationOf(db)));
  if (problem) throw new PostgresError(problem);
  client.prepare(`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`).get();
  try {
    client.exec(`create schema if not exists "${PG_MIGRATIONS_SCHEMA}"`);
    client.exec(`create table if not exists ${journal} (id serial primary key, hash text not null, created_at bigint)`);
    client
      .transaction(() => {
        const last = client.prepare(`select max(created_at) as at from ${journal}`).get() as { at: number | null };
        for (const migration of migrations) {
          if (last.at !== null && Number(last.at) >= migration.folderMillis) continue;
          for (const stmt of migration.sql) if (stmt.trim()) client.exec(stmt);
          client.prepare(`insert into ${journal} (hash, created_at) values (?, ?)`).run(migration.hash, migration.folderMillis);
        }
      })
      .immediate();
  } finally {
    client.prepare(`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`).get();
  }
}

/**
 * Holds the migration lock (PostgreSQL's session-level advisory lock, which this connection may
 * take again inside: migrateDb does) until the returned function is called. Nodes starting at once
 * then run the whole start-up one after the other, as SQLite's immediate transactions make them
 * do: the one-time steps (backfills, seeded policies, the salt, the first administrator) read
 * what the node before them wrote. SQLite: nothing to hold.
 */
export function holdStartupLock(db: Db): () => void {
  if (!isPostgres(db)) return () => {};
  db.$client.prepare(`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`).get();
  return () => db.$client.prepare(`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`).get();
}

/** Migrations recorded in drizzle's journal table; throws on a new database, which has none. Prepared uncached (read around a migration). */
export function recordedMigrationCount(db: Db): number {
  if (isPostgres(db)) return (db.$client.prepare(`select count(*) as n from "${PG_MIGRATIONS_SCHEMA}"."${PG_MIGRATIONS_TABLE}"`).get() as { n: number }).n;
  return (db.$client.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }).n;
}

export { schema };

/**
 * Runs `fn` in one immediate transaction. With better-sqlite3 every statement runs on the
 * one connection, so services simply keep using `db` inside `fn`.
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}
