// Debian packages from /var/lib/dpkg/status. Only "install ok installed" stanzas are installed;
// "deinstall ok config-files" means removed with configuration left behind, which is not sent.
import { readFileSync } from "node:fs";
import type { SoftwareEntry } from "../protocol";
import { isFile, splitLines, underRoot } from "../lib/paths";
import type { Collector, CollectContext } from "./types";

const STATUS_FILE = "/var/lib/dpkg/status";

export type DpkgPackage = {
  package: string;
  status: string;
  version?: string;
  maintainer?: string;
  description?: string;
  installed: boolean;
};

/** Stanzas separated by blank lines; "Field: value" lines; continuation lines start with a space or tab. */
export function parseDpkgStatus(text: string): DpkgPackage[] {
  const out: DpkgPackage[] = [];
  let fields = new Map<string, string>();
  let last: string | undefined;
  const flush = () => {
    const pkg = fields.get("package");
    if (pkg) {
      const status = fields.get("status") ?? "";
      out.push({
        package: pkg,
        status,
        version: fields.get("version"),
        maintainer: fields.get("maintainer"),
        description: fields.get("description")?.split("\n")[0],
        installed: /^install ok installed$/.test(status.trim().replace(/\s+/g, " ")),
      });
    }
    fields = new Map();
    last = undefined;
  };
  for (const line of splitLines(text)) {
    if (line.trim() === "") {
      flush();
      continue;
    }
    if (line[0] === " " || line[0] === "\t") {
      if (last) fields.set(last, `${fields.get(last)}\n${line.slice(1)}`);
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    last = line.slice(0, colon).toLowerCase();
    fields.set(last, line.slice(colon + 1).trim());
  }
  flush();
  return out;
}

/** "Kaspersky Lab <support@kaspersky.com>" -> "Kaspersky Lab" (the address is not needed). */
export function maintainerName(m: string | undefined): string | undefined {
  const name = m?.replace(/<[^>]*>/g, "").trim();
  return name || undefined;
}

export function dpkgEntries(pkgs: DpkgPackage[]): SoftwareEntry[] {
  return pkgs
    .filter((p) => p.installed)
    .map((p) => ({ source: "dpkg", name: p.package, version: p.version, publisher: maintainerName(p.maintainer), identifier: p.package }));
}

export const dpkgCollector: Collector = {
  sources: ["dpkg"],
  platforms: ["linux"],
  applies: (ctx) => isFile(underRoot(ctx.root, STATUS_FILE)),
  collect: async (ctx: CollectContext) => ({
    entries: dpkgEntries(parseDpkgStatus(readFileSync(underRoot(ctx.root, STATUS_FILE), "utf8"))),
  }),
};
