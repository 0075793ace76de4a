// Copies a Muster SQLite database into a PostgreSQL database, in bulk: seeding through the app on
// PostgreSQL runs at about 20 endpoints/s (the synchronous bridge, db/pg-compat.ts), so the demo
// seeds a temporary SQLite file and copies it, and the scale benchmark puts the same million
// endpoints on both engines this way.
//
// The target must hold no rows (or be a demo database and `replaceDemo` set: db/pg-contents.ts);
// anything else is refused before a thing is written. Its schema comes from its own migrations
// (drizzle/pg); then, on one connection and in one transaction, every table is truncated and filled
// with COPY … FROM STDIN (CSV) from the same columns read in SQLite, with triggers off: the
// presence-count triggers would otherwise add the copied observations to the copied counts, and the
// append-only ones refuse the truncation. As a superuser the whole session turns them off
// (session_replication_role = replica), foreign keys are not re-checked for rows SQLite already
// checked, and tables load in any order; as the database's owner (the usual demo) each table's own
// triggers are disabled and re-enabled, and tables load parents first so the foreign keys hold.
// Indexes that back no constraint are dropped first and built again afterwards (one sort per index
// rather than a million random inserts), and COPY … FREEZE writes the rows already frozen. Then
// identity sequences continue after the copied ids, ANALYZE, and every table's row count is checked
// against SQLite's.
import Database from "better-sqlite3";
import pg from "pg";
import { explainPgError, migratePg, PostgresError, describePostgresUrl } from "./pg";
import { readPgContents } from "./pg-contents";
import { copyIn, csvChunks } from "./pg-copy-in";
import { checkCounts, checkSameTables, continueSequences, inLoadOrder, pgTables, q } from "./sqlite-to-pg-schema";

export type CopyStats = { ms: number; indexMs: number; analyzeMs: number; tables: { table: string; rows: number; ms: number }[] };

export type CopyOptions = {
  log?: (line: string) => void;
  /** Replace the rows of a database the demo made (it carries the demo marker). Otherwise the target must hold no rows. */
  replaceDemo?: boolean;
};

/** Copies the SQLite database `file` into the PostgreSQL database at `url` (see the top of this file). */
export async function copySqliteToPostgres(file: string, url: string, opts: CopyOptions = {}): Promise<CopyStats> {
  const log = opts.log ?? console.log;
  const started = performance.now();
  const client = new pg.Client({ connectionString: url, application_name: "muster copy" });
  const lite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await client.connect();
    const contents = await readPgContents(client);
    if (contents.tablesWithRows.length > 0 && !(opts.replaceDemo && contents.demoMarker)) {
      throw new PostgresError(`PostgreSQL at ${describePostgresUrl(url)} holds data (${contents.tablesWithRows.slice(0, 5).join(", ")}): the copy fills an empty database only`);
    }
    await migratePg({ url });
    const tables = await pgTables(client);
    checkSameTables(lite, tables);
    const order = contents.superuser ? [...tables.keys()] : await inLoadOrder(client, tables);
    if (contents.superuser) await client.query("set session_replication_role = replica");
    await client.query("set maintenance_work_mem = '1GB'");
    await client.query("set synchronous_commit = off");
    await client.query("begin");
    if (!contents.superuser) for (const t of order) await client.query(`alter table ${q(t)} disable trigger user`);
    await client.query(`truncate ${order.map(q).join(", ")}`);
    const indexes = (
      await client.query<{ name: string; def: string }>(
        `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
           from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
      )
    ).rows;
    for (const ix of indexes) await client.query(`drop index ${ix.name}`);
    const stats: CopyStats["tables"] = [];
    for (const table of order) {
      const t0 = performance.now();
      const cols = tables.get(table)!;
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
    if (indexMs >= 1000) log(`  built ${indexes.length} indexes again in ${(indexMs / 1000).toFixed(1)} s`);
    if (!contents.superuser) for (const t of order) await client.query(`alter table ${q(t)} enable trigger user`);
    await client.query("commit");
    await continueSequences(client, lite, tables);
    const ta = performance.now();
    await client.query("analyze");
    // The load's dirty pages written now rather than during the first requests (a superuser's, or pg_checkpoint's, right).
    await client.query("checkpoint").catch((err: { code?: string }) => {
      if (err.code !== "42501") throw err;
    });
    const analyzeMs = performance.now() - ta;
    await checkCounts(client, lite, tables);
    return { ms: performance.now() - started, indexMs, analyzeMs, tables: stats };
  } catch (err) {
    throw err instanceof PostgresError || !isPgError(err) ? err : explainPgError(err, url);
  } finally {
    await client.end().catch(() => undefined);
    lite.close();
  }
}

/** An error node-postgres or the network raised (a SQLSTATE or a system error code), as opposed to ours. */
function isPgError(err: unknown): boolean {
  return typeof (err as { code?: unknown })?.code === "string";
}
