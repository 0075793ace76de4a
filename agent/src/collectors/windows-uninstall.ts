// Windows "Programs and Features": the Uninstall keys of HKLM in both registry views (64-bit and
// WOW6432Node) and of every loaded user hive in HKU (per-user installs).
import type { SoftwareEntry } from "../../shared/protocol";
import { keyName, parseRegQuery, regNumber, regString } from "../lib/reg-query";
import { regQuery } from "../lib/windows";
import { splitLines } from "../lib/paths";
import type { Collector, CollectContext } from "./types";

const UNINSTALL = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall";

export type UninstallRecord = {
  key: string;
  keyName: string;
  displayName: string;
  displayVersion?: string;
  publisher?: string;
  installLocation?: string;
  uninstallString?: string;
  systemComponent: boolean;
};

/** Entries of `reg query ...\Uninstall /s`: every direct subkey that has a DisplayName. */
export function parseUninstallKeys(text: string): UninstallRecord[] {
  const out: UninstallRecord[] = [];
  for (const key of parseRegQuery(text)) {
    if (!/\\Uninstall\\[^\\]+$/i.test(key.path)) continue;
    const displayName = regString(key, "DisplayName");
    if (!displayName) continue;
    out.push({
      key: key.path,
      keyName: keyName(key.path),
      displayName,
      displayVersion: regString(key, "DisplayVersion"),
      publisher: regString(key, "Publisher"),
      installLocation: regString(key, "InstallLocation"),
      uninstallString: regString(key, "UninstallString"),
      systemComponent: regNumber(key, "SystemComponent") === 1,
    });
  }
  return out;
}

/** Loaded user hives from `reg query HKU`: SIDs, without the *_Classes companions. */
export function parseUserHives(text: string): string[] {
  const out: string[] = [];
  for (const line of splitLines(text)) {
    const m = /^HKEY_USERS\\([^\\\s]+)\s*$/.exec(line);
    if (m && !/_Classes$/i.test(m[1]!)) out.push(m[1]!);
  }
  return out;
}

export function uninstallEntries(records: UninstallRecord[]): SoftwareEntry[] {
  return records.map((r) => ({
    source: "windows-uninstall",
    name: r.displayName,
    version: r.displayVersion,
    publisher: r.publisher,
    identifier: r.keyName,
  }));
}

async function collect(ctx: CollectContext) {
  const texts: string[] = [];
  const errors: string[] = [];
  const attempt = async (key: string, view?: "64" | "32") => {
    try {
      const t = await regQuery(ctx, key, view);
      if (t) texts.push(t);
    } catch (err) {
      errors.push((err as Error).message);
    }
  };
  await attempt(`HKLM\\${UNINSTALL}`, "64");
  await attempt(`HKLM\\${UNINSTALL}`, "32");
  let hives: string[] = [];
  try {
    hives = parseUserHives((await regQuery(ctx, "HKU", undefined, false)) ?? "");
  } catch (err) {
    errors.push((err as Error).message);
  }
  for (const sid of hives) await attempt(`HKU\\${sid}\\${UNINSTALL}`);
  const entries = uninstallEntries(texts.flatMap(parseUninstallKeys));
  return { entries, error: errors.length ? errors.join("; ") : undefined };
}

export const windowsUninstallCollector: Collector = {
  sources: ["windows-uninstall"],
  platforms: ["windows"],
  applies: (ctx) => ctx.live,
  collect,
};
