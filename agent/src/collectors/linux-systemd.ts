// systemd service units installed on disk (/etc/systemd/system, /lib/systemd/system,
// /usr/lib/systemd/system): unit file name and its Description=. Units outlive packages when a
// product was installed from a tarball or its removal failed half-way.
import { readFileSync, readlinkSync, realpathSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import type { SoftwareEntry } from "../../shared/protocol";
import { listDir, underRoot } from "../lib/paths";
import type { Collector, CollectContext } from "./types";

export const UNIT_DIRS = ["/etc/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system"];

/** Description= of the [Unit] section (the last one wins, as in systemd). Stops at the next
 *  section: [Unit] comes first in practice, so most of each file is never split. */
export function parseUnitDescription(text: string): string | undefined {
  let inUnit = false;
  let description: string | undefined;
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end).trim();
    pos = end + 1;
    if (!line || line[0] === "#" || line[0] === ";") continue;
    if (line[0] === "[") {
      if (inUnit && line !== "[Unit]") {
        // a later [Unit] section could still follow; rare enough to read on only if one does
        const next = text.indexOf("\n[Unit]", pos - 1);
        if (next < 0) break;
        pos = next + 1;
        continue;
      }
      inUnit = line === "[Unit]";
      continue;
    }
    if (!inUnit) continue;
    const m = /^Description\s*=\s*(.*)$/.exec(line);
    if (m) description = m[1]!.trim() || undefined;
  }
  return description;
}

export function unitEntry(unit: string, description: string | undefined): SoftwareEntry {
  return { source: "linux-systemd", name: description ?? unit, identifier: unit };
}

async function collect(ctx: CollectContext) {
  const entries: SoftwareEntry[] = [];
  const seenDirs = new Set<string>();
  const seenUnits = new Set<string>();
  for (const dir of UNIT_DIRS.map((d) => underRoot(ctx.root, d))) {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      continue; // folder absent
    }
    if (seenDirs.has(real)) continue; // /lib -> /usr/lib on merged-/usr systems
    seenDirs.add(real);
    for (const e of listDir(dir)) {
      if (!e.name.endsWith(".service") || seenUnits.has(e.name)) continue;
      let file = join(dir, e.name);
      if (e.isSymbolicLink()) {
        let target = "";
        try {
          target = readlinkSync(file);
        } catch {
          // unreadable link: treat as a unit we cannot describe
        }
        if (target === "/dev/null") continue; // masked unit
        // An absolute link means the path on the endpoint: below --root it must be re-rooted.
        if (isAbsolute(target)) file = underRoot(ctx.root, target);
      } else if (!e.isFile()) continue;
      seenUnits.add(e.name);
      let description: string | undefined;
      try {
        description = parseUnitDescription(readFileSync(file, "utf8"));
      } catch {
        // dangling alias link or unreadable file: the unit name alone still identifies it
      }
      entries.push(unitEntry(e.name, description));
    }
  }
  return { entries };
}

export const linuxSystemdCollector: Collector = {
  sources: ["linux-systemd"],
  platforms: ["linux"],
  applies: () => true,
  collect,
};
