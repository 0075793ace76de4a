// The PostgreSQL connection (DATABASE_URL, validated in config/env.ts): one node-postgres pool per
// URL per process, shared through globalThis like the SQLite handle (client.ts), and the migrations
// of drizzle/pg applied under an advisory lock, for `npm run admin -- migrate`. The server's own
// connection is pg-compat.ts's (db/client.ts getDb), which migrates the same way.
//
// The URL holds the password: nothing here prints, logs or puts it in an error. Errors that leave
// this module are PostgresError, with a message for operators (what failed, where, what to check)
// and no stack worth showing.
import fs from "node:fs";
import path from "node:path";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { ConfigError, databaseUrl, migrationsDir } from "../config";
import * as schemaPg from "./schema-pg";

export type PgDb = NodePgDatabase<typeof schemaPg> & { $client: pg.Pool | pg.PoolClient };

/** A failure talking to PostgreSQL, said for operators; never holds the URL or the password. */
export class PostgresError extends Error {
  override name = "PostgresError";
}

/**
 * The advisory lock every node takes around migrating (pg_advisory_lock, session level): two nodes
 * starting at once migrate one after the other, and the second finds nothing left to apply. A fixed
 * 64-bit key, "MUSTER" in ASCII followed by 0001; no other lock in Muster uses it.
 */
export const MIGRATION_LOCK_KEY = "5572451735346216961"; // 0x4d55535445520001

/** drizzle's journal of applied migrations on PostgreSQL (the node-postgres migrator's defaults). */
export const PG_MIGRATIONS_SCHEMA = "drizzle";
export const PG_MIGRATIONS_TABLE = "__drizzle_migrations";

/** What decides how the database orders text (read before migrating). */
export const DATABASE_LOCALE_SQL = "select pg_encoding_to_char(encoding) as encoding, datlocprovider::text as provider, datcollate as collate from pg_database where datname = current_database()";

export type DatabaseLocale = { encoding: string; provider: string; collate: string };

/** libc locales that order text by its bytes (UTF-8: by code point), as SQLite compares text. */
const BYTE_ORDER_LOCALES = new Set(["C", "POSIX", "C.UTF-8", "C.utf8"]);

/**
 * Why the database cannot hold Muster's data as it is, or null. Text must be UTF-8 and ordered by
 * its bytes, as SQLite orders it: with a language's collation (en_US.UTF-8, nl_NL, ICU) lists and
 * report rows would come out in another order than on SQLite, and a report's fingerprint would
 * depend on the database server's locale. Checked before anything is written.
 */
export function databaseLocaleProblem(locale: DatabaseLocale, target: string): string | null {
  const create = "Create the database with: createdb --template=template0 --encoding=UTF8 --locale=C.UTF-8 muster (nothing was written to this one).";
  if (locale.encoding !== "UTF8") return `${target} is encoded ${locale.encoding}: Muster needs UTF8. ${create}`;
  // "b": PostgreSQL 17's builtin provider, whose locales (C, C.UTF-8) order by code point.
  if (locale.provider === "b" || (locale.provider === "c" && BYTE_ORDER_LOCALES.has(locale.collate))) return null;
  const by = locale.provider === "i" ? "an ICU locale" : `the locale "${locale.collate}"`;
  return `${target} sorts text by ${by}: Muster needs byte order (locale C or C.UTF-8), as on SQLite, so that lists, report rows and report fingerprints do not depend on the database server. ${create}`;
}

/** How long to wait for a connection before giving up (an unreachable host otherwise hangs for minutes). */
const CONNECT_TIMEOUT_MS = 10_000;

type Registry = Map<string, pg.Pool>;
const globalForPg = globalThis as unknown as { __musterPgPools?: Registry };
const pools: Registry = (globalForPg.__musterPgPools ??= new Map());

/** DATABASE_URL, or a ConfigError saying it is needed. */
export function requirePostgresUrl(): string {
  const url = databaseUrl();
  if (!url) throw new ConfigError("DATABASE_URL is not set: give the PostgreSQL database as postgres://USER:PASSWORD@HOST:PORT/DATABASE");
  return url;
}

