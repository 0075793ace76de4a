// Flatpak applications via `flatpak list` (only on a live system with flatpak).
import type { SoftwareEntry } from "../../shared/protocol";
import { splitLines } from "../lib/paths";
import type { Collector, CollectContext } from "./types";

export type FlatpakApp = { application: string; version?: string; origin?: string };

/** Tab-separated application, version, origin; a header line appears only on a terminal. */
export function parseFlatpakList(text: string): FlatpakApp[] {
  const out: FlatpakApp[] = [];
  for (const line of splitLines(text)) {
    if (!line.trim() || /^Application( ID)?\b/.test(line)) continue;
    const cols = line.includes("\t") ? line.split("\t") : line.trim().split(/\s{2,}/);
    const [application, version, origin] = cols.map((c) => c.trim());
    if (!application) continue;
    out.push({ application, version: version || undefined, origin: origin || undefined });
  }
  return out;
}

export function flatpakEntries(apps: FlatpakApp[]): SoftwareEntry[] {
  return apps.map((a) => ({ source: "flatpak", name: a.application, version: a.version, identifier: a.application }));
}

async function collect(ctx: CollectContext) {
  const r = await ctx.exec(ctx.which("flatpak")!, ["list", "--app", "--columns=application,version,origin"]);
  if (r.code !== 0) throw new Error(`flatpak list failed (exit ${r.code}): ${r.stderr.trim().split("\n")[0] ?? ""}`);
  return { entries: flatpakEntries(parseFlatpakList(r.stdout)) };
}

export const flatpakCollector: Collector = {
  sources: ["flatpak"],
  platforms: ["linux"],
  applies: (ctx) => ctx.live && ctx.which("flatpak") !== null,
  collect,
};
