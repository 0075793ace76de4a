// RPM packages via `rpm -qa` with a tab-separated query format; with --root, rpm reads the
// database below the root (--root DIR), so images and forensic copies can be scanned too.
import type { SoftwareEntry } from "../../shared/protocol";
import { isFile, splitLines, underRoot } from "../lib/paths";
import type { Collector, CollectContext } from "./types";

export const RPM_QUERY_FORMAT = "%{NAME}\\t%{VERSION}-%{RELEASE}\\t%{VENDOR}\\n";
const RPM_DB_DIRS = ["/var/lib/rpm", "/usr/lib/sysimage/rpm"];
/** The database file of each rpm backend: Berkeley DB (RHEL 7 and 8), SUSE's ndb, SQLite (rpm 4.16+:
 *  RHEL 9, Fedora), LMDB. Debian's rpm package ships an empty /var/lib/rpm, so the folder alone
 *  says nothing. */
const RPM_DB_FILES = ["Packages", "Packages.db", "rpmdb.sqlite", "data.mdb"];

export type RpmPackage = { name: string; version?: string; vendor?: string };

export function parseRpmQuery(text: string): RpmPackage[] {
  const out: RpmPackage[] = [];
  for (const line of splitLines(text)) {
    if (!line.trim()) continue;
    const [name, version, vendor] = line.split("\t").map((s) => s.trim());
    if (!name || name === "gpg-pubkey") continue; // imported signing keys, not software
    out.push({ name, version: version || undefined, vendor: vendor && vendor !== "(none)" ? vendor : undefined });
  }
  return out;
}

export function rpmEntries(pkgs: RpmPackage[]): SoftwareEntry[] {
  return pkgs.map((p) => ({ source: "rpm", name: p.name, version: p.version, publisher: p.vendor, identifier: p.name }));
}

function hasRpmDb(root: string): boolean {
  return RPM_DB_DIRS.some((d) => RPM_DB_FILES.some((f) => isFile(underRoot(root, `${d}/${f}`))));
}

async function collect(ctx: CollectContext) {
  const rpm = ctx.which("rpm");
  if (!rpm) throw new Error("rpm not found");
  const args = ctx.live ? ["-qa", "--queryformat", RPM_QUERY_FORMAT] : ["--root", ctx.root, "-qa", "--queryformat", RPM_QUERY_FORMAT];
  const r = await ctx.exec(rpm, args, { timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`rpm -qa failed (exit ${r.code}): ${r.stderr.trim().split("\n")[0] ?? ""}`);
  return { entries: rpmEntries(parseRpmQuery(r.stdout)) };
}

export const rpmCollector: Collector = {
  sources: ["rpm"],
  platforms: ["linux"],
  // A Debian machine may have the rpm tool without any RPM-installed software: no database, no collector
  // (and no `rpm -qa` started on every scan).
  applies: (ctx) => ctx.which("rpm") !== null && hasRpmDb(ctx.root),
  collect,
};
