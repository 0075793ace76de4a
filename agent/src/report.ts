// Turns a collection into what leaves the machine. Data minimisation happens here and only here:
// every entry is classified with the catalog's matcher; sent are matched entries, every Security
// Center product, and unmatched entries that look like security software (flagged unrecognized).
// Everything else stays on the machine.
import type { CheckinRequest, Classification, SoftwareEntry } from "../shared/protocol";
import { LIMITS } from "../shared/protocol";
import type { Matcher } from "../shared/catalog/types";
import type { CollectContext } from "./collectors/types";
import { runCollectors } from "./collectors/index";
import { getHostname, getOsInfo } from "./host";
import { AGENT_VERSION } from "./version";

/** The check-in body without the parts that identify the device's report stream. */
export type ReportBody = Omit<CheckinRequest, "deviceId" | "seq">;

export type SelectedEntry = { entry: SoftwareEntry; classification: Classification | null };
export type Selection = { selected: SelectedEntry[]; collectedCount: number; truncated: number };

function clip(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  if (!t) return undefined;
  return t.length > LIMITS.stringLength ? t.slice(0, LIMITS.stringLength) : t;
}

/** An entry with its fields in protocol order, trimmed to the server's limits, empty fields dropped. */
export function normalizeEntry(e: SoftwareEntry): SoftwareEntry {
  const out: SoftwareEntry = { source: e.source, name: clip(e.name) ?? "" };
  const version = clip(e.version);
  const publisher = clip(e.publisher);
  const identifier = clip(e.identifier);
  if (version) out.version = version;
  if (publisher) out.publisher = publisher;
  if (identifier) out.identifier = identifier;
  if (e.state) out.state = { enabled: e.state.enabled, upToDate: e.state.upToDate };
  if (e.role) out.role = e.role;
  if (e.unrecognized) out.unrecognized = true;
  return out;
}

export function selectEntries(entries: SoftwareEntry[], matcher: Matcher): Selection {
  const seen = new Set<string>();
  const picked: (SelectedEntry & { rank: number; order: number })[] = [];
  let order = 0;
  for (const raw of entries) {
    const e = normalizeEntry(raw);
    if (!e.name) continue;
    const key = `${e.source}\0${e.name}\0${e.version ?? ""}\0${e.publisher ?? ""}\0${e.identifier ?? ""}\0${e.role ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const classification = matcher.classify(e);
    if (e.source === "windows-security-center") picked.push({ entry: e, classification, rank: 0, order: order++ });
    else if (classification) picked.push({ entry: e, classification, rank: 1, order: order++ });
    else if (matcher.looksLikeSecurity(e)) picked.push({ entry: { ...e, unrecognized: true }, classification: null, rank: 2, order: order++ });
  }
  // Past the server's limit, keep Security Center first, then catalog matches, then the unrecognized.
  let truncated = 0;
  if (picked.length > LIMITS.softwareEntries) {
    const keep = [...picked].sort((a, b) => a.rank - b.rank || a.order - b.order).slice(0, LIMITS.softwareEntries);
    const kept = new Set(keep);
    truncated = picked.length - keep.length;
    picked.splice(0, picked.length, ...picked.filter((p) => kept.has(p)));
  }
  return { selected: picked.map(({ entry, classification }) => ({ entry, classification })), collectedCount: seen.size, truncated };
}

export type Scan = { body: ReportBody; selection: Selection };

export async function scan(ctx: CollectContext, matcher: Matcher, catalogVersion: string): Promise<Scan> {
  const collectedAt = new Date().toISOString();
  const collection = await runCollectors(ctx);
  const selection = selectEntries(collection.entries, matcher);
  const body: ReportBody = {
    collectedAt,
    agentVersion: AGENT_VERSION,
    hostname: getHostname(ctx),
    os: getOsInfo(ctx),
    catalogVersion,
    collectors: collection.collectors,
    software: selection.selected.map((s) => s.entry),
  };
  return { body, selection };
}
