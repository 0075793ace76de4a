// Bundles the agent into one self-contained file: agent/dist/muster-agent.js (Node 20+, built-ins
// only). `npm run agent:build` runs this; the dashboard serves the result for download, and
// `npm run agent:package` builds the single executables and installers from it.
//
// Build-time settings (environment):
//   MUSTER_AGENT_VERSION        the version the agent reports (default: agent/src/version.ts)
//   MUSTER_RELEASE_PUBLIC_KEY   PEM file of the Ed25519 release public key self-updates must be
//                               signed with (default: agent/release-key.pub when present; without
//                               one the agent never updates itself)
import { build } from "esbuild";
import { createPublicKey } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const MAX_BYTES = 300 * 1024;

/** The release public key as PEM (SPKI), or "" when none is configured. Throws on a key that is not Ed25519. */
export function releasePublicKey(file = process.env.MUSTER_RELEASE_PUBLIC_KEY || (existsSync(join(here, "release-key.pub")) ? join(here, "release-key.pub") : "")) {
  if (!file) return "";
  const key = createPublicKey(readFileSync(file));
  if (key.asymmetricKeyType !== "ed25519") throw new Error(`${file}: the release key must be Ed25519 (got ${key.asymmetricKeyType})`);
  return key.export({ type: "spki", format: "pem" }).toString();
}

/** Builds the bundle; returns its path, size, catalog version and whether a release key is built in. */
export async function buildAgent({ outfile = join(here, "dist", "muster-agent.js"), version = process.env.MUSTER_AGENT_VERSION || undefined, publicKey = releasePublicKey() } = {}) {
  // The built-in catalog's version, computed once here rather than on every run of the agent.
  const probe = await build({ entryPoints: [join(here, "shared", "catalog", "index.ts")], bundle: true, platform: "node", format: "cjs", write: false, logLevel: "warning" });
  const catalogModule = { exports: {} };
  new Function("module", "exports", "require", probe.outputFiles[0].text)(catalogModule, catalogModule.exports, createRequire(import.meta.url));
  const catalogVersion = catalogModule.exports.BUILTIN_CATALOG.version;
  if (version !== undefined && !/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`MUSTER_AGENT_VERSION must look like 1.2.3 (got ${JSON.stringify(version)})`);

  await build({
    entryPoints: [join(here, "src", "cli.ts")],
    define: {
      __MUSTER_CATALOG_VERSION__: JSON.stringify(catalogVersion),
      __MUSTER_RELEASE_PUBLIC_KEY__: JSON.stringify(publicKey),
      ...(version ? { __MUSTER_AGENT_VERSION__: JSON.stringify(version) } : {}),
    },
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
  if (size > MAX_BYTES) throw new Error(`agent bundle is ${size} bytes, over the ${MAX_BYTES}-byte budget`);
  return { outfile, size, catalogVersion, signedUpdates: publicKey !== "" };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const r = await buildAgent();
    console.log(`agent/dist/muster-agent.js: ${(r.size / 1024).toFixed(1)} KB, catalog ${r.catalogVersion}, ${r.signedUpdates ? "release key built in" : "no release key (self-update off)"}`);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
