// A digest of every table's content, to prove that rejected requests changed nothing.
import { createHash } from "node:crypto";
import { type Db, isPostgres } from "~/server/db/client";

const SQLITE_TABLES = "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name";
/** The schema's tables (drizzle's journal is in its own schema, as SQLite's internal tables are left out). */
const PG_TABLES = "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name";

export function databaseDigest(db: Db): string {
  const h = createHash("sha256");
  const tables = db.$client.prepare(isPostgres(db) ? PG_TABLES : SQLITE_TABLES).all() as { name: string }[];
  for (const { name } of tables) {
    h.update(`#${name}\n`);
    for (const row of db.$client.prepare(`select * from "${name}" order by 1, 2`).raw(true).iterate() as Iterable<unknown[]>) h.update(`${JSON.stringify(row)}\n`);
  }
  return h.digest("hex");
}
