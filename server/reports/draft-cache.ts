// Draft reports are previews, rebuilt on every view: about a second for a whole national
// deployment. The same scope and reporting date asked again within a minute, with no check-in,
// endpoint event or audited change (waiver, policy, agency, user, token) since, gets the figures
// already built. Publishing never uses this: a published report is always built afresh.
import "server-only";
import type { Db } from "../db/client";
import { latestChangeMarks } from "./store-figures";

const TTL_MS = 60_000;
const MAX_ENTRIES = 16;
const entries = new Map<string, { stamp: string; at: number; value: unknown }>();

/** Changes whenever anything a report counts may have changed (each is one index or rowid lookup). */
function dataStamp(db: Db): string {
  const row = latestChangeMarks(db);
  return `${db.$client.name}:${row.c}:${row.e}:${row.a}`;
}

export function cachedDraft<T>(db: Db, key: string, build: () => T, now = Date.now()): T {
  const stamp = dataStamp(db);
  const hit = entries.get(key);
  if (hit && hit.stamp === stamp && now - hit.at < TTL_MS) return hit.value as T;
  const value = build();
  entries.delete(key);
  const entry = { stamp, at: now, value: value as unknown };
  entries.set(key, entry);
  // A build still running is shared by whoever asks meanwhile; a failed one is not kept.
  if (value instanceof Promise) value.catch(() => entries.get(key) === entry && entries.delete(key));
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return value;
}