/** Where a URL points, for messages: `user@host:port/database`, without the password. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || u.searchParams.get("host") || "localhost";
    const user = u.username ? `${decodeURIComponent(u.username)}@` : "";
    return `${user}${host}:${u.port || "5432"}/${decodeURIComponent(u.pathname.replace(/^\/+/, ""))}`;
  } catch {
    return "the database in DATABASE_URL";
  }
}

/** The pool for DATABASE_URL (or `url`), created once per process. */
export function getPgPool(url: string = requirePostgresUrl()): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: "muster", max: 10 });
    // An idle connection the server dropped (restart, failover) must not crash the process: the
    // pool discards it, and the next query opens a new one or fails with a clear error.
    pool.on("error", () => {});
    pools.set(url, pool);
  }
  return pool;
}

export async function closePg(url?: string): Promise<void> {
  const targets = url ? [url] : [...pools.keys()];
  for (const u of targets) {
    const pool = pools.get(u);
    pools.delete(u);
    await pool?.end();
  }
}

/** Drizzle over a pool or one checked-out connection (which a session-level lock needs). */
export function pgDrizzle(client: pg.Pool | pg.PoolClient): PgDb {
  return drizzle(client, { schema: schemaPg }) as PgDb;
}

/** The PostgreSQL migrations folder: `pg/` inside the migrations folder (drizzle/pg). */
export function pgMigrationsFolder(): string {
  return path.join(migrationsDir(), "pg");
}

type JournalEntry = { tag: string; when: number };

/** The migrations drizzle-kit wrote (meta/_journal.json), in order. */
function journal(folder: string): JournalEntry[] {
  const file = path.join(folder, "meta", "_journal.json");
  if (!fs.existsSync(file)) throw new PostgresError(`no PostgreSQL migrations in ${folder} (meta/_journal.json is missing)`);
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { entries: JournalEntry[] }).entries;
}

/**
 * An error from node-postgres or the network, said for an operator, with anything that could be
 * the URL or its password cut out.
 */
export function explainPgError(err: unknown, url: string): PostgresError {
  if (err instanceof PostgresError) return err;
  const where = describePostgresUrl(url);
  const e = (err ?? {}) as { code?: string; message?: string };
  const code = typeof e.code === "string" ? e.code : "";
  const raw = typeof e.message === "string" ? e.message : String(err);
  const sqlstate = /^[0-9A-Z]{5}$/.test(code);
  let message: string;
  if (code === "28P01" || code === "28000") message = `PostgreSQL at ${where} refused the sign-in: ${raw}`;
  else if (code === "3D000") message = `PostgreSQL at ${where}: ${raw} (create it first: createdb, or CREATE DATABASE)`;
  else if (sqlstate) message = `PostgreSQL at ${where}: ${raw} (SQLSTATE ${code})`;
  else if (code === "ECONNREFUSED") message = `cannot reach PostgreSQL at ${where}: connection refused (is the server running, and are DATABASE_URL's host and port right?)`;
  else if (code === "ENOTFOUND" || code === "EAI_AGAIN") message = `cannot reach PostgreSQL at ${where}: the host name does not resolve`;
  else if (code === "ETIMEDOUT" || code === "EHOSTUNREACH" || code === "ENETUNREACH" || /connection timeout|timeout expired/i.test(raw))
    message = `cannot reach PostgreSQL at ${where}: no answer within ${CONNECT_TIMEOUT_MS / 1000} s (${code || "timeout"})`;
  else if (code === "ECONNRESET" || /Connection terminated/i.test(raw)) message = `PostgreSQL at ${where} closed the connection (${code || raw})`;
  else message = `PostgreSQL at ${where}: ${raw}`;
  return new PostgresError(redact(message, url));
}

/** The message without the URL, its password or its user-info, raw or percent-encoded. */
function redact(message: string, url: string): string {
  const secrets = new Set<string>([url]);
  try {
    const u = new URL(url);
    if (u.password) {
      secrets.add(u.password);
      secrets.add(decodeURIComponent(u.password));
    }
  } catch {
    // not a URL: the whole value is already listed
  }
  let out = message;
  for (const s of [...secrets].filter((s) => s.length > 0).sort((a, b) => b.length - a.length)) out = out.split(s).join("***");
  return out;
}

export type PgMigrateResult = {
  /** Where, without the password: user@host:port/database. */
  target: string;
  /** Tags of the migrations this run applied (drizzle/pg), in order; empty when none were pending. */
  applied: string[];
  /** Migrations recorded in the database after the run. */
  total: number;
  /** Whether another node held the migration lock when this run asked for it. */
  waited: boolean;
  /** Migrations recorded that this version's drizzle/pg does not have (a newer version migrated the database). */
  unknown: number;
};

