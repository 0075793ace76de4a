// Release manifests: the signed description of one agent build (version, target, file, size,
// SHA-256). Shared by the packager (which signs), the server (which offers) and the agent (which
// verifies before it downloads anything). Pure apart from node:crypto.
import { createPublicKey, verify } from "node:crypto";
import { AGENT_TARGETS, type AgentTarget, type ReleaseManifest, type UpdateOffer } from "../protocol";

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
    typeof v.version === "string" && parseVersion(v.version) !== null &&
    (AGENT_TARGETS as readonly string[]).includes(v.target as string) &&
    typeof v.file === "string" && /^[A-Za-z0-9._-]{1,200}$/.test(v.file) &&
    Number.isSafeInteger(v.size) && (v.size as number) > 0 &&
    typeof v.sha256 === "string" && /^[0-9a-f]{64}$/.test(v.sha256);
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

export type OfferCheck =
  | { ok: true; manifest: ReleaseManifest }
  | { ok: false; outcome: "refused" | "ignored"; reason: string; version?: string };

/**
 * What an agent of `current` version, running build `target`, makes of an offer. Nothing is
 * downloaded unless this says ok: the signature, the target and the version are checked first.
 */
export function checkOffer(offer: UpdateOffer, opts: { publicKey: string; current: string; target: AgentTarget }): OfferCheck {
  if (!opts.publicKey) return { ok: false, outcome: "refused", reason: "this agent was built without a release key: it cannot verify updates" };
  if (typeof offer?.manifest !== "string" || typeof offer.signature !== "string" || typeof offer.url !== "string") {
    return { ok: false, outcome: "refused", reason: "malformed update offer" };
  }
  if (!verifyManifestSignature(offer.manifest, offer.signature, opts.publicKey)) return { ok: false, outcome: "refused", reason: "bad signature: the update is not signed with this agent's release key" };
  const m = parseManifest(offer.manifest);
  if (!m) return { ok: false, outcome: "refused", reason: "signed manifest is not valid" };
  if (m.target !== opts.target) return { ok: false, outcome: "refused", reason: `the update is for ${m.target}, this agent is ${opts.target}`, version: m.version };
  const cmp = compareVersions(m.version, opts.current);
  if (cmp === 0) return { ok: false, outcome: "ignored", reason: "already this version", version: m.version };
  if (cmp < 0) return { ok: false, outcome: "refused", reason: `downgrade refused: ${m.version} is older than ${opts.current}`, version: m.version };
  if (!/^\/download\/packages\/[A-Za-z0-9._-]+$/.test(offer.url)) return { ok: false, outcome: "refused", reason: "the update URL is not a package on this server", version: m.version };
  return { ok: true, manifest: m };
}
