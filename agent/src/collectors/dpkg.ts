// Debian packages from /var/lib/dpkg/status. Installed means "install ok installed" (or "hold ok
// installed": a package pinned with apt-mark hold is just as installed); "deinstall ok
// config-files" means removed with configuration left behind, and is not sent.
import { readFileSync } from "node:fs";
import type { SoftwareEntry } from "../../shared/protocol";
import { isFile, underRoot } from "../lib/paths";
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

/** "want error status": wanted install (or held), no error, and actually installed. */
export function isInstalledStatus(status: string): boolean {
  const [want, error, state] = status.trim().split(/\s+/);
  return (want === "install" || want === "hold") && error === "ok" && state === "installed";
}

/** Stanzas separated by blank lines; "Field: value" lines; continuation lines start with a space
 *  or tab and only extend multi-line fields (Description, Conffiles), which are not needed beyond
 *  their first line. One pass, no per-stanza maps: the file has thousands of stanzas. */
export function parseDpkgStatus(text: string): DpkgPackage[] {
  const out: DpkgPackage[] = [];
  let pkg: string | undefined;
  let status: string | undefined;
  let version: string | undefined;
  let maintainer: string | undefined;
  let description: string | undefined;
  const flush = () => {
    if (pkg) out.push({ package: pkg, status: status ?? "", version, maintainer, description, installed: isInstalledStatus(status ?? "") });
    pkg = status = version = maintainer = description = undefined;
  };
  const len = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < len) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = len;
    let lineEnd = end;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--; // CRLF
    const first = text.charCodeAt(pos);
    if (lineEnd === pos) {
      flush();
    } else if (first === 32 || first === 9) {
      // Continuation line, or a whitespace-only line that ends the stanza.
      let i = pos;
      while (i < lineEnd && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
      if (i === lineEnd) flush();
    } else {
      const colon = text.indexOf(":", pos);
      const n = colon - pos;
      // Only the wanted fields' name lengths are worth a slice (Status 6, Package/Version 7, ...).
      if (colon > pos && colon < lineEnd && (n === 6 || n === 7 || n === 10 || n === 11)) {
        const field = text.slice(pos, colon).toLowerCase();
        const value = () => text.slice(colon + 1, lineEnd).trim();
        if (field === "package") pkg = value();
        else if (field === "status") status = value();
        else if (field === "version") version = value();
        else if (field === "maintainer") maintainer = value();
        else if (field === "description") description = value();
      }
    }
    pos = end + 1;
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
  return pkgs.filter((p) => p.installed).map((p) => ({ source: "dpkg", name: p.package, version: p.version, publisher: maintainerName(p.maintainer), identifier: p.package }));
}

/** A string read as latin1 whose bytes are really UTF-8, decoded properly. */
function utf8FromLatin1(s: string | undefined): string | undefined {
  return s !== undefined && /[\x80-\xff]/.test(s) ? Buffer.from(s, "latin1").toString("utf8") : s;
}

async function collect(ctx: CollectContext) {
  // The status file is large (often megabytes) and nearly all ASCII: read it as latin1, a one-byte
  // string half the size of a decoded one, and decode the few fields that carry UTF-8.
  const pkgs = parseDpkgStatus(readFileSync(underRoot(ctx.root, STATUS_FILE), "latin1")).map((p) => ({
    ...p,
    maintainer: utf8FromLatin1(p.maintainer),
    description: utf8FromLatin1(p.description),
    version: utf8FromLatin1(p.version),
    package: utf8FromLatin1(p.package)!,
  }));
  return { entries: dpkgEntries(pkgs) };
}

export const dpkgCollector: Collector = {
  sources: ["dpkg"],
  platforms: ["linux"],
  applies: (ctx) => isFile(underRoot(ctx.root, STATUS_FILE)),
  collect,
};
