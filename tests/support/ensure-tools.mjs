// First step of `npm test`: the commands the test command runs must be installed and linked in
// node_modules/.bin. npm's configuration can leave them out of an install that looked fine:
// NODE_ENV=production, omit=dev or production=true skip the devDependencies (biome, vitest,
// Playwright, TypeScript), bin-links=false skips the links; every script then stops with
// "biome: not found". Then this installs them again, with flags that win over that configuration,
// and says why; it stops with a clear message if they are still missing.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const TOOLS = ["biome", "tsc", "next", "vitest", "playwright", "tsx"];
const missing = () => TOOLS.filter((t) => !isExecutable(path.join(root, "node_modules", ".bin", t)));

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const before = missing();
if (before.length > 0) {
  console.error(
    `npm test: ${before.join(", ")} not installed in node_modules/.bin (npm's configuration left out the devDependencies or the command links); installing them: npm ci --include=dev --include=optional --bin-links`,
  );
  const env = { ...process.env };
  delete env.NODE_ENV;
  const npm = process.env.npm_execpath;
  const [cmd, args] = npm ? [process.execPath, [npm]] : ["npm", []];
  const r = spawnSync(cmd, [...args, "ci", "--include=dev", "--include=optional", "--bin-links"], { cwd: root, env, stdio: "inherit" });
  const after = missing();
  if (r.status !== 0 || after.length > 0) {
    console.error(`npm test: still missing in node_modules/.bin: ${after.join(", ") || "(npm ci failed)"}. Check npm's configuration (npm config ls -l).`);
    process.exit(1);
  }
}
