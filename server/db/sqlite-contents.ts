// What a SQLite file holds, read (read-only) before the demo seeds into it or deletes it: whether
// it has rows, and whether the demo made it (db/demo-marker.ts; a demo file from before the marker
// is known by its demo accounts). Mirrors db/pg-contents.ts.
import fs from "node:fs";
import Database from "better-sqlite3";
import { DEMO_MARKER_KEY } from "./demo-marker";

export type SqliteContents = { tablesWithRows: string[]; demoMarker: string | null };

const LEGACY_DEMO_ACCOUNT = "officer@demo.muster";

/** Null when there is no file (or an empty one): nothing to lose. */
export function readSqliteContents(file: string): SqliteContents | null {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'").pluck().all() as string[];
    const tablesWithRows = tables.filter(
      (t) =>
        db
          .prepare(`select exists (select 1 from "${t.replace(/"/g, '""')}")`)
          .pluck()
          .get() === 1,
    );
    let demoMarker: string | null = null;
    if (tablesWithRows.includes("settings")) demoMarker = (db.prepare("select value from settings where key = ?").pluck().get(DEMO_MARKER_KEY) as string | undefined) ?? null;
    if (!demoMarker && tablesWithRows.includes("users") && db.prepare("select 1 from users where email = ?").get(LEGACY_DEMO_ACCOUNT)) {
      demoMarker = "seeded by npm run demo (before the marker)";
    }
    return { tablesWithRows, demoMarker };
  } finally {
    db.close();
  }
}