/**
 * Applies drizzle/pg's pending migrations to DATABASE_URL (or `url`) with drizzle's node-postgres
 * migrator, holding the migration advisory lock on the connection that migrates, so that nodes
 * starting at once do not migrate side by side: the second waits, then finds none pending.
 * Idempotent. `onWait` is called once if another node holds the lock.
 */
export async function migratePg(opts: { url?: string; onWait?: () => void } = {}): Promise<PgMigrateResult> {
  const url = opts.url ?? requirePostgresUrl();
  const folder = pgMigrationsFolder();
  const entries = journal(folder);
  const target = describePostgresUrl(url);
  // A pool of its own, closed at the end: migrating happens once, before anything else connects.
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: "muster migrate", max: 1 });
  pool.on("error", () => {});
  let client: pg.PoolClient | null = null;
  try {
    client = await pool.connect();
    let waited = false;
    const got = await client.query<{ locked: boolean }>("select pg_try_advisory_lock($1::bigint) as locked", [MIGRATION_LOCK_KEY]);
    if (!got.rows[0]?.locked) {
      waited = true;
      opts.onWait?.();
      await client.query("select pg_advisory_lock($1::bigint)", [MIGRATION_LOCK_KEY]);
    }
    try {
      const locale = await client.query<DatabaseLocale>(DATABASE_LOCALE_SQL);
      const problem = databaseLocaleProblem(locale.rows[0] as DatabaseLocale, target);
      if (problem) throw new PostgresError(problem);
      const before = await lastMigrationAt(client);
      const pending = entries.filter((e) => before === null || before < e.when);
      await migrate(pgDrizzle(client), { migrationsFolder: folder, migrationsSchema: PG_MIGRATIONS_SCHEMA, migrationsTable: PG_MIGRATIONS_TABLE });
      const total = await recordedPgMigrationCount(client);
      const newest = entries.at(-1)?.when ?? 0;
      const unknown = await migrationsAfter(client, newest);
      return { target, applied: pending.map((e) => e.tag), total, waited, unknown };
    } finally {
      // Also released when the connection closes; unlocking first lets a waiting node go on at once.
      await client.query("select pg_advisory_unlock($1::bigint)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } catch (err) {
    throw explainPgError(err, url);
  } finally {
    client?.release();
    await pool.end().catch(() => undefined);
  }
}

/** created_at of the newest applied migration (drizzle compares the journal's `when` with it), or null. */
async function lastMigrationAt(client: pg.PoolClient): Promise<number | null> {
  const exists = await client.query<{ t: string | null }>("select to_regclass($1) as t", [`${PG_MIGRATIONS_SCHEMA}.${PG_MIGRATIONS_TABLE}`]);
  if (!exists.rows[0]?.t) return null;
  const r = await client.query<{ at: string | null }>(`select max(created_at)::text as at from "${PG_MIGRATIONS_SCHEMA}"."${PG_MIGRATIONS_TABLE}"`);
  return r.rows[0]?.at == null ? null : Number(r.rows[0].at);
}

/** Recorded migrations newer than `when` (the newest this version knows). */
async function migrationsAfter(client: pg.PoolClient, when: number): Promise<number> {
  const r = await client.query<{ n: string }>(`select count(*)::text as n from "${PG_MIGRATIONS_SCHEMA}"."${PG_MIGRATIONS_TABLE}" where created_at > $1`, [when]);
  return Number(r.rows[0]?.n ?? 0);
}

/** Migrations recorded in drizzle's journal table on PostgreSQL (0 when it does not exist yet). */
export async function recordedPgMigrationCount(client: pg.Pool | pg.PoolClient): Promise<number> {
  const exists = await client.query<{ t: string | null }>("select to_regclass($1) as t", [`${PG_MIGRATIONS_SCHEMA}.${PG_MIGRATIONS_TABLE}`]);
  if (!exists.rows[0]?.t) return 0;
  const r = await client.query<{ n: string }>(`select count(*)::text as n from "${PG_MIGRATIONS_SCHEMA}"."${PG_MIGRATIONS_TABLE}"`);
  return Number(r.rows[0]?.n ?? 0);
}
