// Microsoft Defender Vulnerability Management software inventory: the API's
// SoftwareInventoryByMachine export (JSON pages with `value[]`, each page naming the next in
// `@odata.nextLink`; pages saved one after the other in one file are read in turn), or the
// advanced-hunting table DeviceTvmSoftwareInventory exported as CSV. Defender names software the
// CPE way, lower-case with underscores ("kaspersky_lab", "endpoint_security"): those names are
// turned back into display names ("kaspersky endpoint security", publisher "kaspersky lab") so the
// catalog's patterns, written for what uninstall entries say, recognise them.
import { jsonElements } from "./json-stream";
import { csvObjects, describeMissing, missingColumns, platformOf, programEntry, type Row } from "./tabular";
import { peek } from "./text-stream";
import { say } from "../texts";
import { hasControl, type ImportEvent, type InventoryParser } from "./types";

const REQUIRED = ["DeviceId", "DeviceName", "OSPlatform", "SoftwareVendor", "SoftwareName", "SoftwareVersion"] as const;
const WANTED = [...REQUIRED, "OSVersion"].map((c) => c.toLowerCase());
const FORMAT = say("formatDefender", { columns: REQUIRED.join(", ") });

/** Company-form words a CPE vendor carries that a product's display name does not. */
const LEGAL = new Set(["lab", "labs", "inc", "corp", "corporation", "ltd", "llc", "gmbh", "ag", "sa", "s.r.o.", "co", "company", "software", "technologies", "ao", "jsc", "zao", "group", "plc"]);

const words = (s: string) => s.replace(/_+/g, " ").replace(/\s+/g, " ").trim();

/** Display name and publisher of a CPE-style vendor/product pair ("kaspersky_lab", "endpoint_security"). */
export function cpeDisplayName(vendor: string, product: string): { name: string; publisher: string } {
  const publisher = words(vendor);
  const name = words(product);
  const brand = publisher
    .split(" ")
    .filter((w) => !LEGAL.has(w.toLowerCase()))
    .join(" ");
  const first = brand.split(" ")[0]?.toLowerCase() ?? "";
  return { name: !brand || name.toLowerCase().includes(first) ? name : `${brand} ${name}`, publisher };
}

function rowEvent(line: number, row: Row): ImportEvent {
  const key = row.deviceid ?? "";
  const product = row.softwarename ?? "";
  if (!key) return { kind: "error", line, text: say("fieldEmpty", { field: "DeviceId" }) };
  if (!product) return { kind: "error", line, text: say("fieldEmpty", { field: "SoftwareName" }) };
  const hostname = (row.devicename || key).trim();
  if (hasControl(key) || hasControl(hostname)) return { kind: "error", line, text: say("fieldsControl", { first: "DeviceId", second: "DeviceName" }) };
  const platform = platformOf(row.osplatform);
  if (!platform) return { kind: "skip", line, reason: say("skipPlatform", { platform: row.osplatform || "none" }) };
  const { name, publisher } = cpeDisplayName(row.softwarevendor ?? "", product);
  const software = programEntry(platform, { name, publisher, version: row.softwareversion, identifier: platform === "linux" ? product : undefined, os: row.osplatform });
  return { kind: "row", line, device: { key, hostname, platform, osName: row.osplatform ?? "", osVersion: row.osversion ?? "" }, software };
}

function objectRow(value: unknown): Row | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const row: Row = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const c = k.toLowerCase();
    if (WANTED.includes(c)) row[c] = v === null || v === undefined ? "" : String(v).trim();
  }
  return row;
}

const isJson = (head: string) => /^\s*[[{]/.test(head);

async function* parse(text: AsyncIterable<string>): AsyncIterable<ImportEvent> {
  const [first, rest] = await peek(text);
  if (!isJson(first)) {
    for await (const r of csvObjects(rest, WANTED)) yield "error" in r ? { kind: "error", line: r.line, text: r.error } : rowEvent(r.line, r.row);
    return;
  }
  for await (const item of jsonElements(rest, ["value"])) {
    if (item.kind === "error") yield item;
    else if (item.kind === "element") {
      const row = objectRow(item.value);
      if (!row) yield { kind: "error", line: item.line, text: say("expectedObjectIn", { where: "value[]" }) };
      else {
        const missing = REQUIRED.filter((c) => c !== "SoftwareVersion" && !(c.toLowerCase() in row));
        yield missing.length ? { kind: "error", line: item.line, text: say("entryLacks", { fields: missing.join(", ") }) } : rowEvent(item.line, row);
      }
    }
  }
}

export const defender: InventoryParser = {
  name: "defender",
  label: "Microsoft Defender Vulnerability Management",
  detect: (head) => (isJson(head) ? /"SoftwareVendor"/i.test(head) && /"DeviceId"/i.test(head) : missingColumns(head, REQUIRED).length === 0),
  explain(head) {
    if (isJson(head)) return /"SoftwareVendor"/i.test(head) && /"DeviceId"/i.test(head) ? null : say("expectedFormatJson", { format: FORMAT, first: "SoftwareVendor", second: "DeviceId" });
    const missing = missingColumns(head, REQUIRED);
    return missing.length ? describeMissing(FORMAT, missing) : null;
  },
  parse,
};
