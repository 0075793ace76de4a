// macOS system extensions (/Library/SystemExtensions/db.plist): endpoint-security and network
// extensions that security products install, listed with their team and activation state. An
// Endpoint Security extension is marked (role), so the server counts it as protection even when
// the catalog does not know its product.
import type { SoftwareEntry } from "../../shared/protocol";
import { dictString, isDict, parsePlistDict, type PlistDict } from "../lib/plist";
import { underRoot } from "../lib/paths";
import { readRegularFile } from "../lib/safe-read";
import type { Collector, CollectContext } from "./types";

export type SystemExtension = { identifier: string; teamId?: string; state?: string; version?: string; app?: string; endpointSecurity: boolean };

const ES_CATEGORY = "com.apple.system_extension.endpoint_security";

/** The containing application's name ("/Applications/Foo Security.app" -> "Foo Security"). */
function appName(x: PlistDict): string | undefined {
  const container = x.container;
  const path = (isDict(container) ? dictString(container, "bundlePath") : undefined) ?? dictString(x, "originPath");
  const m = path ? /([^/]+)\.app(?:\/|$)/.exec(path) : null;
  return m?.[1];
}

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
    const categories = Array.isArray(x.categories) ? x.categories : [];
    out.push({ identifier, teamId: dictString(x, "teamID"), state: dictString(x, "state"), version, app: appName(x), endpointSecurity: categories.includes(ES_CATEGORY) });
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
    data = await readRegularFile(underRoot(ctx.root, "/Library/SystemExtensions/db.plist"), underRoot(ctx.root, "/Library/SystemExtensions"));
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
    // Name: the containing app (what officers recognise); publisher: the signing team id.
    entries.push({
      source: "macos-system-extension",
      name: x.app ?? x.identifier,
      version: x.version,
      ...(x.teamId ? { publisher: x.teamId } : {}),
      identifier: x.identifier,
      ...(x.endpointSecurity ? { role: "endpoint-security" as const } : {}),
    });
  }
  return { entries };
}

export const macosSystemExtensionsCollector: Collector = {
  sources: ["macos-system-extension"],
  platforms: ["darwin"],
  applies: () => true,
  collect,
};
