// Data access for re-evaluation: the pending marker and the progress row (both in settings, so the
// page, the work thread and the CLI see the same), and the connection's page cache size, raised
// while chunks run.
import type { Db } from "../db/client";
import { prep } from "../db/sql";

const PENDING = "reevaluation_pending";
const PROGRESS = "reevaluation_progress";

/** The pending marker as stored (JSON of the target), if work is owed. */
export function pendingMarker(db: Db): string | undefined {
  return (prep(db, "select value from settings where key = 'reevaluation_pending'").get() as { value: string } | undefined)?.value;
}

export function hasPendingMarker(db: Db): boolean {
  return prep(db, "select 1 from settings where key = 'reevaluation_pending'").get() !== undefined;
}

export function writePendingMarker(db: Db, value: string): void {
  prep(db, "insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value").run(PENDING, value);
}

export function deletePendingMarker(db: Db): void {
  prep(db, "delete from settings where key = 'reevaluation_pending'").run();
}

/** The progress of the current pass as stored (JSON), if one was written. */
export function progressSetting(db: Db): string | undefined {
  return (prep(db, "select value from settings where key = ?").get(PROGRESS) as { value: string } | undefined)?.value;
}

export function writeProgressSetting(db: Db, value: string): void {
  prep(db, "insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value").run(PROGRESS, value);
}

export function deleteProgressSetting(db: Db): void {
  prep(db, "delete from settings where key = ?").run(PROGRESS);
}

/** The connection's page cache size (SQLite's cache_size: pages, or KiB when negative). */
export function pageCacheSize(db: Db): number {
  return db.$client.pragma("cache_size", { simple: true }) as number;
}

export function setPageCacheSize(db: Db, size: number): void {
  db.$client.pragma(`cache_size = ${size}`);
}
