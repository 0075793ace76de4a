import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, requireChromium } from "./server/lib/chromium";

// Fails loudly (never skips) when no Chromium is installed.
const executablePath = requireChromium();

// One server for the whole run (started by global-setup on this port).
process.env.MUSTER_E2E_PORT ??= "3217";

/**
 * The browser tests that run again with the server on PostgreSQL (`npm run test:e2e:postgres`,
 * MUSTER_E2E_ENGINE=postgres): every role's pages, the figures against the database, the officer's
 * week, the local catalog and policies, reports with their PDFs, enrollment and the security edges.
 * The rest (the language walks, accessibility and pseudo-locale passes over every page, imports,
 * notifications, agent packages, the Dutch removal pages) test pages and texts, not the engine,
 * and run on SQLite only: the whole list twice would take CI's time twice.
 */
const POSTGRES_E2E = [
  "foundation",
  "dashboard-overview",
  "dashboard-endpoints",
  "dashboard-findings",
  "dashboard-roles",
  "dashboard-enrollment",
  "local-catalog-and-policies",
  "officer-week",
  "reports",
  "security-edges",
].map((name) => `**/${name}.spec.ts`);
const postgres = process.env.MUSTER_E2E_ENGINE === "postgres";

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: postgres ? POSTGRES_E2E : "**/*.spec.ts",
  outputDir: postgres ? "test-results/e2e-postgres" : "test-results/e2e",
  globalSetup: "./tests/e2e/global-setup.ts",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${process.env.MUSTER_E2E_PORT}`,
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    viewport: { width: 1400, height: 900 },
    locale: "en-GB",
    timezoneId: "Europe/Amsterdam",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
