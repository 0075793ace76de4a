import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, requireChromium } from "./server/lib/chromium";

// Fails loudly (never skips) when no Chromium is installed.
const executablePath = requireChromium();

// One server for the whole run (started by global-setup on this port).
process.env.MUSTER_E2E_PORT ??= "3217";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
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
