// Copies a Muster SQLite database into a new PostgreSQL database, in bulk: seeding a million
// endpoints through the app on PostgreSQL would take the better part of a day (about 20
// endpoints/s), and the scale benchmark wants the same data on both engines anyway.
//
// The PostgreSQL schema comes from its own migrations (drizzle/pg); then, on one connection and in
// one transaction, every table of that schema is truncated and filled with COPY … FROM STDIN
// (CSV) from the same columns read in SQLite, with triggers off (session_replication_role =
// replica): the presence-count triggers would otherwise add the copied observations to the copied
// counts, and foreign keys are not re-checked for rows SQLite already checked. Indexes that back no
// constraint are dropped first and built again afterwards (one sort per index rather than a million
// random inserts), and COPY … FREEZE writes the rows already frozen and visible to all (no vacuum
// has to revisit them before index-only scans work). Then identity sequences continue after the
// copied ids, ANALYZE, and every table's row count is checked against SQLite's.
import Database from "better-sqlite3";
import pg from "pg";
import { closeDb, getDb, migrateDb } from "~/server/db/client";
import { copyIn } from "./pg-copy-in";

export type CopyStats = { ms: number; indexMs: number; analyzeMs: number; tables: { table: string; rows: number; ms: number }[] };

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** One value as a CSV field: NULL unquoted and empty, every text that could be misread quoted ('' is then the empty string). */
function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "string") return v === "" || /[",\r\n\\]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  throw new Error(`cannot copy a ${typeof v} value (${Buffer.isBuffer(v) ? "blob" : String(v)})`);
}

/** The rows as CSV text, about `size` characters a chunk (COPY streams them, nothing is held whole). */
function* csvChunks(rows: Iterable<unknown[]>, size = 1 << 20): Generator<string> {
  let chunk = "";
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) chunk += i === 0 ? csvField(row[i]) : `,${csvField(row[i])}`;
    chunk += "\n";
    if (chunk.length >= size) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/** The public schema's tables and their columns, in PostgreSQL's column order. */
async function pgTables(client: pg.Client): Promise<Map<string, string[]>> {
  const r = await client.query<{ table_name: string; cols: string[] }>(
    `select c.table_name, array_agg(c.column_name::text order by c.ordinal_position) as cols
       from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE' group by c.table_name order by c.table_name`,
  );
  return new Map(r.rows.map((row) => [row.table_name, row.cols]));
}

/** Every SQLite table the copy would leave behind must be empty: a table PostgreSQL lacks is a schema difference, not data to drop silently. */
function checkSameTables(lite: Database.Database, tables: Map<string, string[]>): void {
  const problems: string[] = [];
  const liteTables = (lite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'").pluck().all() as string[]).sort();
  for (const t of liteTables) {
    if (
      !tables.has(t) &&
      (lite
        .prepare(`select count(*) from ${q(t)}`)
        .pluck()
        .get() as number) > 0
    )
      problems.push(`table ${t} has rows in SQLite and no PostgreSQL twin`);
  }
  for (const [t, cols] of tables) {
    if (!liteTables.includes(t)) {
      problems.push(`table ${t} is missing in SQLite`);
      continue;
    }
    const liteCols = new Set(lite.prepare("select name from pragma_table_info(?)").pluck().all(t) as string[]);
    for (const c of cols) if (!liteCols.has(c)) problems.push(`column ${t}.${c} is missing in SQLite`);
    for (const c of liteCols) if (!cols.includes(c)) problems.push(`column ${t}.${c} is missing in PostgreSQL`);
  }
  if (problems.length) throw new Error(`the SQLite and PostgreSQL schemas differ:\n  ${problems.join("\n  ")}`);
}

/** Copies the SQLite database `file` into the empty PostgreSQL database at `url` (see the top of this file). */
export async function copySqliteToPostgres(file: string, url: string, log: (line: string) => void = console.log): Promise<CopyStats> {
  const started = performance.now();
  const db = getDb(url);
  migrateDb(db);
  closeDb(url);
  const lite = new Database(file, { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await pgTables(client);
    checkSameTables(lite, tables);
    await client.query("set session_replication_role = replica");
    await client.query("set maintenance_work_mem = '1GB'");
    await client.query("set synchronous_commit = off");
    await client.query("begin");
    await client.query(`truncate ${[...tables.keys()].map(q).join(", ")}`);
    const indexes = (
      await client.query<{ name: string; def: string }>(
        `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
           from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
      )
    ).rows;
    for (const ix of indexes) await client.query(`drop index ${ix.name}`);
    const stats: CopyStats["tables"] = [];
    for (const [table, cols] of tables) {
      const t0 = performance.now();
      const list = cols.map(q).join(", ");
      const rows = lite
        .prepare(`select ${list} from ${q(table)}`)
        .raw()
        .iterate() as Iterable<unknown[]>;
      const n = await copyIn(client, `copy ${q(table)} (${list}) from stdin with (format csv, freeze)`, csvChunks(rows));
      const ms = performance.now() - t0;
      stats.push({ table, rows: n, ms });
      if (n >= 100_000) log(`  copied ${table}: ${n.toLocaleString("en-GB")} rows in ${(ms / 1000).toFixed(1)} s`);
    }
    const ti = performance.now();
    for (const ix of indexes) await client.query(ix.def);
    const indexMs = performance.now() - ti;
    log(`  built ${indexes.length} indexes again in ${(indexMs / 1000).toFixed(1)} s`);
    await client.query("commit");
    await continueSequences(client, lite, tables);
    const ta = performance.now();
    await client.query("analyze");
    await client.query("checkpoint"); // the load's dirty pages written now, not during the timed requests
    const analyzeMs = performance.now() - ta;
    await checkCounts(client, lite, tables);
    return { ms: performance.now() - started, indexMs, analyzeMs, tables: stats };
  } finally {
    await client.end();
    lite.close();
  }
}

/**
 * Identity columns ("generated by default") took the copied ids without moving their sequences:
 * each continues after SQLite's highest id handed out (sqlite_sequence, which remembers ids of
 * deleted rows too, as AUTOINCREMENT never reuses them) or the highest copied id.
 */
async function continueSequences(client: pg.Client, lite: Database.Database, tables: Map<string, string[]>): Promise<void> {
  const identities = await client.query<{ table_name: string; column_name: string }>(
    "select table_name, column_name from information_schema.columns where table_schema = 'public' and is_identity = 'YES'",
  );
  const handedOut = new Map(lite.prepare("select name, seq from sqlite_sequence").raw().all() as [string, number][]);
  for (const { table_name: t, column_name: c } of identities.rows) {
    if (!tables.has(t)) continue;
    const max = Number((await client.query(`select coalesce(max(${q(c)}), 0) as m from ${q(t)}`)).rows[0].m);
    const last = Math.max(max, handedOut.get(t) ?? 0);
    if (last > 0) await client.query("select setval(pg_get_serial_sequence($1, $2), $3)", [q(t), c, last]);
  }
}

async function checkCounts(client: pg.Client, lite: Database.Database, tables: Map<string, string[]>): Promise<void> {
  const wrong: string[] = [];
  for (const t of tables.keys()) {
    const want = lite
      .prepare(`select count(*) from ${q(t)}`)
      .pluck()
      .get() as number;
    const got = Number((await client.query(`select count(*) as n from ${q(t)}`)).rows[0].n);
    if (got !== want) wrong.push(`${t}: SQLite ${want}, PostgreSQL ${got}`);
  }
  if (wrong.length) throw new Error(`the copy lost or doubled rows:\n  ${wrong.join("\n  ")}`);
}
