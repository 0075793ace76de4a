// Upgrading a deployment keeps its data: a database migrated by an older release, with a
// published report in it, comes through every later migration intact and still frozen.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../../support/db";

const ROOT = path.resolve(__dirname, "../../..");
const dir = tempDir("muster-migrate-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A copy of drizzle/ holding only the first `n` migrations, as an older release shipped them. */
function olderRelease(n: number): string {
  const out = path.join(dir, `release-${n}`);
  fs.mkdirSync(path.join(out, "meta"), { recursive: true });
  const journal = JSON.parse(fs.readFileSync(path.join(ROOT, "drizzle/meta/_journal.json"), "utf8"));
  journal.entries = journal.entries.slice(0, n);
  fs.writeFileSync(path.join(out, "meta/_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(ROOT, "drizzle", `${e.tag}.sql`), path.join(out, `${e.tag}.sql`));
  return out;
}

describe("migrations", () => {
  it("keep published reports byte for byte, and frozen, across the reports table rebuild", () => {
    const file = path.join(dir, "muster.db");
    const sqlite = new Database(file);
    sqlite.pragma("foreign_keys = ON");
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: olderRelease(4) });
    sqlite.prepare("insert into users (email, name, role, password_hash) values ('a@x.gov', 'A', 'admin', 'x')").run();
    const data = JSON.stringify({ big: "x".repeat(200_000), figures: [1, 2, 3] });
    sqlite
      .prepare("insert into reports (scope_agency_id, as_of, title, data, sha256, previous_report_id, published_at, published_by) values (null, '2026-11-01', 'Status report', ?, 'abc', null, 1, 1)")
      .run(data);

    migrate(db, { migrationsFolder: path.join(ROOT, "drizzle") });
    const row = sqlite.prepare("select * from reports").get() as Record<string, unknown>;
    expect(row).toMatchObject({ id: 1, as_of: "2026-11-01", title: "Status report", sha256: "abc", published_by: 1, data });
    expect(Object.keys(row).at(-1)).toBe("data");
    expect(() => sqlite.prepare("update reports set title = 'changed'").run()).toThrow(/immutable/);
    expect(() => sqlite.prepare("delete from reports").run()).toThrow(/immutable/);
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    sqlite.close();
  });
});
