// Shared by the parsers: CSV rows as objects keyed by the header's column names (matched without
// regard to case), the check that a header has the columns a format needs, and the mapping of a
// tool's platform names and program rows onto the agent's sources.
import type { Platform } from "~/agent/shared/protocol";
import type { EntryLike } from "~/server/catalog/software";
import type { Said } from "~/server/i18n/said";
import { say } from "../texts";
import { csvRecords, headerFields } from "./csv";

export type Row = Record<string, string>;

/** Columns of `required` missing from a CSV header (case-insensitive), in the order required. */
export function missingColumns(head: string, required: readonly string[]): string[] {
  const have = new Set(headerFields(head).map((h) => h.toLowerCase()));
  return required.filter((c) => !have.has(c.toLowerCase()));
}

/** Why a CSV is not in `format`: the columns its header lacks. */
export function describeMissing(format: Said, missing: string[]): Said {
  return say("expectedFormatMissing", { format, count: missing.length, missing: missing.join(", ") });
}

/** The records of a CSV after its header, as objects keyed by the lower-case column name. */
export async function* csvObjects(text: AsyncIterable<string>, wanted: readonly string[]): AsyncGenerator<{ line: number; row: Row } | { line: number; error: Said }> {
  let columns: string[] | null = null;
  const keep = new Set(wanted.map((w) => w.toLowerCase()));
  for await (const rec of csvRecords(text)) {
    if ("error" in rec) {
      yield rec;
      return;
    }
    if (!columns) {
      columns = rec.fields.map((f) =>
        f
          .trim()
          .replace(/^\uFEFF/, "")
          .toLowerCase(),
      );
      continue;
    }
    if (rec.fields.length === 1 && rec.fields[0]!.trim() === "") continue; // blank line
    if (rec.fields.length !== columns.length) {
      yield { line: rec.line, error: say("fieldCount", { found: rec.fields.length, expected: columns.length }) };
      continue;
    }
    const row: Row = {};
    for (let i = 0; i < columns.length; i++) if (keep.has(columns[i]!)) row[columns[i]!] = rec.fields[i]!.trim();
    yield { line: rec.line, row };
  }
}

const platforms = new Map<string, Platform | null>();

/** A tool's platform or OS description as a Muster platform; null for platforms Muster does not cover. */
export function platformOf(...hints: (string | undefined)[]): Platform | null {
  const text = hints.filter(Boolean).join(" ");
  let p = platforms.get(text);
  if (p === undefined) {
    if (platforms.size > 10_000) platforms.clear();
    platforms.set(text, (p = platformOfText(text)));
  }
  return p;
}

function platformOfText(text: string): Platform | null {
  if (/windows/i.test(text)) return "windows";
  if (/\b(?:mac ?os|os ?x|darwin)\b/i.test(text)) return "darwin";
  if (/\b(?:linux|ubuntu|debian|rhel|red ?hat|centos|fedora|suse|sles|rocky|alma|amzn|amazon linux|oracle linux|astra|alt linux|red os)\b/i.test(text)) return "linux";
  return null;
}

const RPM_DISTROS = /\b(?:rhel|red ?hat|centos|fedora|suse|sles|rocky|alma|amzn|amazon linux|oracle linux|red os|alt linux)\b/i;

/** An installed program as the agent would report it on this platform. */
export function programEntry(platform: Platform, p: { name: string; version?: string; publisher?: string; identifier?: string; os?: string }): EntryLike {
  const base = { name: p.name, ...(p.version ? { version: p.version } : {}), ...(p.publisher ? { publisher: p.publisher } : {}) };
  if (platform === "windows") return { source: "windows-uninstall", ...base, ...(p.identifier ? { identifier: p.identifier } : {}) };
  if (platform === "darwin") return { source: "macos-app", ...base, ...(p.identifier ? { identifier: p.identifier } : {}) };
  return { source: RPM_DISTROS.test(p.os ?? "") ? "rpm" : "dpkg", ...base, identifier: p.identifier || p.name };
}

/** "com.vendor.app": a macOS bundle identifier (Intune lists macOS apps by it). */
export const isBundleId = (s: string) => /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+){2,}$/.test(s);

/** Epoch ms of a timestamp a tool wrote (ISO 8601, "YYYY-MM-DD hh:mm:ss[.fff]" taken as UTC), or null. */
export function parseTimestamp(s: string): number | null {
  const t = s.trim();
  if (!t) return null;
  const iso = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(t) ? `${t.replace(" ", "T")}Z` : t;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && ms > Date.UTC(2000, 0, 1) ? ms : null;
}
