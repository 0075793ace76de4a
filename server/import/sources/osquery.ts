// osquery results of the tables programs, deb_packages, rpm_packages, apps and
// windows_security_products, in either shape:
// - `osqueryi --json` output: one or more JSON arrays of rows. The host is the row's `hostname`
//   (join system_info in the query, as the README shows) or, failing that, the one the importer names.
// - osqueryd's result log (filesystem logger): one JSON object a line with `name` (the query),
//   `hostIdentifier`, `unixTime`, and `snapshot` rows, batched `diffResults` {added, removed}, or
//   one row in `columns` with `action`. A snapshot, or the first diff of an epoch (counter 0, which
//   lists everything), replaces what came before for that host and table; later diffs add and
//   remove entries.
import { quoted, say } from "../texts";
import { jsonElements } from "./json-stream";
import { isUsableUuid, osqueryEntry, TABLE_PLATFORM, TABLE_SOURCE, tableOf } from "./osquery-tables";
import { peek, textLines } from "./text-stream";
import { hasControl, type ImportEvent, type InventoryParser, type ParseOptions, type SourceDevice } from "./types";

const TABLES = "programs, deb_packages, rpm_packages, apps, windows_security_products";
const FORMAT = say("formatOsquery", { tables: TABLES });
const MAX_LINE = 64 << 20;

type LogLine = {
  name?: unknown;
  hostIdentifier?: unknown;
  unixTime?: unknown;
  counter?: unknown;
  decorations?: Record<string, unknown>;
  snapshot?: unknown;
  diffResults?: { added?: unknown; removed?: unknown };
  columns?: unknown;
  action?: unknown;
};

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());

function rowsOf(v: unknown): Record<string, unknown>[] | null {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return null;
  return v.filter((r): r is Record<string, unknown> => r !== null && typeof r === "object");
}

function* logEvents(line: number, o: LogLine): Generator<ImportEvent> {
  const host = str(o.hostIdentifier);
  if (!host) return yield { kind: "error", line, text: say("resultWithoutHost") };
  const deco = o.decorations ?? {};
  const uuid = str(deco.host_uuid) || str(deco.uuid) || (isUsableUuid(host) ? host : "");
  const hostname = str(deco.hostname) || str(deco.host_name) || host;
  if (hasControl(host) || hasControl(hostname)) return yield { kind: "error", line, text: say("fieldsControl", { first: "hostIdentifier", second: "hostname" }) };
  const unix = Number(o.unixTime);
  const queryName = str(o.name);
  const added = rowsOf(o.snapshot ?? o.diffResults?.added ?? (o.action === "added" || o.action === "snapshot" ? [o.columns] : undefined));
  const removed = rowsOf(o.diffResults?.removed ?? (o.action === "removed" ? [o.columns] : undefined));
  if (!added || !removed) return yield { kind: "error", line, text: say("notRowLists") };
  const sample = added[0] ?? removed[0];
  if (!sample) return;
  const table = tableOf(queryName, sample);
  if (!table) return yield { kind: "skip", line, reason: say("skipQuery", { query: queryName ? quoted(queryName) : "none" }) };
  const device: SourceDevice = {
    key: host,
    hostname,
    platform: TABLE_PLATFORM[table],
    osName: "",
    osVersion: "",
    ...(uuid && isUsableUuid(uuid) ? { hardwareUuid: uuid } : {}),
    ...(Number.isFinite(unix) && unix > 0 ? { collectedAt: unix * 1000 } : {}),
  };
  const full = o.snapshot !== undefined || (o.diffResults !== undefined && Number(o.counter) === 0);
  if (full) yield { kind: "snapshot", line, device, source: TABLE_SOURCE[table] };
  for (const [rows, kind] of [
    [added, "row"],
    [removed, "removed"],
  ] as const) {
    for (const r of rows) {
      const e = osqueryEntry(table, r);
      if (e === null) yield { kind: "skip", line, reason: say("skipNotInstalled") };
      else if ("error" in e) yield { kind: "error", line, text: e.error };
      else yield kind === "row" ? { kind, line, device, software: e } : { kind, line, device, software: e };
    }
  }
}

