import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The test files that run again on PostgreSQL (`npm run test:postgres`, MUSTER_TEST_ENGINE=postgres):
 * those whose database comes from tests/support/db.ts (createTempDb), on a real PostgreSQL 15 that
 * tests/support/pg-global.ts starts for the run. Files that start server processes choose their
 * engine themselves (tests/integration/db/postgres-*.test.ts run on PostgreSQL in the SQLite run);
 * the rest are not ported yet and run on SQLite only.
 */
const POSTGRES_SUITE = ["tests/integration/ingest/checkin.test.ts"];

const postgres = process.env.MUSTER_TEST_ENGINE === "postgres";

export default defineConfig({
  resolve: {
    alias: {
      "~": root,
      // `server-only` guards Next's client bundles; plain Node (tests, CLI) has none.
      "server-only": path.join(root, "server/runtime/empty.cjs"),
    },
  },
  test: {
    include: postgres ? POSTGRES_SUITE : ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/support/pg-global.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
