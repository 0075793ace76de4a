// The settings row that says `npm run demo` made this database: its accounts share the published
// demo password. The demo reuses or resets (PostgreSQL: replaces) only a database that carries it,
// or an empty one; the production server refuses to serve one (main.ts). Nothing else reads it.
import type { Db } from "./client";
import { prep } from "./sql";

export const DEMO_MARKER_KEY = "demo_database";

/** Marks the database as the demo's; the value says when it was seeded. */
export function markDemoDatabase(db: Db, seededAt: number): void {
  prep(db, "insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value").run(
    DEMO_MARKER_KEY,
    `seeded by npm run demo at ${new Date(seededAt).toISOString()}`,
  );
}

/** The marker's value, or null for a database the demo did not make. */
export function demoMarker(db: Db): string | null {
  return (prep(db, "select value from settings where key = ?").get(DEMO_MARKER_KEY) as { value: string } | undefined)?.value ?? null;
}
