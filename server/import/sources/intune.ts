// Microsoft Intune "Discovered apps" raw export (report AppInvRawData, from the admin centre or
// Graph deviceManagement/reports/exportJobs), as CSV or JSON: one row per app per device. The user
// columns (UserId, EmailAddress, UserName) are personal data: they are never read, so they never
// reach the database.
import { isSaid, type Said } from "~/server/i18n/said";
import { say } from "../texts";
import { hasControl, type ImportEvent, type InventoryParser, type SourceDevice } from "./types";
import { jsonElements } from "./json-stream";
import { peek } from "./text-stream";
import { csvObjects, describeMissing, isBundleId, missingColumns, platformOf, programEntry, type Row } from "./tabular";

export const INTUNE_COLUMNS = [
  "ApplicationKey",
  "ApplicationName",
  "ApplicationPublisher",
  "ApplicationShortVersion",
  "ApplicationVersion",
  "DeviceId",
  "DeviceName",
  "OSDescription",
  "OSVersion",
  "Platform",
] as const;
const REQUIRED = ["ApplicationName", "ApplicationVersion", "DeviceId", "DeviceName", "Platform"] as const;
const WANTED = INTUNE_COLUMNS.map((c) => c.toLowerCase());
const FORMAT = say("formatIntune", { columns: REQUIRED.join(", ") });

const isJson = (head: string) => /^\s*[[{]/.test(head);

function rowEvent(line: number, row: Row): ImportEvent {
  const key = row.deviceid ?? "";
  const name = row.applicationname ?? "";
  if (!key) return { kind: "error", line, text: say("fieldEmpty", { field: "DeviceId" }) };
  if (!name) return { kind: "error", line, text: say("fieldEmpty", { field: "ApplicationName" }) };
  const hostname = row.devicename || key;
  if (hasControl(key) || hasControl(hostname)) return { kind: "error", line, text: say("fieldsControl", { first: "DeviceId", second: "DeviceName" }) };
  const platform = platformOf(row.platform, row.osdescription);
  if (!platform) return { kind: "skip", line, reason: say("skipPlatform", { platform: row.platform || "none" }) };
  const device: SourceDevice = { key, hostname, platform, osName: row.osdescription ?? "", osVersion: row.osversion ?? "" };
  const appKey = row.applicationkey ?? "";
  const software = programEntry(platform, {
    name,
    version: row.applicationversion || row.applicationshortversion,
    publisher: row.applicationpublisher,
    identifier: platform === "darwin" && isBundleId(appKey) ? appKey : undefined,
    os: row.osdescription,
  });
  return { kind: "row", line, device, software };
}

/** A JSON element as a row: an object with the column names, or an array aligned with the Schema. */
function jsonRow(value: unknown, schema: string[] | null): Row | Said {
  const row: Row = {};
  if (Array.isArray(value)) {
    if (!schema) return say("rowArrayNoSchema");
    schema.forEach((c, i) => {
      const v = value[i];
      if (WANTED.includes(c)) row[c] = v === null || v === undefined ? "" : String(v).trim();
    });
    return row;
  }
  if (value === null || typeof value !== "object") return say("rowNotObject");
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const c = k.toLowerCase();
    if (WANTED.includes(c)) row[c] = v === null || v === undefined ? "" : String(v).trim();
  }
  return row;
}

async function* parse(text: AsyncIterable<string>): AsyncIterable<ImportEvent> {
  const [first, rest] = await peek(text);
  if (!isJson(first)) {
    for await (const r of csvObjects(rest, WANTED)) yield "error" in r ? { kind: "error", line: r.line, text: r.error } : rowEvent(r.line, r.row);
    return;
  }
  let schema: string[] | null = null;
  for await (const item of jsonElements(rest, ["Values", "values", "value"])) {
    if (item.kind === "error") yield item;
    else if (item.kind === "meta") {
      if (/^schema$/i.test(item.key) && Array.isArray(item.value)) {
        schema = item.value.map((c) => String((c as { Column?: unknown; column?: unknown })?.Column ?? (c as { column?: unknown })?.column ?? "").toLowerCase());
      }
    } else {
      const row = jsonRow(item.value, schema);
      if (isSaid(row)) yield { kind: "error", line: item.line, text: row };
      else {
        const missing = REQUIRED.filter((c) => !(c.toLowerCase() in row));
        yield missing.length ? { kind: "error", line: item.line, text: say("lacks", { fields: missing.join(", ") }) } : rowEvent(item.line, row);
      }
    }
  }
}

export const intune: InventoryParser = {
  name: "intune",
  label: "Microsoft Intune (Discovered apps)",
  detect: (head) => (isJson(head) ? /"ApplicationName"/i.test(head) && /"DeviceId"/i.test(head) : missingColumns(head, REQUIRED).length === 0),
  explain(head) {
    if (isJson(head)) return /"ApplicationName"/i.test(head) && /"DeviceId"/i.test(head) ? null : say("expectedFormatJson", { format: FORMAT, first: "ApplicationName", second: "DeviceId" });
    const missing = missingColumns(head, REQUIRED);
    return missing.length ? describeMissing(FORMAT, missing) : null;
  },
  parse,
};
