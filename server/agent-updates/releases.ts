// The agent release the server ships: release.json written by `npm run agent:package` beside the
// packages (MUSTER_AGENT_PACKAGES). Read again only when the file changes; its update manifests are
// checked against the release key it names, so the dashboard can say what is signed.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { AgentTarget, UpdateOffer } from "~/agent/shared/protocol";
import { parseManifest, verifyManifestSignature, type ReleaseFile, type ReleaseIndex } from "~/agent/shared/release";
import { agentPackagesDir } from "../config";

export type Release = {
  dir: string;
  index: ReleaseIndex;
  /** Verified update offers by target (empty when the release has no release key). */
  offers: Map<AgentTarget, UpdateOffer>;
  /** Files that exist on disk, by name. */
  files: Map<string, ReleaseFile>;
};

let cached: { dir: string; mtimeMs: number; checkedAt: number; release: Release | null } | null = null;
/** release.json is looked at again at most this often (every check-in asks). */
const RECHECK_MS = 1000;

function load(dir: string): Release | null {
  let index: ReleaseIndex;
  try {
    index = JSON.parse(fs.readFileSync(path.join(dir, "release.json"), "utf8")) as ReleaseIndex;
  } catch {
    return null;
  }
  if (index?.product !== "muster-agent" || !Array.isArray(index.files)) return null;
  const files = new Map(index.files.filter((f) => /^[A-Za-z0-9._-]+$/.test(f.file) && fs.existsSync(path.join(dir, f.file))).map((f) => [f.file, f]));
  const offers = new Map<AgentTarget, UpdateOffer>();
  for (const u of index.updates ?? []) {
    const m = parseManifest(u.manifest);
    if (!m || !index.signing.releaseKey || !files.has(m.file) || !verifyManifestSignature(u.manifest, u.signature, index.signing.releaseKey)) continue;
    offers.set(m.target, { manifest: u.manifest, signature: u.signature, url: `/download/packages/${m.file}` });
  }
  return { dir, index, offers, files };
}

/** The release in the packages folder, or null when none has been built. */
export function currentRelease(dir = agentPackagesDir()): Release | null {
  const now = Date.now();
  if (cached && cached.dir === dir && now - cached.checkedAt < RECHECK_MS) return cached.release;
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(path.join(dir, "release.json")).mtimeMs;
  } catch {
    cached = { dir, mtimeMs: -1, checkedAt: now, release: null };
    return null;
  }
  if (!cached || cached.dir !== dir || cached.mtimeMs !== mtimeMs) cached = { dir, mtimeMs, checkedAt: now, release: load(dir) };
  cached.checkedAt = now;
  return cached.release;
}

/**
 * A file of the packages folder to download: a package listed in release.json, SHA256SUMS and its
 * signature, release.json, or a file of the signed apt repository. Null for anything else.
 */
export function packageFilePath(rel: string, dir = agentPackagesDir()): string | null {
  const parts = rel.split("/");
  if (!parts.length || parts.some((p) => !/^[A-Za-z0-9._+-]+$/.test(p) || p === "." || p === "..")) return null;
  const release = currentRelease(dir);
  const top = parts.length === 1 ? parts[0]! : null;
  const allowed = (top !== null && (release?.files.has(top) || ["SHA256SUMS", "SHA256SUMS.asc", "release.json"].includes(top))) || (parts[0] === "apt" && parts.length >= 2);
  if (!allowed) return null;
  const file = path.join(dir, ...parts);
  try {
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}
