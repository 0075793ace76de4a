// The demo on PostgreSQL (`npm run demo -- --database postgres://…`). Seeding through the app on
// PostgreSQL is slow (about 20 endpoints/s over the synchronous bridge), so the demo story is
// seeded into a temporary SQLite file, in a process of its own (the same code as the SQLite demo,
// nothing of it left in the server's caches), and copied into PostgreSQL in bulk (db/sqlite-to-pg.ts).
//
// Never onto real data: the demo uses an empty database, or one it made itself (the demo marker,
// db/demo-marker.ts), which it reuses, or with --reset replaces. Anything else is refused before
// anything is written.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describePostgresUrl, explainPgError } from "../db/pg";
import { type PgContents, readPgContents } from "../db/pg-contents";
import { copySqliteToPostgres } from "../db/sqlite-to-pg";
import { planDemo } from "./plan";

const INSTEAD = "Give the demo a database of its own: createdb muster_demo, then npm run demo -- --database postgres://USER:PASSWORD@HOST:PORT/muster_demo";

async function inspect(url: string): Promise<PgContents> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, application_name: "muster demo" });
  try {
    await client.connect();
    return await readPgContents(client);
  } catch (err) {
    throw explainPgError(err, url);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Seeds the demo into a new SQLite file in a child process (server/demo/seed-file.ts); its lines go to this terminal. `abort` stops it. */
function seedSqliteFile(file: string, abort: AbortSignal): Promise<void> {
  const entry = path.join(__dirname, "seed-file.ts");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, entry], {
      env: { ...process.env, DATABASE_PATH: file, DATABASE_URL: "" },
      stdio: ["ignore", "inherit", "inherit"],
      signal: abort,
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`seeding the demo failed (${signal ?? `exit ${code}`})`))));
  });
}

/**
 * What the demo will do with the PostgreSQL database at `url`: reuse it when the demo made it
 * (unless `reset`), seed it when empty or `reset`; throws, saying why, when it holds other data.
 */
export async function planPostgresDemo(url: string, opts: { reset: boolean; log: (line: string) => void }): Promise<"seed" | "reuse"> {
  const where = describePostgresUrl(url);
  const plan = planDemo(await inspect(url), { where: `PostgreSQL at ${where}`, reset: opts.reset, instead: INSTEAD });
  if (plan.action === "refuse") throw new Error(plan.reason);
  if (plan.action === "reuse") opts.log(`Reusing the demo database at ${where} (npm run demo -- --reset starts over).`);
  return plan.action;
}

/**
 * Seeds the demo into a temporary SQLite file and copies it into `url` (empty, or the demo's own: it is replaced).
 * Stopped meanwhile (Ctrl+C, SIGTERM), it stops the seeding process and removes the temporary folder
 * before it exits; the copy is one transaction, so PostgreSQL is left as it was.
 */
export async function seedPostgresDemo(url: string, log: (line: string) => void): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "muster-demo-"));
  const seeding = new AbortController();
  // The seeding process may still be writing its journal while the folder goes: retry then.
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  const stop = (signal: NodeJS.Signals) => {
    seeding.abort();
    removeDir();
    process.exit(128 + os.constants.signals[signal]);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    const file = path.join(dir, "demo.db");
    await seedSqliteFile(file, seeding.signal);
    const copy = await copySqliteToPostgres(file, url, { log, replaceDemo: true });
    const rows = copy.tables.reduce((n, t) => n + t.rows, 0);
    log(`Copied ${rows.toLocaleString("en")} rows into PostgreSQL at ${describePostgresUrl(url)} in ${(copy.ms / 1000).toFixed(1)} s`);
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    removeDir();
  }
}
