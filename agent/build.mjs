// Bundles the agent into one self-contained file: agent/dist/muster-agent.js (Node 20+, built-ins
// only). `npm run agent:build` runs this; the dashboard serves the result for download.
import { build } from "esbuild";
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outfile = join(here, "dist", "muster-agent.js");
const MAX_BYTES = 300 * 1024;

// The built-in catalog's version, computed once here rather than on every run of the agent.
const probe = await build({ entryPoints: [join(here, "src", "catalog", "index.ts")], bundle: true, platform: "node", format: "cjs", write: false, logLevel: "warning" });
const catalogModule = { exports: {} };
new Function("module", "exports", "require", probe.outputFiles[0].text)(catalogModule, catalogModule.exports, createRequire(import.meta.url));
const catalogVersion = catalogModule.exports.BUILTIN_CATALOG.version;

await build({
  entryPoints: [join(here, "src", "cli.ts")],
  define: { __MUSTER_CATALOG_VERSION__: JSON.stringify(catalogVersion) },
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: true,
  legalComments: "none",
  banner: { js: "#!/usr/bin/env node" },
  // Node built-ins only: anything else would be a runtime dependency the endpoint does not have.
  packages: "bundle",
  logLevel: "warning",
});

const size = statSync(outfile).size;
if (size > MAX_BYTES) {
  console.error(`agent bundle is ${size} bytes, over the ${MAX_BYTES}-byte budget`);
  process.exit(1);
}
console.log(`agent/dist/muster-agent.js: ${(size / 1024).toFixed(1)} KB, catalog ${catalogVersion}`);
