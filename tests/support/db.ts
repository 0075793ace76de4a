// A fresh, migrated SQLite file per test file (real database, never mocked).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, type Db, getDb, migrateDb } from "~/server/db/client";

export type TempDb = { db: Db; file: string; dir: string; cleanup: () => void };

export function tempDir(prefix = "muster-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function createTempDb(): TempDb {
  const dir = tempDir();
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
