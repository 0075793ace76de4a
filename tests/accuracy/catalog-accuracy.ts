// Accuracy of the catalog on a labelled corpus of real strings (tests/fixtures/catalog/accuracy/):
// recall per category and on banned vendors, false positives on ordinary software, on every half
// of every batch. Pure: the unit test (tests/unit/catalog/accuracy.test.ts) and the script
// `npm run catalog:accuracy` both call measure().
//
// Split: an entry's half is decided by the first byte of the SHA-256 of its source, name,
// identifier and publisher (even: tuning, odd: held out), fixed before the catalog was tuned on
// the batch; loadCorpus() refuses a file holding an entry of the other half. Batch 1 is
// tuning/held-out, batch 2 (collected later from other sources) tuning-2/held-out-2, batch 3
// (collected after the catalog was last changed, never tuned on) tuning-3/held-out-3, batch 4
// (sources the catalog did not grow from, collected after it grew from whole source lists)
// tuning-4/held-out-4, batch 5 (Windows uninstall entries, services, drivers and Security Center
// names of real machines and removal scripts, sources the catalog's growth before it did not use)
// tuning-5/held-out-5, batch 6 (apps real fleets carry on Windows and macOS, services and macOS
// extensions of enterprise protection from removal scripts and MDM profiles) tuning-6/held-out-6, batch 7
// (what Chocolatey packages install on Windows: titles and the uninstall names their scripts look up)
// tuning-7/held-out-7, batch 8 (macOS, Linux and enterprise endpoint agents: an EDR policy's macOS and
// Linux checks, an agent's EDR/AV catalogue, a macOS vendors table, Mac admin scripts; Debian
// packages) tuning-8/held-out-8, batch 9 (real machines' inventories: a Windows FRST scan, Linux hosts'
// package lists, a Mac's launchd jobs; a company's agent-deployment cookbooks) tuning-9/held-out-9, batch 10
// (Mac apps' managed-preference domains, the security tools an adversary-emulation library impairs, rpm
// listings of real CentOS hosts) tuning-10/held-out-10, batch 11 (LOLDrivers' vulnerable drivers with their
// version information, three public AV/EDR driver-name lists of offensive tools, a university Mac fleet's
// inventory names and uninstall scripts) tuning-11/held-out-11, batch 12 (the names under which test labs list
// the security products they installed, a real Windows 7 machine's services, ordinary Debian packages)
// tuning-12/held-out-12, batch 13 (macOS and Linux forms: Mac admins' Jamf extension attributes, a PPPC profile
// builder's app library, Ansible roles and a Chef cookbook that install or remove AV/EDR agents; Debian packages)
// tuning-13/held-out-13, batch 14 (Windows services that a ransomware group's playbook and an AV-killing script
// stop, with the backup, database and mail services stopped alongside; a real machine's Sophos services; a
// user's script stopping unwanted services) tuning-14/held-out-14, batch 15 (inventories real users pasted into
// public GitHub issues of other tools: fltmc minifilter lists, driverquery lines, systemextensionsctl and launchctl
// listings, Security Center names, installed-program and service lists, dpkg lines) tuning-15/held-out-15, batch 16
// (what Mac admins' AutoPkg recipes name: app bundles, launchd jobs and installer receipts of the software they
// deploy, security agents and ordinary software alike; Workspace ONE's notes for deploying AV/EDR agents to Macs; the
// Linux packages, units and folders a multi-engine scanning service and two Kaspersky deployment scripts install)
// tuning-16/held-out-16, batch 17 (the Windows Uninstall DisplayNames SaltStack's Windows package repositories match,
// every version of every package definition in their histories; two Ansible roles deploying security agents)
// tuning-17/held-out-17.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Matcher } from "../../agent/shared/catalog";
import type { Category, SoftwareEntry } from "../../agent/shared/protocol";

