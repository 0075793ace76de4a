// `npm run demo`: builds Muster if needed, seeds a demo deployment on the embedded SQLite
// database and serves the dashboard. A second run reuses the database unless --reset.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { seedDemo } from "./seed";

const { values } = parseArgs({
  options: { reset: { type: "boolean" }, port: { type: "string" }, help: { type: "boolean", short: "h" } },
});
if (values.help) {
  console.log("Usage: npm run demo [-- --reset] [-- --port 3000]\n\nSeeds a demo fleet into ./data/demo.db (or DATABASE_PATH) and serves the dashboard.");
  process.exit(0);
}

const root = process.cwd();
process.env.DATABASE_PATH ||= path.join(root, "data", "demo.db");
if (values.port) process.env.PORT = values.port;
Object.assign(process.env, { NODE_ENV: "production" });

if (values.reset) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${process.env.DATABASE_PATH}${suffix}`, { force: true });
}

const distDir = process.env.NEXT_DIST_DIR || ".next";
if (!fs.existsSync(path.join(root, distDir, "BUILD_ID"))) {
  console.log("Building Muster (first run only)…");
  execFileSync("npm", ["run", "build"], { stdio: "inherit", cwd: root });
}

async function main() {
  const accounts = await seedDemo();
  const port = process.env.PORT || "3000";
  console.log(`\nMuster demo: http://localhost:${port}\n`);
  console.log("Demo accounts (password for all: " + accounts.password + "):");
  for (const a of accounts.users) console.log(`  ${a.role.padEnd(15)} ${a.email}${a.agency ? ` (${a.agency})` : ""}`);
  console.log("");
  await import("../main");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
