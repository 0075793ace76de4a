// The e2e seed (tests/e2e/seed.ts: 60 endpoints over six agencies, three weeks replayed through
// ingest) in a fresh database of the suite's engine (tests/support/db.ts). The seed runs as its own
// process, as in the e2e suite; it reaches the database as a server would: DATABASE_URL on
// PostgreSQL (DATABASE_PATH still names the folder for the auth secret), DATABASE_PATH on SQLite.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { createTempDb, type TempDb, testEngine } from "../../support/db";
import { ROOT, TS_NODE_ARGS } from "../../support/server";

export function seededDb(): TempDb {
  const t = createTempDb();
  const target = testEngine() === "postgres" ? { DATABASE_URL: t.file, DATABASE_PATH: path.join(t.dir, "muster.db") } : { DATABASE_PATH: t.file };
  try {
    execFileSync(process.execPath, [...TS_NODE_ARGS, path.join(ROOT, "tests/e2e/seed.ts")], { cwd: ROOT, env: { ...process.env, ...target }, stdio: "pipe" });
  } catch (err) {
    t.cleanup();
    throw err;
  }
  return t;
}
