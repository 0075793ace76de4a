// Builds a fresh seeded database and starts the production server once for all e2e tests.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, startServer, TS_NODE_ARGS } from "../support/server";

export default async function globalSetup() {
  const dir = path.join(ROOT, "test-results", "e2e-data");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const databasePath = path.join(dir, "muster.db");
  const env = { ...process.env, DATABASE_PATH: databasePath };
  execFileSync(process.execPath, [...TS_NODE_ARGS, path.join(ROOT, "tests/e2e/seed.ts")], { cwd: ROOT, env, stdio: "inherit" });
  const server = await startServer({ databasePath, port: Number(process.env.MUSTER_E2E_PORT) });
  process.env.MUSTER_E2E_DB = databasePath;
  (globalThis as { __musterE2E?: typeof server }).__musterE2E = server;
}
