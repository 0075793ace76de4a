// Connection settings that are part of how a transaction runs on the main connection: WAL mode
// and its file, the commit's sync level (group commit), the automatic checkpoint (the
// checkpointer takes it over), and how long a writer waits for the lock (the readiness probe).
import type Database from "better-sqlite3";
import { type Db, isPostgres } from "./client";

const pragmaStatements = new WeakMap<object, Map<string, Database.Statement>>();

/**
 * A PRAGMA's value (or undefined when it has none), through a statement prepared once per
 * connection: db.pragma() prepares its text on every call, and a group commit runs six. On
 * PostgreSQL the compatibility layer answers them (db.pragma).
 */
export function pragmaValue(db: Db, text: string): unknown {
  const client = db.$client;
  if (isPostgres(db)) return client.pragma(text, { simple: true });
  let cache = pragmaStatements.get(client);
  if (!cache) pragmaStatements.set(client, (cache = new Map()));
  let stmt = cache.get(text);
  if (!stmt) cache.set(text, (stmt = client.prepare(`pragma ${text}`)));
  if (!stmt.reader) {
    stmt.run();
    return undefined;
  }
  return stmt.pluck().get();
}

/** The WAL file of a file database in WAL mode; null in memory or in another journal mode. */
export function walFileOf(db: Db): string | null {
  const sqlite = db.$client;
  return !sqlite.memory && sqlite.pragma("journal_mode", { simple: true }) === "wal" ? `${sqlite.name}-wal` : null;
}

/** Whether the connection's journal mode is WAL. */
export function inWalMode(db: Db): boolean {
  return db.$client.pragma("journal_mode", { simple: true }) === "wal";
}

/** PRAGMA synchronous value of FULL. */
const SYNC_FULL = 2;

/** Whether commits sync the WAL themselves (synchronous=FULL). */
export function syncsEveryCommit(db: Db): boolean {
  return pragmaValue(db, "synchronous") === SYNC_FULL;
}

/** FULL: every commit syncs; NORMAL (in WAL mode): commits do not sync the WAL, the caller does. */
export function setSynchronous(db: Db, level: "FULL" | "NORMAL"): void {
  pragmaValue(db, level === "FULL" ? "synchronous = FULL" : "synchronous = NORMAL"); // literal texts: called every group commit
}

/** WAL pages after which a commit runs SQLite's automatic checkpoint (0: never, 1000: SQLite's default). */
export function setAutoCheckpoint(db: Db, pages: number): void {
  db.$client.pragma(`wal_autocheckpoint = ${pages}`);
}

/**
 * Runs `fn` (synchronous) with the busy handler waiting at most `ms` for another connection's
 * write lock, then restores the connection's setting.
 */
export function withBusyTimeout<T>(db: Db, ms: number, fn: () => T): T {
  const before = db.$client.pragma("busy_timeout", { simple: true }) as number;
  db.$client.pragma(`busy_timeout = ${ms}`);
  try {
    return fn();
  } finally {
    db.$client.pragma(`busy_timeout = ${before}`);
  }
}
