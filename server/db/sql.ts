// The statement cache: every prepared statement, created once per connection and reused, so the
// hot path never re-parses SQL. The data-access modules call prep(); nothing else prepares SQL.
import type Database from "better-sqlite3";
import { type Db, isPostgres } from "./client";
import type { PgCompatStatement } from "./pg-compat";
import { pragmaValue } from "./pragma";

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Statements kept per connection: read services inline id lists, so texts are not a fixed set;
 *  past this the oldest are dropped (and prepared again when next used). */
const MAX_STATEMENTS = 2000;

/** When set, every statement text prepared through prep() is passed here (query-plan checks). */
export const sqlTrace: { onPrepare: ((sql: string) => void) | null } = { onPrepare: null };

/**
 * The connection's statement for `sql`, prepared once. `keep`: on PostgreSQL the statement stays
 * prepared on the server too (parsed and planned once: PgCompatStatement.keepPrepared), for the
 * check-in path's look-ups and writes by key, whose plan never depends on the values. SQLite keeps
 * every prepared statement's plan anyway.
 */
export function prep(db: Db | Database.Database, sql: string, opts?: { keep?: boolean }): Database.Statement {
  const client = "$client" in db ? db.$client : db;
  let cache = caches.get(client);
  if (!cache) caches.set(client, (cache = new Map()));
  sqlTrace.onPrepare?.(sql);
  let s = cache.get(sql);
  if (!s) {
    if (cache.size >= MAX_STATEMENTS) for (const key of [...cache.keys()].slice(0, MAX_STATEMENTS / 10)) cache.delete(key);
    cache.set(sql, (s = client.prepare(sql)));
    if (opts?.keep && isPostgres(client)) (s as unknown as PgCompatStatement).keepPrepared();
  }
  return s;
}

/**
 * PostgreSQL's SQLSTATEs of the same kind: connection lost (08), out of disk or memory (53), I/O
 * (58), server shutting down (57P01-04), read-only transaction (25006), serialization or deadlock
 * (40001, 40P01), lock not available (55P03); and pg-sync.ts's own: no answer in time, no connection.
 */
const PG_STORAGE = /^(08\w{3}|53\w{3}|58\w{3}|57P0[1-4]|25006|40001|40P01|55P03|EPGTIMEOUT|EPGCONN|ECONNREFUSED|ECONNRESET)$/;

/**
 * `column in (…)` over ids passed as one JSON array parameter (`JSON.stringify(ids)`): one statement
 * text for any number of ids, each looked up by the column's index. SQLite's json_each,
 * PostgreSQL's json_array_elements_text.
 */
export function inIdArray(db: Db | Database.Database, column: string): string {
  return isPostgres(db) ? `${column} in (select value::bigint from json_array_elements_text(?::json))` : `${column} in (select value from json_each(?))`;
}

/** Failures that are about the database (file or server), not the request: answer 503, retry later. */
export function isStorageError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && (/^SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN|NOMEM|CORRUPT|NOTADB|PROTOCOL)/.test(code) || PG_STORAGE.test(code));
}

/**
 * SQLITE_BUSY: another connection held the write lock (and this one was told not to wait); on
 * PostgreSQL 55P03, a row another session holds (withoutAnyLockWait's lock_timeout ran out).
 */
export function isBusy(err: unknown): boolean {
  return /^(SQLITE_BUSY|55P03$)/.test(String((err as { code?: unknown } | null)?.code));
}

/**
 * Runs `fn` (synchronous) with SQLite's busy handler off on this connection: a write that finds the
 * lock taken fails at once with SQLITE_BUSY instead of holding the event loop for up to
 * busy_timeout while the work thread's long transaction (an import, a publication) runs.
 * For background writers that simply try again later.
 */
export function withoutLockWait<T>(db: Db, fn: () => T): T {
  const before = pragmaValue(db, "busy_timeout") as number;
  pragmaValue(db, "busy_timeout = 0");
  try {
    return fn();
  } finally {
    pragmaValue(db, `busy_timeout = ${before}`);
  }
}

/** PostgreSQL: how long withoutAnyLockWait's statements wait for a row another session holds
 *  (another node's claim takes milliseconds; a long writer's transaction, seconds). */
const PG_ROW_LOCK_WAIT_MS = 100;

/**
 * withoutLockWait for the notification worker's passes, on either engine. On PostgreSQL the write
 * lock is tried (withoutLockWait), and besides a statement waits (synchronously, so holding the event loop) for
 * the rows another session's open transaction wrote, as an import merging counts into the
 * notification events a pass stamps: there the wait ends after PG_ROW_LOCK_WAIT_MS with 55P03
 * (isBusy), the pass's transaction rolls back and the next pass tries again.
 */
export function withoutAnyLockWait<T>(db: Db, fn: () => T): T {
  if (!isPostgres(db)) return withoutLockWait(db, fn);
  // The write lock (an immediate transaction's) is tried, not waited for, as on SQLite: waiting
  // for another node's group commit held this node's event loop (seen: 391 ms under load).
  db.$client.exec(`set lock_timeout = ${PG_ROW_LOCK_WAIT_MS}`);
  try {
    return withoutLockWait(db, fn);
  } finally {
    db.$client.exec("reset lock_timeout");
  }
}
