// What goes beside the packages: SHA256SUMS (GPG-signed when a key is given), the self-update
// manifests signed with the Ed25519 release key, and release.json, which the server reads to list
// the packages and offer updates.
import { createHash, createPrivateKey, createPublicKey, sign } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { AgentTarget, ReleaseManifest, UpdateOffer } from "../shared/protocol";
import { manifestText, type ReleaseFile } from "../shared/release";

export function sha256File(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

export function describeFile(file: string, format: ReleaseFile["format"], target: AgentTarget, signature: string): ReleaseFile {
  return { file: basename(file), format, target, size: statSync(file).size, sha256: sha256File(file), signature };
}

/** Loads the Ed25519 private key (PEM) and returns it with the PEM of its public half. */
export function loadReleaseKey(file: string): { privateKey: ReturnType<typeof createPrivateKey>; publicPem: string } {
  const privateKey = createPrivateKey(readFileSync(file));
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error(`MUSTER_RELEASE_KEY ${file}: must be an Ed25519 private key (openssl genpkey -algorithm ed25519)`);
  return { privateKey, publicPem: createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString() };
}

/** The signed manifest of one self-updatable build (an executable, or the JS bundle). */
export function signManifest(f: ReleaseFile, version: string, key: ReturnType<typeof createPrivateKey>): Omit<UpdateOffer, "url"> {
  const m: ReleaseManifest = { product: "muster-agent", version, target: f.target, file: f.file, size: f.size, sha256: f.sha256 };
  const manifest = manifestText(m);
  return { manifest, signature: sign(null, Buffer.from(manifest, "utf8"), key).toString("base64") };
}

export function writeSums(outDir: string, files: string[]): string {
  const sums = `${files.map((f) => `${sha256File(join(outDir, f))}  ${f}`).join("\n")}\n`;
  const out = join(outDir, "SHA256SUMS");
  writeFileSync(out, sums);
  return out;
}
