// macOS application bundles: /Applications (and one level of vendor folders in it, which covers
// /Applications/Utilities) and each user's ~/Applications, read from Contents/Info.plist. Users
// control their ~/Applications: only regular files inside the scanned folder are read, size-capped
// (lib/safe-read.ts).
import { basename, join } from "node:path";
import type { SoftwareEntry } from "../../shared/protocol";
import { dictString, parsePlistDict } from "../lib/plist";
import { listDir, summarizeErrors, underRoot } from "../lib/paths";
import { readRegularFile } from "../lib/safe-read";
import type { Collector, CollectContext } from "./types";

export type AppInfo = { name: string; bundleId?: string; version?: string };

/** The useful fields of an Info.plist (XML or binary); null when it is not a dictionary. */
export function parseInfoPlist(data: Uint8Array | string, bundleDirName?: string): AppInfo | null {
  const d = parsePlistDict(data);
  if (!d) return null;
  const fallback = bundleDirName ? basename(bundleDirName).replace(/\.app$/i, "") : undefined;
  const name = dictString(d, "CFBundleDisplayName") ?? dictString(d, "CFBundleName") ?? fallback;
  if (!name) return null;
  return {
    name,
    bundleId: dictString(d, "CFBundleIdentifier"),
    version: dictString(d, "CFBundleShortVersionString") ?? dictString(d, "CFBundleVersion"),
  };
}

/** .app bundles in a folder, and in its non-bundle subfolders one level down. */
export function findAppBundles(dir: string): string[] {
  const out: string[] = [];
  for (const e of listDir(dir)) {
    const p = join(dir, e.name);
    if (!e.isDirectory() && !e.isSymbolicLink()) continue;
    if (/\.app$/i.test(e.name)) out.push(p);
    else if (e.isDirectory()) for (const sub of listDir(p)) if (/\.app$/i.test(sub.name)) out.push(join(p, sub.name));
  }
  return out;
}

async function collect(ctx: CollectContext) {
  const dirs = [underRoot(ctx.root, "/Applications")];
  for (const user of listDir(underRoot(ctx.root, "/Users"))) {
    if (user.isDirectory()) dirs.push(join(underRoot(ctx.root, "/Users"), user.name, "Applications"));
  }
  const entries: SoftwareEntry[] = [];
  const errors: string[] = [];
  for (const dir of dirs) {
    for (const bundle of findAppBundles(dir)) {
      let data: Buffer;
      try {
        data = await readRegularFile(join(bundle, "Contents", "Info.plist"), dir);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== "ENOENT" && code !== "ENOTDIR") errors.push((err as Error).message);
        continue; // a folder named .app without Info.plist is not an application
      }
      try {
        const info = parseInfoPlist(data, bundle);
        if (info) entries.push({ source: "macos-app", name: info.name, version: info.version, identifier: info.bundleId });
      } catch (err) {
        errors.push(`${bundle}: ${(err as Error).message}`);
      }
    }
  }
  return { entries, error: summarizeErrors(errors, "unreadable Info.plist files") };
}

export const macosAppsCollector: Collector = {
  sources: ["macos-app"],
  platforms: ["darwin"],
  applies: () => true,
  collect,
};