async function* parseLog(text: AsyncIterable<string>): AsyncIterable<ImportEvent> {
  for await (const l of textLines(text, MAX_LINE)) {
    if (l.tooLong) {
      yield { kind: "error", line: l.line, text: say("lineTooLong", { max: MAX_LINE }) };
      return;
    }
    if (!l.text.trim()) continue;
    let o: unknown;
    try {
      o = JSON.parse(l.text);
    } catch (err) {
      yield { kind: "error", line: l.line, text: say("notJson", { detail: (err as Error).message }) };
      continue;
    }
    if (o === null || typeof o !== "object" || Array.isArray(o)) yield { kind: "error", line: l.line, text: say("oneObjectPerLine") };
    else yield* logEvents(l.line, o as LogLine);
  }
}

async function* parseArrays(text: AsyncIterable<string>, opts: ParseOptions): AsyncIterable<ImportEvent> {
  // Each query's output is the whole table on that host: a snapshot.
  const seen = new Set<string>();
  for await (const item of jsonElements(text, [])) {
    if (item.kind === "error") yield item;
    if (item.kind !== "element") continue;
    const row = item.value as Record<string, unknown>;
    if (row === null || typeof row !== "object" || Array.isArray(row)) {
      yield { kind: "error", line: item.line, text: say("expectedRows") };
      continue;
    }
    const table = tableOf(undefined, row);
    if (!table) {
      yield { kind: "error", line: item.line, text: say("rowOfNoTable", { tables: TABLES }) };
      continue;
    }
    const hostname = str(row.hostname) || str(row.computer_name) || opts.host?.trim() || "";
    if (!hostname) {
      yield { kind: "error", line: item.line, text: say("rowNamesNoHost") };
      continue;
    }
    if (hasControl(hostname)) {
      yield { kind: "error", line: item.line, text: say("hostnameControl") };
      continue;
    }
    const uuid = str(row.uuid);
    const device: SourceDevice = {
      key: isUsableUuid(uuid) ? uuid : hostname,
      hostname,
      platform: TABLE_PLATFORM[table],
      osName: "",
      osVersion: "",
      ...(isUsableUuid(uuid) ? { hardwareUuid: uuid } : {}),
    };
    const snapshotKey = `${device.key}\u0000${table}`;
    if (!seen.has(snapshotKey)) {
      seen.add(snapshotKey);
      yield { kind: "snapshot", line: item.line, device, source: TABLE_SOURCE[table] };
    }
    const e = osqueryEntry(table, row);
    if (e === null) yield { kind: "skip", line: item.line, reason: say("skipNotInstalled") };
    else if ("error" in e) yield { kind: "error", line: item.line, text: e.error };
    else yield { kind: "row", line: item.line, device, software: e };
  }
}

const isArrayOutput = (head: string) => /^\s*\[/.test(head);
const isLog = (head: string) => /^\s*\{/.test(head) && /"hostIdentifier"/.test(head);

async function* parse(text: AsyncIterable<string>, opts: ParseOptions = {}): AsyncIterable<ImportEvent> {
  const [first, rest] = await peek(text);
  yield* isArrayOutput(first) ? parseArrays(rest, opts) : parseLog(rest);
}

export const osquery: InventoryParser = {
  name: "osquery",
  label: "osquery (osqueryi --json or osqueryd results)",
  detect: (head) => isLog(head) || (isArrayOutput(head) && /"(?:identifying_number|bundle_identifier|maintainer|signatures_up_to_date|release)"/.test(head)),
  explain: (head) => (isLog(head) || isArrayOutput(head) ? null : say("expectedFormat", { format: FORMAT })),
  parse,
};
