// macOS system extensions (/Library/SystemExtensions/db.plist): endpoint-security and network
// extensions that security products install, listed with their team and activation state.
import { readFileSync } from "node:fs";
import type { SoftwareEntry } from "../protocol";
import { dictString, isDict, parsePlistDict } from "../lib/plist";
import { underRoot } from "../lib/paths";
import type { Collector, CollectContext } from "./types";

export type SystemExtension = { identifier: string; teamId?: string; state?: string; version?: string };

export function parseSystemExtensionsDb(data: Uint8Array | string): SystemExtension[] {
  const d = parsePlistDict(data);
  const list = d?.extensions;
  if (!Array.isArray(list)) return [];
  const out: SystemExtension[] = [];
  for (const x of list) {
    if (!isDict(x)) continue;
    const identifier = dictString(x, "identifier");
    if (!identifier) continue;
    const bv = x.bundleVersion;
    const version = isDict(bv) ? (dictString(bv, "CFBundleShortVersionString") ?? dictString(bv, "CFBundleVersion")) : undefined;
    out.push({ identifier, teamId: dictString(x, "teamID"), state: dictString(x, "state"), version });
  }
  return out;
}

/** Extensions that were fully uninstalled leave no trace; every other state is still on disk. */
export function isPresent(ext: SystemExtension): boolean {
  return ext.state !== "uninstalled";
}

async function collect(ctx: CollectContext) {
  let data: Buffer;
  try {
    data = readFileSync(underRoot(ctx.root, "/Library/SystemExtensions/db.plist"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { entries: [] };
    throw err;
  }
  const seen = new Set<string>();
  const entries: SoftwareEntry[] = [];
  for (const x of parseSystemExtensionsDb(data).filter(isPresent)) {
    const k = `${x.identifier}\0${x.version ?? ""}`;
    if (seen.has(k)) continue;
    seen.add(k);
    entries.push({ source: "macos-system-extension", name: x.identifier, version: x.version, identifier: x.identifier });
  }
  return { entries };
}

export const macosSystemExtensionsCollector: Collector = {
  sources: ["macos-system-extension"],
  platforms: ["darwin"],
  applies: () => true,
  collect,
};
