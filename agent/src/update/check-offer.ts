// The agent's side of a self-update offer; the formats it checks are in agent/shared/release.ts.
import type { AgentTarget, ReleaseManifest, UpdateOffer } from "../../shared/protocol";
import { compareVersions, parseManifest, verifyManifestSignature } from "../../shared/release";

export type OfferCheck = { ok: true; manifest: ReleaseManifest } | { ok: false; outcome: "refused" | "ignored"; reason: string; version?: string };

/**
 * What an agent of `current` version, running build `target`, makes of an offer. Nothing is
 * downloaded unless this says ok: the signature, the target and the version are checked first.
 */
export function checkOffer(offer: UpdateOffer, opts: { publicKey: string; current: string; target: AgentTarget }): OfferCheck {
  if (!opts.publicKey) return { ok: false, outcome: "refused", reason: "this agent was built without a release key: it cannot verify updates" };
  if (typeof offer?.manifest !== "string" || typeof offer.signature !== "string" || typeof offer.url !== "string") {
    return { ok: false, outcome: "refused", reason: "malformed update offer" };
  }
  if (!verifyManifestSignature(offer.manifest, offer.signature, opts.publicKey))
    return { ok: false, outcome: "refused", reason: "bad signature: the update is not signed with this agent's release key" };
  const m = parseManifest(offer.manifest);
  if (!m) return { ok: false, outcome: "refused", reason: "signed manifest is not valid" };
  if (m.target !== opts.target) return { ok: false, outcome: "refused", reason: `the update is for ${m.target}, this agent is ${opts.target}`, version: m.version };
  const cmp = compareVersions(m.version, opts.current);
  if (cmp === 0) return { ok: false, outcome: "ignored", reason: "already this version", version: m.version };
  if (cmp < 0) return { ok: false, outcome: "refused", reason: `downgrade refused: ${m.version} is older than ${opts.current}`, version: m.version };
  if (!/^\/download\/packages\/[A-Za-z0-9._-]+$/.test(offer.url)) return { ok: false, outcome: "refused", reason: "the update URL is not a package on this server", version: m.version };
  return { ok: true, manifest: m };
}
