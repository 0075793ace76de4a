// macOS launch daemons and agents (/Library/LaunchDaemons, /Library/LaunchAgents): the labels of
// the background jobs products leave behind, remnants included.
import { join } from "node:path";
import type { SoftwareEntry } from "../../shared/protocol";
import { dictString, parsePlistDict } from "../lib/plist";
import { listDir, summarizeErrors, underRoot } from "../lib/paths";
import { readRegularFile } from "../lib/safe-read";
import type { Collector, CollectContext } from "./types";

export const LAUNCHD_DIRS = ["/Library/LaunchDaemons", "/Library/LaunchAgents"];

export function parseLaunchdLabel(data: Uint8Array | string): string | null {
  const d = parsePlistDict(data);
  return (d && dictString(d, "Label")) ?? null;
}

async function collect(ctx: CollectContext) {
  const entries: SoftwareEntry[] = [];
  const errors: string[] = [];
  for (const dir of LAUNCHD_DIRS.map((d) => underRoot(ctx.root, d))) {
    for (const e of listDir(dir)) {
      if (!e.name.endsWith(".plist")) continue;
      let label: string | null = null;
      try {
        label = parseLaunchdLabel(await readRegularFile(join(dir, e.name), dir));
      } catch (err) {
        errors.push(`${e.name}: ${(err as Error).message}`);
      }
      const id = label ?? e.name.replace(/\.plist$/, "");
      entries.push({ source: "macos-launchd", name: id, identifier: id });
    }
  }
  return { entries, error: summarizeErrors(errors, "unreadable launchd plists") };
}

export const macosLaunchdCollector: Collector = {
  sources: ["macos-launchd"],
  platforms: ["darwin"],
  applies: () => true,
  collect,
};
