// The bulk copy of a SQLite database into PostgreSQL (server/db/sqlite-to-pg.ts), on a cluster of
// its own, both ways it runs: as a superuser (the scale benchmark: triggers off for the session) and
// as the database's owner (the demo: each table's triggers off and on again, parents loaded first).
// Rows arrive whole, identities continue after the copied ids, the append-only triggers hold again
// afterwards, and a database holding data is refused unless it is the demo's and `replaceDemo` says so.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgency } from "~/server/agencies/service";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { closeDb, getDb, migrateDb } from "~/server/db/client";
import { markDemoDatabase } from "~/server/db/demo-marker";
import { copySqliteToPostgres } from "~/server/db/sqlite-to-pg";
import { tempDir } from "../../support/db";
import { startPostgres, type TempPostgres } from "../../support/postgres";

const dir = tempDir("muster-copy-");
const file = path.join(dir, "source.db");
let cluster: TempPostgres;

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A database owned by an ordinary role (createdb -O), and its URL as that role. */
async function ownedDatabase(name: string): Promise<string> {
  await query(cluster.url, `create role ${name}_owner login password 'owner-pw'`);
  await query(cluster.url, `create database ${name} owner ${name}_owner`);
  return cluster.url.replace(/\/\/muster:[^@]+@/, `//${name}_owner:owner-pw@`).replace(/\/postgres$/, `/${name}`);
}

beforeAll(async () => {
  cluster = await startPostgres();
  const db = getDb(file);
  migrateDb(db);
  const ministry = createAgency(db, SYSTEM_ACTOR, { code: "MIN-A", name: "Ministry A" });
  createAgency(db, SYSTEM_ACTOR, { code: "AG-B", name: "Agency B", parentCode: ministry.code, deadline: "2027-01-31" });
  markDemoDatabase(db, Date.parse("2026-12-01T00:00:00Z"));
  closeDb(file);
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("copying a SQLite database into PostgreSQL", () => {
  for (const as of ["superuser", "owner"] as const) {
    it(`copies every row as the ${as}; ids continue after the copied ones and the audit log is append-only again`, async () => {
      const url = as === "superuser" ? await cluster.createDatabase("copy_super") : await ownedDatabase("copy_owner");
      const stats = await copySqliteToPostgres(file, url, { log: () => {} });
      expect(stats.tables.find((t) => t.table === "agencies")?.rows).toBe(2);
      expect(await query(url, "select a.code, p.code as parent, a.path = '/' || p.id || '/' || a.id || '/' as path_ok, a.deadline from agencies a join agencies p on p.id = a.parent_id")).toEqual([
        { code: "AG-B", parent: "MIN-A", path_ok: true, deadline: "2027-01-31" },
      ]);
      const [ids] = await query<{ max: string; next: string }>(url, "select (select max(id) from audit_log) as max, nextval(pg_get_serial_sequence('audit_log', 'id')) as next");
      expect(Number(ids!.max)).toBeGreaterThanOrEqual(2);
      expect(Number(ids!.next)).toBe(Number(ids!.max) + 1);
      await expect(query(url, "delete from audit_log")).rejects.toThrow("audit_log is append-only");
    });
  }

  it("refuses a database holding data, and replaces the demo's own only when told to", async () => {
    const url = await cluster.createDatabase("copy_target");
    await copySqliteToPostgres(file, url, { log: () => {} }); // now holds rows, the demo marker among them
    await expect(copySqliteToPostgres(file, url, { log: () => {} })).rejects.toThrow(
      /muster@127\.0\.0\.1:\d+\/copy_target holds data \(agencies, agency_counts, audit_log, settings\): the copy fills an empty database only/,
    );
    await copySqliteToPostgres(file, url, { log: () => {}, replaceDemo: true });
    expect(await query(url, "select count(*)::int as n from agencies")).toEqual([{ n: 2 }]);

    await query(url, "delete from settings where key = 'demo_database'");
    await expect(copySqliteToPostgres(file, url, { log: () => {}, replaceDemo: true })).rejects.toThrow("holds data");
    expect(await query(url, "select count(*)::int as n from agencies")).toEqual([{ n: 2 }]);
  });
});
