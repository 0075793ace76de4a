// Microsoft Configuration Manager: the hardware inventory of Add/Remove Programs, both views
// (v_GS_ADD_REMOVE_PROGRAMS and v_GS_ADD_REMOVE_PROGRAMS_64: 32- and 64-bit entries are kept
// apart), joined to v_R_System for the computer name, exported to CSV (the README gives the SQL).
// TimeStamp, when exported, is when the client last sent its inventory.
import { csvObjects, describeMissing, missingColumns, parseTimestamp, programEntry, type Row } from "./tabular";
import { say } from "../texts";
import { hasControl, type ImportEvent, type InventoryParser } from "./types";

const REQUIRED = ["ResourceID", "Netbios_Name0", "DisplayName0", "Publisher0", "Version0", "ProdID0"] as const;
const OPTIONAL = ["TimeStamp", "SMBIOS_GUID0", "Operating_System_Name_and0"];
const WANTED = [...REQUIRED, ...OPTIONAL].map((c) => c.toLowerCase());
const FORMAT = say("formatConfigmgr", { columns: REQUIRED.join(", ") });

function rowEvent(line: number, row: Row): ImportEvent {
  const key = row.resourceid ?? "";
  if (!key) return { kind: "error", line, text: say("fieldEmpty", { field: "ResourceID" }) };
  if (!/^\d+$/.test(key)) return { kind: "error", line, text: say("notNumber", { field: "ResourceID", value: key.slice(0, 40) }) };
  const hostname = row.netbios_name0 ?? "";
  if (!hostname) return { kind: "error", line, text: say("fieldEmpty", { field: "Netbios_Name0" }) };
  if (hasControl(hostname)) return { kind: "error", line, text: say("fieldControl", { field: "Netbios_Name0" }) };
  // Programs and Features lists no entry without a display name, nor does the agent.
  if (!row.displayname0) return { kind: "skip", line, reason: say("skipNoDisplayName", { field: "DisplayName0" }) };
  let collectedAt: number | undefined;
  if (row.timestamp) {
    const ms = parseTimestamp(row.timestamp);
    if (ms === null) return { kind: "error", line, text: say("notDate", { field: "TimeStamp", value: row.timestamp.slice(0, 40), format: "YYYY-MM-DD hh:mm:ss" }) };
    collectedAt = ms;
  }
  const uuid = row.smbios_guid0 ?? "";
  return {
    kind: "row",
    line,
    device: { key, hostname, platform: "windows", osName: row.operating_system_name_and0 ?? "", osVersion: "", ...(uuid ? { hardwareUuid: uuid } : {}), ...(collectedAt ? { collectedAt } : {}) },
    software: programEntry("windows", { name: row.displayname0, version: row.version0, publisher: row.publisher0, identifier: row.prodid0 }),
  };
}

async function* parse(text: AsyncIterable<string>): AsyncIterable<ImportEvent> {
  for await (const r of csvObjects(text, WANTED)) yield "error" in r ? { kind: "error", line: r.line, text: r.error } : rowEvent(r.line, r.row);
}

export const configmgr: InventoryParser = {
  name: "configmgr",
  label: "Microsoft Configuration Manager (Add/Remove Programs)",
  detect: (head) => missingColumns(head, REQUIRED).length === 0,
  explain(head) {
    const missing = missingColumns(head, REQUIRED);
    return missing.length ? describeMissing(FORMAT, missing) : null;
  },
  parse,
};
