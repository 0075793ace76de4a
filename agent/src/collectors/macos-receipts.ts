// macOS installer receipts (/private/var/db/receipts/*.plist): every package installed with
// Installer, which often outlives the application it installed.
import { join } from "node:path";
import type { SoftwareEntry } from "../../shared/protocol";
import { dictString, parsePlistDict } from "../lib/plist";
import { listDir, summarizeErrors, underRoot } from "../lib/paths";
import { readRegularFile } from "../lib/safe-read";
import type { Collector, CollectContext } from "./types";

export type Receipt = { packageId: string; version?: string };

export function parseReceipt(data: Uint8Array | string): Receipt | null {
  const d = parsePlistDict(data);
  const packageId = d && dictString(d, "PackageIdentifier");
  if (!d || !packageId) return null;
  return { packageId, version: dictString(d, "PackageVersion") };
}

async function collect(ctx: CollectContext) {
  const dir = underRoot(ctx.root, "/private/var/db/receipts");
  const entries: SoftwareEntry[] = [];
  const errors: string[] = [];
  for (const e of listDir(dir)) {
    if (!e.name.endsWith(".plist")) continue;
    try {
      const r = parseReceipt(await readRegularFile(join(dir, e.name), dir));
      if (r) entries.push({ source: "macos-receipt", name: r.packageId, version: r.version, identifier: r.packageId });
    } catch (err) {
      errors.push(`${e.name}: ${(err as Error).message}`);
    }
  }
  return { entries, error: summarizeErrors(errors, "unreadable receipts") };
}

export const macosReceiptsCollector: Collector = {
  sources: ["macos-receipt"],
  platforms: ["darwin"],
  applies: () => true,
  collect,
};
