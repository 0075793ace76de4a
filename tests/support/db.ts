// A fresh, migrated database per test file (real database, never mocked): a SQLite file, or with
// MUSTER_TEST_ENGINE=postgres a new database on the PostgreSQL 15 cluster that the suite's global
// setup started (tests/support/pg-global.ts), reached through the server's own handle (db/client.ts).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, type Db, getDb, migrateDb } from "~/server/db/client";
import { SyncPgConnection } from "~/server/db/pg-sync";

export type TempDb = { db: Db; file: string; dir: string; cleanup: () => void };

export function tempDir(prefix = "muster-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The engine the suite runs on: MUSTER_TEST_ENGINE=postgres, else SQLite. */
export function testEngine(): "sqlite" | "postgres" {
  return process.env.MUSTER_TEST_ENGINE === "postgres" ? "postgres" : "sqlite";
}

/** A new empty database on the suite's cluster; its URL, and how to drop it. */
function createPgDatabase(): { url: string; drop: () => void } {
  const admin = process.env.MUSTER_TEST_PG_URL;
  if (!admin) throw new Error("MUSTER_TEST_ENGINE=postgres, but no cluster was started: run the suite through vitest (tests/support/pg-global.ts sets MUSTER_TEST_PG_URL)");
  const name = `t_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  const conn = new SyncPgConnection(admin);
  conn.query(`create database ${name}`);
  conn.close();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: () => {
      const c = new SyncPgConnection(admin);
      try {
        c.query(`drop database if exists ${name} with (force)`);
      } finally {
        c.close();
      }
    },
  };
}

/**
 * Where a server or CLI process under test keeps its data, on the suite's engine: `muster.db` in
 * `dir`, or a new empty PostgreSQL database (the process migrates it at start, as in production).
 * The cluster is the run's own and goes with it.
 */
export function testDatabase(dir: string): string {
  return testEngine() === "postgres" ? createPgDatabase().url : path.join(dir, "muster.db");
}

/** A migrated database of the suite's engine; `file` is its location (a file, or a postgres:// URL). */
export function createTempDb(): TempDb {
  const dir = tempDir();
  if (testEngine() === "postgres") {
    const { url, drop } = createPgDatabase();
    const db = getDb(url);
    migrateDb(db);
    return {
      db,
      file: url,
      dir,
      cleanup: () => {
        closeDb(url);
        drop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const file = path.join(dir, "muster.db");
  const db = getDb(file);
  migrateDb(db);
  return {
    db,
    file,
    dir,
    cleanup: () => {
      closeDb(file);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * PostgreSQL's counterpart of a disk that refuses writes (on SQLite the tests set the server's file
 * size limit to 0): the database turns read-only, as a full volume or a demoted primary leaves it,
 * and its sessions are ended, so that every connection's next statement fails and reconnects into a
 * read-only session. Returns the undo, which ends the sessions again so that they come back writable.
 */
export function refusePgWrites(url: string): () => void {
  const name = new URL(url).pathname.slice(1);
  const alter = (setting: string) => {
    const c = new SyncPgConnection(url);
    try {
      c.query("set default_transaction_read_only = off"); // this session's own, to undo it
      c.query(`alter database "${name}" ${setting}`);
      c.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
    } finally {
      c.close();
    }
  };
  alter("set default_transaction_read_only = on");
  return () => alter("reset default_transaction_read_only");
}
