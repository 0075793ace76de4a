// The pinned Node binary of a target: `npm pack` of its registry package into a cache (nothing is
// downloaded outside the npm registry), the tarball's SHA-512 checked against the pinned integrity,
// then the binary extracted. A cached binary is reused while its tarball still matches.
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { NODE_VERSION, type TargetSpec } from "./targets";
import { sh } from "./tools";

export function sri(file: string): string {
  return `sha512-${createHash("sha512").update(readFileSync(file)).digest("base64")}`;
}

/** Path of the target's node binary, fetched and verified on first use. */
export function nodeBinary(t: TargetSpec, cacheDir: string): string {
  const dir = join(cacheDir, `node-${NODE_VERSION}-${t.id}`);
  const tgz = join(dir, `${t.npm}-${NODE_VERSION}.tgz`);
  const bin = join(dir, t.os === "windows" ? "node.exe" : "node");
  if (existsSync(bin) && existsSync(tgz) && sri(tgz) === t.integrity) return bin;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  sh("npm", ["pack", `${t.npm}@${NODE_VERSION}`, "--pack-destination", dir, "--silent"], { cwd: dir });
  const got = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  if (!got) throw new Error(`npm pack ${t.npm}@${NODE_VERSION} produced no tarball`);
  if (join(dir, got) !== tgz) renameSync(join(dir, got), tgz);
  const integrity = sri(tgz);
  if (integrity !== t.integrity) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${t.npm}@${NODE_VERSION}: tarball integrity ${integrity} does not match the pinned ${t.integrity}`);
  }
  sh("tar", ["-xzf", tgz, "-C", dir, t.binary]);
  renameSync(join(dir, t.binary), bin);
  rmSync(join(dir, "package"), { recursive: true, force: true });
  chmodSync(bin, 0o755);
  return bin;
}
