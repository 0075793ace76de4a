// Liveness and readiness. /healthz: the process answers. /readyz: the database is reachable and
// writable, its migrations are applied, and the server is neither starting nor shutting down.
// The database check writes one settings row in its own transaction (a disk that refuses writes
// fails it as it fails a check-in) and is kept for a second, so probes cost next to nothing.
import fs from "node:fs";
import path from "node:path";
import { databaseUrl } from "../config";
import { type Db, migrationsFolder } from "../db/client";
import { pgMigrationsFolder } from "../db/pg";
import { withBusyTimeout } from "../db/pragma";
import { isStorageError } from "../db/sql";
import { appliedMigrationCount, migrationsTableExists, writeReadinessProbe } from "./store";

export type Phase = "starting" | "ready" | "stopping";
export type Readiness = { ready: boolean; status: Phase | "unavailable"; reason?: string; checkedAt: string };

const CHECK_MS = 1_000;

/** Migrations the code ships for the configured engine (drizzle's journal: drizzle/, or drizzle/pg/ with DATABASE_URL). */
export function expectedMigrations(folder = databaseUrl() ? pgMigrationsFolder() : migrationsFolder()): number {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  return journal.entries.length;
}

/** Migrations recorded as applied in the database (0 when none ever ran). */
export function appliedMigrations(db: Db): number {
  return migrationsTableExists(db) ? appliedMigrationCount(db) : 0;
}

/** Longest the probe waits for another writer (it runs on the event loop). */
const PROBE_BUSY_MS = 50;

/**
 * One small write in its own transaction: fails when the disk is full, read-only or failing.
 * Returns false when another connection held the write lock longer than PROBE_BUSY_MS (a busy
 * database, not a broken one).
 */
export function probeWrite(db: Db, now = Date.now()): boolean {
  return withBusyTimeout(db, PROBE_BUSY_MS, () => {
    try {
      db.$client
        .transaction(() => {
          writeReadinessProbe(db, String(now));
        })
        .immediate();
      return true;
    } catch (err) {
      if (/^SQLITE_BUSY/.test(String((err as { code?: string }).code))) return false;
      throw err;
    }
  });
}

/** Database part of readiness: null when fine, the reason when not, undefined when busy (unknown). */
export function databaseProblem(db: Db, expected: number): string | null | undefined {
  try {
    const applied = appliedMigrations(db);
    if (applied < expected) return `database migrations not applied (${applied} of ${expected})`;
    return probeWrite(db) ? null : undefined;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (isStorageError(err)) return `database not writable (${code})`;
    return `database check failed: ${(err as Error).message}`;
  }
}

const STARTING_REASON = "starting: applying migrations and preparing the dashboard";

/** Readiness over time: the phase the server is in, plus the database check (cached a second). */
export function createReadiness(expected = expectedMigrations()) {
  let phase: Phase = "starting";
  let db: Db | null = null;
  let last: { at: number; problem: string | null } | null = null;
  return {
    get phase() {
      return phase;
    },
    ready(database: Db) {
      db = database;
      phase = "ready";
    },
    stopping() {
      phase = "stopping";
    },
    check(now = Date.now()): Readiness {
      const checkedAt = new Date(now).toISOString();
      if (phase === "starting") return { ready: false, status: "starting", reason: STARTING_REASON, checkedAt };
      if (phase === "stopping") return { ready: false, status: "stopping", reason: "shutting down: finishing requests in flight", checkedAt };
      if (!last || now - last.at >= CHECK_MS) {
        const problem = databaseProblem(db!, expected);
        // Busy: another writer held the lock; keep the last answer rather than guess.
        last = { at: now, problem: problem === undefined ? (last?.problem ?? null) : problem };
      }
      return last.problem ? { ready: false, status: "unavailable", reason: last.problem, checkedAt } : { ready: true, status: "ready", checkedAt };
    },
  };
}
export type ReadinessState = ReturnType<typeof createReadiness>;
