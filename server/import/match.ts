// Which endpoint each device of an export is, within the target agency only (never across
// agencies): the tool's device id remembered from earlier imports, then the hardware UUID where the
// tool gives one (as the agent hashes its machine id, so a Mac's agent and Fleet agree), then the
// hostname, case-insensitive with any domain suffix stripped. A hostname that names several
// endpoints, or one another device of the same tool already owns, is not guessed: the device is
// left for an officer (an ambiguity) and nothing of it is imported.
import { hashMachineId } from "~/agent/shared/machine-id";
import type { Db } from "../db/client";
import type { ImportSource } from "../db/schema";
import type { DeviceInventory } from "./collect";
import type { DeviceMapping } from "./store";
import { agencyHostnames, endpointByHardwareId } from "./store-endpoints";
import { normaliseHostname } from "../ingest/adopt";
import { storedHardwareId } from "../ingest/hardware-id";
import type { Said } from "../i18n/said";
import { say } from "./texts";

export type Decision = { kind: "endpoint"; endpointId: number; by: "device-id" | "hardware" | "hostname" } | { kind: "create" } | { kind: "ambiguous"; candidates: number[]; reason: Said };

/** What is stored for a machine whose hardware UUID a tool gave: the id its agent would send
 *  (hashMachineId), keyed with the deployment's salt like every stored hardware id. */
export function hardwareIdOf(db: Db, uuid: string): string {
  return storedHardwareId(db, hashMachineId(uuid));
}

export function matchDevices(db: Db, agencyId: number, source: ImportSource, devices: Map<string, DeviceInventory>, mappings: Map<string, DeviceMapping>): Map<string, Decision> {
  const out = new Map<string, Decision>();
  const claimed = new Set<number>();
  const pending: DeviceInventory[] = [];
  for (const [key, inv] of devices) {
    if (!inv.device.platform) continue;
    const m = mappings.get(key);
    if (m) {
      out.set(key, { kind: "endpoint", endpointId: m.endpointId, by: "device-id" });
      claimed.add(m.endpointId);
      continue;
    }
    const hw = inv.device.hardwareUuid ? endpointByHardwareId(db, agencyId, hardwareIdOf(db, inv.device.hardwareUuid)) : undefined;
    if (hw !== undefined && !claimed.has(hw)) {
      out.set(key, { kind: "endpoint", endpointId: hw, by: "hardware" });
      claimed.add(hw);
      continue;
    }
    pending.push(inv);
  }
  if (!pending.length) return out;

  const byName = new Map<string, number[]>();
  for (const e of agencyHostnames(db, agencyId)) {
    const k = normaliseHostname(e.hostname);
    const list = byName.get(k);
    if (list) list.push(e.id);
    else byName.set(k, [e.id]);
  }
  // Endpoints another device of this tool owns (by its id), and which device.
  const ownedBy = new Map<number, string>();
  for (const m of mappings.values()) ownedBy.set(m.endpointId, m.sourceDeviceId);
  const wanted = new Map<number, string[]>();
  for (const inv of pending) {
    const key = inv.device.key;
    const name = normaliseHostname(inv.device.hostname);
    const candidates = (byName.get(name) ?? []).filter((id) => !claimed.has(id));
    const owned = candidates.filter((id) => ownedBy.has(id));
    const free = candidates.filter((id) => !ownedBy.has(id));
    if (owned.length) {
      out.set(key, { kind: "ambiguous", candidates, reason: say("ambiguousOwned", { hostname: inv.device.hostname, source, owner: ownedBy.get(owned[0]!)! }) });
    } else if (free.length > 1) {
      out.set(key, { kind: "ambiguous", candidates: free, reason: say("ambiguousAgency", { count: free.length, hostname: inv.device.hostname }) });
    } else if (free.length === 1) {
      out.set(key, { kind: "endpoint", endpointId: free[0]!, by: "hostname" });
      wanted.set(free[0]!, [...(wanted.get(free[0]!) ?? []), key]);
    } else {
      out.set(key, { kind: "create" });
    }
  }
  // Two devices of the export that both name the same endpoint: neither is guessed.
  for (const [endpointId, keys] of wanted) {
    if (keys.length < 2) continue;
    for (const k of keys) {
      out.set(k, { kind: "ambiguous", candidates: [endpointId], reason: say("ambiguousExport", { count: keys.length, hostname: devices.get(k)!.device.hostname }) });
    }
  }
  return out;
}
