// Windows services and kernel drivers from HKLM\SYSTEM\CurrentControlSet\Services. Drivers and
// services outlive an uninstall more often than anything else: they are how remnants are found.
import type { SoftwareEntry } from "../../shared/protocol";
import { depthBelow, keyName, parseRegQuery, regNumber, regString } from "../lib/reg-query";
import { regQuery } from "../lib/windows";
import type { Collector, CollectContext } from "./types";

const SERVICES_KEY = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services";
const START_TYPES = ["boot", "system", "auto", "demand", "disabled"] as const;
export type StartType = (typeof START_TYPES)[number];

export type ServiceRecord = {
  keyName: string;
  kind: "service" | "driver";
  displayName: string;
  imagePath?: string;
  start?: StartType;
  type: number;
};

/** A readable display name: indirect resource strings ("@%SystemRoot%\...dll,-101") fall back to
 *  their inline default after ';' when there is one, else to the key name. */
export function resolveDisplayName(raw: string | undefined, key: string): string {
  if (!raw) return key;
  if (!raw.startsWith("@")) return raw;
  const semi = raw.lastIndexOf(";");
  const fallback = semi >= 0 ? raw.slice(semi + 1).trim() : "";
  return fallback || key;
}

/** Type bits: 0x1 kernel driver, 0x2 file-system driver, 0x10 own-process, 0x20 shared-process service. */
export function serviceKind(type: number): "service" | "driver" | null {
  if (type & 0x3) return "driver";
  if (type & 0x30) return "service";
  return null;
}

export function parseServices(text: string): ServiceRecord[] {
  const out: ServiceRecord[] = [];
  for (const key of parseRegQuery(text)) {
    if (depthBelow(key.path, SERVICES_KEY) !== 1) continue;
    const type = regNumber(key, "Type");
    if (type === undefined) continue;
    const kind = serviceKind(type);
    if (!kind) continue;
    const name = keyName(key.path);
    const start = regNumber(key, "Start");
    out.push({
      keyName: name,
      kind,
      displayName: resolveDisplayName(regString(key, "DisplayName"), name),
      imagePath: regString(key, "ImagePath"),
      start: start !== undefined ? START_TYPES[start] : undefined,
      type,
    });
  }
  return out;
}

export function serviceEntries(records: ServiceRecord[]): SoftwareEntry[] {
  return records.map((r) => ({
    source: r.kind === "driver" ? "windows-driver" : "windows-service",
    name: r.displayName,
    identifier: r.keyName,
  }));
}

async function collect(ctx: CollectContext) {
  const text = await regQuery(ctx, "HKLM\\SYSTEM\\CurrentControlSet\\Services", "64");
  if (text === null) throw new Error("HKLM\\SYSTEM\\CurrentControlSet\\Services not found");
  return { entries: serviceEntries(parseServices(text)) };
}

export const windowsServicesCollector: Collector = {
  sources: ["windows-service", "windows-driver"],
  platforms: ["windows"],
  applies: (ctx) => ctx.live,
  collect,
};
