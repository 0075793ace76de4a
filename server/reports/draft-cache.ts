// Draft reports are previews, rebuilt on every view: about a second for a whole national
// deployment. The same scope and reporting date asked again within a minute, with no check-in,
// endpoint event or audited change (waiver, policy, agency, user, token) since, gets the figures
// already built. Publishing never uses this: a published report is always built afresh.
// Bounded by size as well as by count: a draft is small (what the preview shows, preview.ts), but
// its agency rows grow with the deployment, and the cache must never hold a fleet's worth of them.
import "server-only";
import v8 from "node:v8";
import type { Db } from "../db/client";
import { latestChangeMarks } from "./store-figures";

const TTL_MS = 60_000;
const MAX_ENTRIES = 16;
/** What the kept drafts may weigh together, as their structured-clone size (how they crossed from the work thread). */
export const MAX_DRAFT_BYTES = 8 * 1024 * 1024;

type Entry = { stamp: string; at: number; value: unknown; bytes: number };
const entries = new Map<string, Entry>();

/** Changes whenever anything a report counts may have changed (each is one index or rowid lookup). */
function dataStamp(db: Db): string {
  const row = latestChangeMarks(db);
  return `${db.$client.name}:${row.c}:${row.e}:${row.a}`;
}

/** Drops the oldest entries until the count and the weight are within bounds (possibly the newest itself). */
function trim(): void {
  let bytes = 0;
  for (const e of entries.values()) bytes += e.bytes;
  for (const [key, e] of entries) {
    if (entries.size <= MAX_ENTRIES && bytes <= MAX_DRAFT_BYTES) break;
    entries.delete(key);
    bytes -= e.bytes;
  }
}

function weigh(value: unknown): number {
  try {
    return v8.serialize(value).length;
  } catch {
    return Number.POSITIVE_INFINITY; // not plain data: never kept once built
  }
}

export function cachedDraft<T>(db: Db, key: string, build: () => T, now = Date.now()): T {
  const stamp = dataStamp(db);
  const hit = entries.get(key);
  if (hit && hit.stamp === stamp && now - hit.at < TTL_MS) return hit.value as T;
  const value = build();
  entries.delete(key);
  const entry: Entry = { stamp, at: now, value: value as unknown, bytes: 0 };
  entries.set(key, entry);
  const settle = (built: unknown) => {
    if (entries.get(key) !== entry) return;
    entry.bytes = weigh(built);
    trim();
  };
  // A build still running is shared by whoever asks meanwhile (weighed once built); a failed one is not kept.
  if (value instanceof Promise) value.then(settle, () => entries.get(key) === entry && entries.delete(key));
  else settle(value);
  trim();
  return value;
}

/** What the cache holds now (for tests and the benchmark). */
export function draftCacheStats(): { entries: number; bytes: number } {
  let bytes = 0;
  for (const e of entries.values()) bytes += e.bytes;
  return { entries: entries.size, bytes };
}
