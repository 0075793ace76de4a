// Gathers a parser's events into one inventory per device, in memory but compact: each distinct
// software entry is kept once (a million rows of an agency's export name a few thousand
// programs), a device holds the indexes of its entries. Bad rows are collected with their line
// (the first MAX_ERRORS of them; parsing stops after STOP_AFTER_ERRORS), limits are enforced so a
// hostile file cannot exhaust memory, and duplicate rows are counted and dropped.
import { createHash } from "node:crypto";
import { LIMITS } from "~/agent/shared/protocol";
import { type EntryLike, hash53, identityKey } from "../catalog/software";
import { saidText } from "../i18n/errors";
import type { Said } from "../i18n/said";
import type { ImportEvent, SourceDevice } from "./sources";
import { say } from "./texts";
import { hasControl } from "./sources/types";

export const IMPORT_LIMITS = {
  devices: 1_000_000,
  distinctEntries: 2_000_000,
  entriesPerDevice: 20_000,
};
const MAX_ERRORS = 100;
const STOP_AFTER_ERRORS = 1000;

export type DeviceInventory = {
  device: SourceDevice;
  items: Set<number>;
  /** Entries the tool says are gone (osquery diffs); null until there is one. */
  removed: Set<number> | null;
  /** Agent sources the file holds a full snapshot of for this device; null: all of them (every tool but osquery's diffs). */
  fullSources: Set<string> | null;
};

/** A bad row: its line, what is wrong in English (API clients, CLI) and as said to people. */
export type RowError = { line: number; message: string; said: Said };

export type Collected = {
  entries: EntryLike[];
  /** Per entry: a 53-bit hash of its identity and state (for device digests). */
  entryHash: number[];
  devices: Map<string, DeviceInventory>;
  rows: number;
  skipped: number;
  /** Why rows were left out, by the reason's JSON. */
  skipReasons: Map<string, { said: Said; count: number }>;
  duplicates: number;
  errors: RowError[];
  errorCount: number;
  /** Parsing stopped early (too many errors, a limit). */
  stopped: boolean;
};

const FIELDS = ["name", "version", "publisher", "identifier"] as const;

/**
 * A copy of a string that holds nothing else alive. Parsed fields are slices of the chunk they were
 * read from, and V8 keeps the whole chunk for as long as a slice lives: kept for every device,
 * they would keep the entire file in memory.
 */
export function detached(s: string): string;
export function detached(s: string | undefined): string | undefined;
export function detached(s: string | undefined): string | undefined {
  return s ? Buffer.from(s, "utf8").toString("utf8") : s;
}

function detachedDevice(d: SourceDevice): SourceDevice {
  return { ...d, key: detached(d.key), hostname: detached(d.hostname), osName: detached(d.osName), osVersion: detached(d.osVersion), hardwareUuid: detached(d.hardwareUuid) };
}

function detachedEntry(e: EntryLike): EntryLike {
  const out = { ...e };
  for (const f of FIELDS) if (out[f] !== undefined) out[f] = detached(out[f]);
  return out;
}

function entryProblem(e: EntryLike): Said | null {
  for (const f of FIELDS) {
    const v = e[f];
    if (v === undefined) continue;
    if (v.length > LIMITS.stringLength) return say("softwareTooLong", { field: f, max: LIMITS.stringLength });
    if (hasControl(v)) return say("softwareControl", { field: f });
  }
  return null;
}

