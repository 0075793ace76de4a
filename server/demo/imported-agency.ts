// The demo's agency without agents: the Customs Administration is covered by two Intune exports
// (three weeks ago and yesterday) imported through the import service, next to agencies whose
// endpoints run the agent. The exports are generated in Intune's real raw format.
import fs from "node:fs";
import path from "node:path";
import type { Actor } from "../audit/log";
import { dataDir } from "../config";
import type { Db } from "../db/client";
import { createRng, type Rng } from "../fleet/random";
import { importInventory } from "../import/service";
import { DAY_MS } from "../lib/time";

export const IMPORTED_AGENCY = { code: "FIN-CUST", name: "Customs Administration", parent: "MIN-FIN", deadlineInDays: 45 } as const;
export const IMPORTED_DEVICES = 240;

const HEADER = "ApplicationKey,ApplicationName,ApplicationPublisher,ApplicationShortVersion,ApplicationVersion,DeviceId,DeviceName,OSDescription,OSVersion,Platform,UserId,EmailAddress,UserName";
const COMMON_WIN = [
  ["Microsoft 365 Apps for enterprise - en-us", "Microsoft Corporation", "16.0.17328.20282"],
  ["Google Chrome", "Google LLC", "124.0.6367.91"],
  ["Adobe Acrobat Reader DC - Dutch, MUI", "Adobe Systems, Inc.", "24.002.20759"],
  ["7-Zip 23.01 (x64)", "Igor Pavlov", ""],
] as const;
const KES = ["Kaspersky Endpoint Security for Windows", "AO Kaspersky Lab", "11.11.0.452"] as const;
const NETWORK_AGENT = ["Kaspersky Security Center Network Agent", "AO Kaspersky Lab", "14.0.0.10902"] as const;
const MAC_KES = ["Kaspersky Endpoint Security for Mac", "Kaspersky", "12.0.0.367"] as const;

type Device = { id: string; name: string; mac: boolean; ios: boolean; kesUntil: "first" | "second" | "never"; retired: boolean };

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function devices(rng: Rng): Device[] {
  return Array.from({ length: IMPORTED_DEVICES }, (_, i) => {
    const ios = i % 12 === 11;
    const mac = !ios && i % 6 === 5;
    const kes = !ios && rng.chance(0.45);
    return {
      id: `${rng.hex(4)}-${rng.hex(2)}-4${rng.hex(2).slice(1)}-a${rng.hex(2).slice(1)}-${rng.hex(6)}`,
      name: `${ios ? "IPHONE" : mac ? "MAC" : "PC"}-CUST-${String(i + 1).padStart(3, "0")}`,
      mac,
      ios,
      kesUntil: !kes ? "never" : rng.chance(0.55) ? "first" : "second",
      retired: rng.chance(0.04),
    };
  });
}

/** One Intune export: `second` is yesterday's, after part of the removal campaign. */
function exportOf(list: Device[], second: boolean): string {
  const rows = [HEADER];
  const add = (d: Device, [name, publisher, version]: readonly [string, string, string], os: string, platform: string) =>
    rows.push(
      [
        `k${d.id.slice(0, 8)}`,
        name,
        publisher,
        version.split(".").slice(0, 3).join("."),
        version,
        d.id,
        d.name,
        os,
        "10.0.22631.3447",
        platform,
        `u-${d.id.slice(0, 8)}`,
        `${d.name.toLowerCase()}@customs.example.gov`,
        "Customs employee",
      ]
        .map(csvCell)
        .join(","),
    );
  for (const d of list) {
    if (second && d.retired) continue;
    const hasKes = d.kesUntil === "second" || (d.kesUntil === "first" && !second);
    if (d.ios) add(d, ["Microsoft Outlook", "Microsoft Corporation", "16.84.24041420"], "iOS 17.4.1", "iOS");
    else if (d.mac) {
      add(d, ["Google Chrome", "Google LLC", "124.0.6367.91"], "macOS 14.4.1 (23E224)", "macOS");
      if (hasKes) add(d, MAC_KES, "macOS 14.4.1 (23E224)", "macOS");
    } else {
      for (const app of COMMON_WIN) add(d, app, "Windows 11 Enterprise", "Windows");
      if (hasKes) {
        add(d, KES, "Windows 11 Enterprise", "Windows");
        add(d, NETWORK_AGENT, "Windows 11 Enterprise", "Windows");
      }
    }
  }
  return `${rows.join("\r\n")}\r\n`;
}

export async function seedImportedAgency(db: Db, agencyId: number, now: number, actor: Actor, log: (line: string) => void): Promise<void> {
  const list = devices(createRng(14));
  for (const [second, daysAgo] of [
    [false, 20],
    [true, 1],
  ] as const) {
    const file = path.join(dataDir(), `AppInvRawData-${IMPORTED_AGENCY.code}-${daysAgo}d.csv`);
    fs.writeFileSync(file, exportOf(list, second));
    try {
      const at = now - daysAgo * DAY_MS;
      const r = await importInventory(db, { agencyId, source: "intune", file, fileName: path.basename(file), collectedAt: at - 2 * 3_600_000, actor, now: at });
      log(`Imported an Intune export into ${IMPORTED_AGENCY.code} (${daysAgo} day(s) ago): ${r.message}`);
    } finally {
      fs.rmSync(file, { force: true });
    }
  }
}
