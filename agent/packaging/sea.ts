// Single executable applications: one SEA blob made from the agent bundle by the pinned linux-x64
// Node (code cache and snapshot off, so the blob is the same for every target), injected with
// postject into each target's Node binary. Windows binaries lose Node's own Authenticode
// signature first (injection would break it; ours is added after). macOS binaries keep an invalid
// signature that `codesign` replaces on a Mac (see macos.ts); Linux has none.
import { copyFileSync, chmodSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { removeSignature } from "./authenticode";
import type { TargetSpec } from "./targets";
import { sh } from "./tools";

const SENTINEL_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

/** Writes the SEA blob for `bundle` with `linuxNode` (it must run here: linux-x64). */
export function makeSeaBlob(bundle: string, linuxNode: string, workDir: string): string {
  if (process.platform !== "linux" || process.arch !== "x64") throw new Error("agent:package runs on linux-x64 (it runs the pinned linux-x64 Node to make the SEA blob)");
  const blob = join(workDir, "sea-prep.blob");
  const config = join(workDir, "sea-config.json");
  writeFileSync(config, JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false }));
  sh(linuxNode, ["--experimental-sea-config", config], { cwd: workDir });
  return blob;
}

export function injectSea(t: TargetSpec, nodeBin: string, blob: string, out: string): void {
  rmSync(out, { force: true });
  if (t.os === "windows") removeSignature(nodeBin, out);
  else copyFileSync(nodeBin, out);
  chmodSync(out, 0o755);
  const postject = require.resolve("postject/dist/cli.js");
  const args = [postject, out, "NODE_SEA_BLOB", blob, "--sentinel-fuse", SENTINEL_FUSE, ...(t.os === "darwin" ? ["--macho-segment-name", "NODE_SEA"] : [])];
  sh(process.execPath, args);
}