/** `incremental`: rows add to what is stored unless a snapshot event says otherwise (osquery). */
export async function collectInventory(events: AsyncIterable<ImportEvent>, opts: { incremental: boolean; limits?: Partial<typeof IMPORT_LIMITS> }): Promise<Collected> {
  const limits = { ...IMPORT_LIMITS, ...opts.limits };
  const c: Collected = { entries: [], entryHash: [], devices: new Map(), rows: 0, skipped: 0, skipReasons: new Map(), duplicates: 0, errors: [], errorCount: 0, stopped: false };
  const fail = (line: number, said: Said) => {
    c.errorCount++;
    if (c.errors.length < MAX_ERRORS) c.errors.push({ line, message: saidText(said), said });
  };
  const deviceOf = (d: SourceDevice, line: number): DeviceInventory | null => {
    let inv = c.devices.get(d.key);
    if (!inv) {
      if (c.devices.size >= limits.devices) {
        fail(line, say("tooManyDevices", { max: limits.devices }));
        c.stopped = true;
        return null;
      }
      const device = detachedDevice(d);
      c.devices.set(device.key, (inv = { device, items: new Set(), removed: null, fullSources: opts.incremental ? new Set() : null }));
    } else if (d.collectedAt !== undefined && (inv.device.collectedAt === undefined || d.collectedAt > inv.device.collectedAt)) {
      inv.device.collectedAt = d.collectedAt;
    }
    return inv;
  };
  // Entries by their fields, nested (source > name > version > publisher > identifier > state):
  // each row costs a few lookups of the strings it already has, not a concatenated key.
  const index = new Map<string, unknown>();
  const entryOf = (e: EntryLike, line: number): number | null => {
    const path = [e.source, e.name, e.version ?? "", e.publisher ?? "", e.identifier ?? "", e.state ? `${e.state.enabled ? 1 : 0}${e.state.upToDate ? 1 : 0}` : ""];
    let level = index;
    for (let k = 0; k < path.length - 1; k++) {
      let next = level.get(path[k]!) as Map<string, unknown> | undefined;
      if (!next) level.set(detached(path[k]!), (next = new Map()));
      level = next;
    }
    const found = level.get(path[path.length - 1]!) as number | undefined;
    if (found !== undefined) return found;
    // Checked once per distinct entry: a bad one refuses the import wherever it stands.
    const problem = entryProblem(e);
    if (problem) {
      fail(line, problem);
      return -1;
    }
    if (c.entries.length >= limits.distinctEntries) {
      fail(line, say("tooManyEntries", { max: limits.distinctEntries }));
      c.stopped = true;
      return null;
    }
    const i = c.entries.length;
    c.entries.push(detachedEntry(e));
    c.entryHash.push(hash53(identityKey(e) + path[path.length - 1]));
    level.set(detached(path[path.length - 1]!), i);
    return i;
  };

  for await (const ev of events) {
    if (ev.kind === "error") {
      c.rows++;
      fail(ev.line, ev.text);
      if (c.errorCount >= STOP_AFTER_ERRORS) {
        c.stopped = true;
        break;
      }
      continue;
    }
    if (ev.kind === "skip") {
      c.rows++;
      c.skipped++;
      const why = JSON.stringify(ev.reason);
      const seen = c.skipReasons.get(why);
      if (seen) seen.count++;
      else c.skipReasons.set(why, { said: ev.reason, count: 1 });
      continue;
    }
    const inv = deviceOf(ev.device, ev.line);
    if (!inv) break;
    if (ev.kind === "snapshot") {
      if (inv.fullSources?.has(ev.source)) {
        // A later snapshot of the same table: it replaces the earlier one.
        for (const i of [...inv.items]) if (c.entries[i]!.source === ev.source) inv.items.delete(i);
      }
      if (inv.removed) for (const i of [...inv.removed]) if (c.entries[i]!.source === ev.source) inv.removed.delete(i);
      inv.fullSources?.add(ev.source);
      continue;
    }
    if (ev.software === null) continue; // a device row: the device is in the export
    c.rows++;
    const i = entryOf(ev.software, ev.line);
    if (i === null) break;
    if (i < 0) continue;
    if (ev.kind === "removed") {
      inv.items.delete(i);
      (inv.removed ??= new Set()).add(i);
      continue;
    }
    inv.removed?.delete(i);
    if (inv.items.has(i)) {
      c.duplicates++;
      continue;
    }
    if (inv.items.size >= limits.entriesPerDevice) {
      fail(ev.line, say("tooManyDeviceEntries", { max: limits.entriesPerDevice, hostname: ev.device.hostname }));
      continue;
    }
    inv.items.add(i);
  }
  return c;
}

/** What the export says a device has, as one digest: equal digests, nothing to change. Null when
 *  the export only holds changes (osquery diffs), which mean nothing without what is stored. */
export function inventoryDigest(c: Collected, inv: DeviceInventory): string | null {
  if (inv.fullSources !== null) return null;
  const hashes = new Float64Array(inv.items.size);
  let k = 0;
  for (const i of inv.items) hashes[k++] = c.entryHash[i]!;
  hashes.sort();
  return createHash("sha1").update(new Uint8Array(hashes.buffer)).digest("base64url");
}
