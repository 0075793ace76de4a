// Finds a Chromium for PDF rendering and the browser tests: CHROMIUM_PATH, then Debian's
// /usr/bin/chromium, then Playwright's own browser folder. Never downloads anything.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { config } from "../config";

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

export const CHROMIUM_HELP = "No Chromium found. Install Debian's package (sudo apt-get install -y chromium), or point CHROMIUM_PATH at a Chromium or Chrome binary.";

function playwrightBrowsers(): string[] {
  const root = config.playwrightBrowsersPath || path.join(os.homedir(), ".cache", "ms-playwright");
  let dirs: string[] = [];
  try {
    dirs = fs
      .readdirSync(/*turbopackIgnore: true*/ root)
      .filter((d) => d.startsWith("chromium"))
      .sort()
      .reverse();
  } catch {
    return [];
  }
  return dirs.flatMap((d) => [
    path.join(root, d, "chrome-linux64", "chrome"),
    path.join(root, d, "chrome-linux", "chrome"),
    path.join(root, d, "chrome-linux", "headless_shell"),
    path.join(root, d, "chrome-mac", "Chromium.app", "Contents", "MacOS", "Chromium"),
  ]);
}

export function findChromium(): string | null {
  const fromEnv = config.chromiumPath;
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : null;
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser", ...playwrightBrowsers()]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

export function requireChromium(): string {
  const found = findChromium();
  if (!found) {
    const where = config.chromiumPath ? ` (CHROMIUM_PATH=${config.chromiumPath} does not exist)` : "";
    throw new Error(`${CHROMIUM_HELP}${where}`);
  }
  return found;
}
