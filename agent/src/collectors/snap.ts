// Snap packages via `snap list` (only on a live system with snapd).
import type { SoftwareEntry } from "../../shared/protocol";
import { splitLines } from "../lib/paths";
import type { Collector, CollectContext } from "./types";

export type SnapPackage = { name: string; version?: string; publisher?: string };

/** Columns: Name Version Rev Tracking Publisher Notes; verified publishers carry a ✓ (or * in ASCII mode). */
export function parseSnapList(text: string): SnapPackage[] {
  const lines = splitLines(text).filter((l) => l.trim());
  const header = lines[0];
  if (!header || !/^Name\s+Version\s+Rev/.test(header)) return [];
  const out: SnapPackage[] = [];
  for (const line of lines.slice(1)) {
    const cols = line.trim().split(/\s+/);
    const [name, version, , , publisher] = cols;
    if (!name) continue;
    const pub = publisher?.replace(/[✓✪*]+$/u, "");
    out.push({ name, version: version || undefined, publisher: pub && pub !== "-" ? pub : undefined });
  }
  return out;
}

export function snapEntries(pkgs: SnapPackage[]): SoftwareEntry[] {
  return pkgs.map((p) => ({ source: "snap", name: p.name, version: p.version, publisher: p.publisher, identifier: p.name }));
}

async function collect(ctx: CollectContext) {
  const r = await ctx.exec(ctx.which("snap")!, ["list", "--unicode=never", "--color=never"]);
  // "No snaps are installed yet." goes to stderr with exit 0.
  if (r.code !== 0) throw new Error(`snap list failed (exit ${r.code}): ${r.stderr.trim().split("\n")[0] ?? ""}`);
  return { entries: snapEntries(parseSnapList(r.stdout)) };
}

export const snapCollector: Collector = {
  sources: ["snap"],
  platforms: ["linux"],
  applies: (ctx) => ctx.live && ctx.which("snap") !== null,
  collect,
};
