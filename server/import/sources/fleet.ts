// Fleet: responses of GET /api/v1/fleet/hosts?populate_software=true ({"hosts": [...]}, pages
// saved one after the other in one file are read in turn), each host with its software list.
// Software of the sources programs, apps, deb_packages and rpm_packages is inventoried; browser
// extensions and language packages are not programs and are left out.
import { isSaid, type Said } from "~/server/i18n/said";
import type { EntryLike } from "~/server/catalog/software";
import { quoted, say } from "../texts";
import { jsonElements } from "./json-stream";
import { isUsableUuid } from "./osquery-tables";
import { parseTimestamp, platformOf, programEntry } from "./tabular";
import { hasControl, type ImportEvent, type InventoryParser, type SourceDevice } from "./types";

const FORMAT = say("formatFleet");
const str = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());

type FleetSoftware = { name?: unknown; version?: unknown; source?: unknown; bundle_identifier?: unknown; vendor?: unknown };

/** The entry of a software item, a problem with it, or the kind of software that is left out. */
function entryOf(s: FleetSoftware, platform: SourceDevice["platform"] & string, os: string): EntryLike | Said | { skip: string } {
  const name = str(s.name);
  const version = str(s.version);
  const source = str(s.source);
  if (!name) return say("softwareWithoutName");
  switch (source) {
    case "programs":
      return programEntry("windows", { name, version, publisher: str(s.vendor) });
    case "apps":
      return programEntry("darwin", { name: name.replace(/\.app$/i, ""), version, identifier: str(s.bundle_identifier) || undefined });
    case "deb_packages":
      return { source: "dpkg", name, identifier: name, ...(version ? { version } : {}), ...(str(s.vendor) ? { publisher: str(s.vendor) } : {}) };
    case "rpm_packages":
      return { source: "rpm", name, identifier: name, ...(version ? { version } : {}), ...(str(s.vendor) ? { publisher: str(s.vendor) } : {}) };
    default:
      return platform && !source ? programEntry(platform, { name, version, os }) : { skip: source || "none" };
  }
}

function* hostEvents(line: number, h: Record<string, unknown>): Generator<ImportEvent> {
  const id = str(h.id);
  const hostname = str(h.hostname) || str(h.computer_name) || str(h.display_name);
  if (!id) return yield { kind: "error", line, text: say("hostWithoutId") };
  if (!hostname) return yield { kind: "error", line, text: say("hostNoHostname", { id: quoted(id) }) };
  if (hasControl(hostname) || hasControl(id)) return yield { kind: "error", line, text: say("hostControl", { id: quoted(id) }) };
  if (!Array.isArray(h.software)) {
    return yield { kind: "error", line, text: say("hostNoSoftware", { host: quoted(hostname) }) };
  }
  const platform = platformOf(str(h.platform), str(h.os_version));
  if (!platform) return yield { kind: "skip", line, reason: say("skipFleetPlatform", { platform: str(h.platform) || "none" }) };
  const uuid = str(h.uuid);
  const collected = parseTimestamp(str(h.software_updated_at)) ?? parseTimestamp(str(h.detail_updated_at));
  const device: SourceDevice = {
    key: id,
    hostname,
    platform,
    osName: str(h.os_version),
    osVersion: "",
    ...(isUsableUuid(uuid) ? { hardwareUuid: uuid } : {}),
    ...(collected ? { collectedAt: collected } : {}),
  };
  yield { kind: "row", line, device, software: null };
  for (const s of h.software as FleetSoftware[]) {
    const e = s && typeof s === "object" ? entryOf(s, platform, str(h.os_version)) : say("softwareNotObject");
    if ("skip" in e) yield { kind: "skip", line, reason: say("skipFleetSoftware", { source: e.skip }) };
    else if (isSaid(e)) yield { kind: "error", line, text: say("hostProblem", { host: quoted(hostname), problem: e }) };
    else yield { kind: "row", line, device, software: e };
  }
}

async function* parse(text: AsyncIterable<string>): AsyncIterable<ImportEvent> {
  for await (const item of jsonElements(text, ["hosts"])) {
    if (item.kind === "error") yield item;
    else if (item.kind === "element" || (item.kind === "meta" && item.key === "host")) {
      const h = item.value;
      if (h === null || typeof h !== "object" || Array.isArray(h)) yield { kind: "error", line: item.line, text: say("expectedHost") };
      else yield* hostEvents(item.line, h as Record<string, unknown>);
    }
  }
}

export const fleet: InventoryParser = {
  name: "fleet",
  label: "Fleet (hosts with software)",
  detect: (head) => /^\s*[[{]/.test(head) && /"hosts?"\s*:/.test(head) && /"(?:hardware_serial|osquery_version|hostname)"/.test(head),
  explain: (head) => (/^\s*[[{]/.test(head) && /"hosts?"\s*:/.test(head) ? null : say("expectedFormat", { format: FORMAT })),
  parse,
};
