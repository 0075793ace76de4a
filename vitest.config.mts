import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The test files that run again on PostgreSQL (`npm run test:postgres`, MUSTER_TEST_ENGINE=postgres):
 * those whose database comes from tests/support/db.ts (createTempDb), on a real PostgreSQL 15 that
 * tests/support/pg-global.ts starts for the run, and those whose server or CLI processes get their
 * database from testDatabase() or createTempDb() (startServer and runAdmin take a postgres:// URL).
 * A disk that refuses writes is the server's file size limit on SQLite and the database turned
 * read-only under it on PostgreSQL (tests/support/ops.ts refuseWrites).
 *
 * On SQLite only, and why:
 * - Both engines in the SQLite run already: tests/integration/db/postgres-*.test.ts, pg-*.test.ts,
 *   schema-parity, presence-counts and trigger-counts start their own cluster and compare or drive it themselves.
 * - SQLite's own machinery: ops/checkpointer (the WAL checkpointer), reliability/backup and
 *   backup-files (`admin backup` copies the SQLite file; it refuses DATABASE_URL),
 *   foundation/migrations (the SQLite history's table rebuild; drizzle/pg starts at today's schema),
 *   fleet/national-shards (the benchmark's sharded seed attaches SQLite files), demo/demo-story
 *   (the demo's story on SQLite; demo/demo-postgres runs the demo on a PostgreSQL it starts itself
 *   and compares its figures with SQLite's).
 * - The heavy fuzzer, reliability/fuzz-trpc (7,000 hostile calls and requests; its target is the
 *   input handling in front of the database): it takes either engine, and listed here it passes on
 *   PostgreSQL too (2.5 minutes; it found U+0000 failing every statement there), so run it so after
 *   changing how input reaches the stores. The access matrix (reliability/access) covers every
 *   procedure and route on both; the agent API's fuzzers (reliability/fuzz-agent-api, ingest/fuzz:
 *   under a minute together) run on both.
 * - No database of ours, or the agent's packaging: agent/* (a stand-in server), packages/* (the
 *   single executables and installers; self-update's minutes go to building and downloading them),
 *   enrollment/install-script, ops/deploy.
 * - tests/unit opens no database.
 */
const POSTGRES_SUITE = [
  "tests/integration/ingest/batch.test.ts",
  "tests/integration/ingest/checkin.test.ts",
  "tests/integration/ingest/counters.test.ts",
  "tests/integration/ingest/enroll.test.ts",
  "tests/integration/ingest/policies.test.ts",
  "tests/integration/ingest/waivers.test.ts",
  "tests/integration/ingest/writer.test.ts",
  "tests/integration/ingest/maintenance.test.ts",
  "tests/integration/ingest/http.test.ts",
  "tests/integration/catalog/exchange.test.ts",
  "tests/integration/catalog/local-policies.test.ts",
  "tests/integration/catalog/overlay-agent.test.ts",
  "tests/integration/foundation/trpc-scope.test.ts",
  "tests/integration/dashboard/services.test.ts",
  "tests/integration/dashboard/changes.test.ts",
  "tests/integration/dashboard/hostname-order.test.ts",
  "tests/integration/reports/builder.test.ts",
  "tests/integration/reports/draft-cache.test.ts",
  "tests/integration/reports/draft-preview.test.ts",
  "tests/integration/reports/fingerprint-engines.test.ts",
  "tests/integration/notify/aggregation.test.ts",
  "tests/integration/notify/delivery.test.ts",
  "tests/integration/notify/digest.test.ts",
  "tests/integration/notify/events.test.ts",
  "tests/integration/notify/subscriptions.test.ts",
  "tests/integration/import/behaviour.test.ts",
  "tests/integration/import/chunks.test.ts",
  "tests/integration/import/sources.test.ts",
  "tests/integration/foundation/admin-cli.test.ts",
  "tests/integration/foundation/signin-throttle-shared.test.ts",
  "tests/integration/foundation/bootstrap-multinode.test.ts",
  "tests/integration/ops/update-metrics.test.ts",
  "tests/integration/ops/multinode-maintenance.test.ts",
  "tests/integration/notify/lock-wait.test.ts",
  "tests/integration/notify/digest-multinode.test.ts",
  "tests/integration/notify/multinode.test.ts",
  "tests/integration/import/work-thread.test.ts",
  "tests/integration/ops/lock-wait.test.ts",
  "tests/integration/audit/search.test.ts",
  // The real server on PostgreSQL (startServer takes createTempDb's postgres:// URL).
  "tests/integration/reports/reports.test.ts",
  "tests/integration/ops/logs.test.ts",
  "tests/integration/ops/prometheus.test.ts",
  "tests/integration/ops/shutdown.test.ts",
  "tests/integration/reliability/headers.test.ts",
  "tests/integration/reliability/access.test.ts",
  "tests/integration/foundation/signin.test.ts",
  "tests/integration/foundation/oidc.test.ts",
  "tests/integration/ops/health.test.ts",
  "tests/integration/ops/maintenance-loop.test.ts",
  "tests/integration/reliability/startup-edges.test.ts",
  "tests/integration/ingest/agent-e2e.test.ts",
  "tests/integration/fleet/simulate.test.ts",
  "tests/integration/reliability/outage.test.ts",
  "tests/integration/notify/crash.test.ts",
  "tests/integration/reliability/fuzz-agent-api.test.ts",
  "tests/integration/ingest/fuzz.test.ts",
  // Accepted check-ins survive SIGKILLs (acknowledged after COMMIT); the file's integrity check is SQLite's part.
  "tests/integration/reliability/crash.test.ts",
];

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