export type Labelled = { entry: SoftwareEntry; label: { vendor: string; category: Category } | null; origin: string };
/** The held-out half of every batch, in batch order; each has its tuning twin ("tuning", "tuning-2" ...). */
export const HELD_OUT = [
  "held-out",
  "held-out-2",
  "held-out-3",
  "held-out-4",
  "held-out-5",
  "held-out-6",
  "held-out-7",
  "held-out-8",
  "held-out-9",
  "held-out-10",
  "held-out-11",
  "held-out-12",
  "held-out-13",
  "held-out-14",
  "held-out-15",
  "held-out-16",
  "held-out-17",
] as const;
export type HeldOut = (typeof HELD_OUT)[number];
export type Half = HeldOut | (HeldOut extends `held-out${infer Batch}` ? `tuning${Batch}` : never);
/** The tuning half of a batch. */
export const tuningOf = (h: HeldOut): Half => h.replace("held-out", "tuning") as Half;
/** Every half, batch by batch: tuning, then held-out. */
export const HALVES: Half[] = HELD_OUT.flatMap((h) => [tuningOf(h), h]);
export const isHeldOut = (h: Half): h is HeldOut => (HELD_OUT as readonly Half[]).includes(h);

export const CORPUS_DIR = path.join(__dirname, "..", "fixtures", "catalog", "accuracy");
/** Vendors whose every product must be attributed: those a policy shipped with Muster bans
 *  (Kaspersky, Doctor Web) and Qihoo 360, which the catalog treats alike (no `exclude`). */
export const BANNED_VENDORS = new Set(["kaspersky", "drweb", "qihoo360"]);
const PROTECTION = new Set<string>(["antivirus", "edr"]);

/** The side of the split an entry belongs to (in either batch). */
export function halfOf(e: SoftwareEntry): "tuning" | "held-out" {
  const key = [e.source, e.name, e.identifier ?? "", e.publisher ?? ""].join("\u0000");
  return createHash("sha256").update(key, "utf8").digest()[0]! % 2 === 0 ? "tuning" : "held-out";
}

const sideOf = (half: Half) => (half.startsWith("tuning") ? "tuning" : "held-out");

export function loadCorpus(half: Half): Labelled[] {
  const rows = JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, `${half}.json`), "utf8")) as Labelled[];
  const wrong = rows.filter((r) => halfOf(r.entry) !== sideOf(half));
  if (wrong.length) throw new Error(`${half}.json holds ${wrong.length} entries of the other half, e.g. ${JSON.stringify(wrong[0]!.entry)}`);
  const unsourced = rows.filter((r) => !r.origin);
  if (unsourced.length) throw new Error(`${half}.json: ${unsourced.length} entries without an origin`);
  return rows;
}

/** Same vendor, and the same category (antivirus and EDR count as one: protection). */
export function isCorrect(got: { vendor: string; category: string } | null, want: { vendor: string; category: string }): boolean {
  if (!got || got.vendor !== want.vendor) return false;
  return got.category === want.category || (PROTECTION.has(got.category) && PROTECTION.has(want.category));
}

export type Rate = { hit: number; total: number };
export type Measure = {
  recall: Record<string, Rate>; // per category, plus "banned vendors", "antivirus + EDR", "all security"
  falsePositives: Rate; // ordinary software classified as security software
  flaggedUnrecognized: Rate; // ordinary software the agent would send as "unrecognized" (privacy, not accuracy)
  misses: Labelled[];
  wrong: Labelled[];
};

export function measure(rows: Labelled[], matcher: Matcher): Measure {
  const recall: Record<string, Rate> = {};
  const bump = (k: string, ok: boolean) => {
    const r = (recall[k] ??= { hit: 0, total: 0 });
    r.total++;
    if (ok) r.hit++;
  };
  const falsePositives: Rate = { hit: 0, total: 0 };
  const flaggedUnrecognized: Rate = { hit: 0, total: 0 };
  const misses: Labelled[] = [];
  const wrong: Labelled[] = [];
  for (const row of rows) {
    const got = matcher.classify(row.entry);
    if (!row.label) {
      falsePositives.total++;
      flaggedUnrecognized.total++;
      if (got) {
        falsePositives.hit++;
        wrong.push(row);
      } else if (matcher.looksLikeSecurity(row.entry)) flaggedUnrecognized.hit++;
      continue;
    }
    const ok = isCorrect(got, row.label);
    if (!ok) misses.push(row);
    bump(row.label.category, ok);
    if (PROTECTION.has(row.label.category)) bump("antivirus + EDR", ok);
    if (BANNED_VENDORS.has(row.label.vendor)) bump("banned vendors", ok);
    if (row.label.category !== "utility") bump("all security", ok);
  }
  return { recall, falsePositives, flaggedUnrecognized, misses, wrong };
}

export const pct = (r: Rate) => (r.total ? (100 * r.hit) / r.total : 100);
