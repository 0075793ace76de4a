// Vitest global setup with MUSTER_TEST_ENGINE=postgres: one PostgreSQL 15 cluster for the run (Debian's
// server binaries, a temporary folder, as `nobody` when the suite runs as root); each test file makes
// its own database on it (tests/support/db.ts). Its URL reaches the test processes as MUSTER_TEST_PG_URL.
import { startPostgres, type TempPostgres } from "./postgres";

let cluster: TempPostgres | null = null;

export async function setup(): Promise<void> {
  if (process.env.MUSTER_TEST_ENGINE !== "postgres") return;
  cluster = await startPostgres({ maxConnections: 100 });
  process.env.MUSTER_TEST_PG_URL = cluster.url;
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}
