// Release formats: the manifest (the signed description of one agent build: version, target,
// file, size, SHA-256) and release.json (the index of a packaged release). Shared by the packager
// (which signs and writes), the server (which reads and offers) and the agent (which verifies
// before it downloads anything). Pure apart from node:crypto.
import { createPublicKey, verify } from "node:crypto";
import { AGENT_TARGETS, type AgentTarget, type ReleaseManifest, type UpdateOffer } from "./protocol";

export type ReleaseFile = { file: string; format: "sea" | "js" | "deb" | "rpm" | "msi" | "macos"; target: AgentTarget; size: number; sha256: string; signature: string };

/** What release.json holds: agent/packaging/main.ts writes it, server/agent-updates/releases.ts reads it. */
export type ReleaseIndex = {
  product: "muster-agent";
  version: string;
  node: string;
  builtAt: string;
  signing: { authenticode: boolean; gpg: string | null; releaseKey: string | null };
  files: ReleaseFile[];
  updates: Omit<UpdateOffer, "url">[];
};

/** The exact text that is signed: fixed key order, no whitespace. */
export function manifestText(m: ReleaseManifest): string {
  return JSON.stringify({ product: m.product, version: m.version, target: m.target, file: m.file, size: m.size, sha256: m.sha256 });
}

export function parseVersion(v: string): [number, number, number] | null {
  const m = /^(\d{1,6})\.(\d{1,6})\.(\d{1,6})$/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** Negative when a < b, 0 when equal, positive when a > b; unparsable versions sort first. */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a) ?? [-1, -1, -1];
  const pb = parseVersion(b) ?? [-1, -1, -1];
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

export function parseManifest(text: string): ReleaseManifest | null {
  let v: Partial<ReleaseManifest>;
  try {
    v = JSON.parse(text) as Partial<ReleaseManifest>;
  } catch {
    return null;
  }
  const ok =
    v?.product === "muster-agent" &&
    typeof v.version === "string" &&
    parseVersion(v.version) !== null &&
    (AGENT_TARGETS as readonly string[]).includes(v.target as string) &&
    typeof v.file === "string" &&
    /^[A-Za-z0-9._-]{1,200}$/.test(v.file) &&
    Number.isSafeInteger(v.size) &&
    (v.size as number) > 0 &&
    typeof v.sha256 === "string" &&
    /^[0-9a-f]{64}$/.test(v.sha256);
  return ok ? (v as ReleaseManifest) : null;
}

/** True when `signature` (base64) is the release key's Ed25519 signature of `text`. */
export function verifyManifestSignature(text: string, signature: string, publicKeyPem: string): boolean {
  try {
    return verify(null, Buffer.from(text, "utf8"), createPublicKey(publicKeyPem), Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}
