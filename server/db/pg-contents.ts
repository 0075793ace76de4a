// What a PostgreSQL database holds, read before Muster writes into it in bulk (db/sqlite-to-pg.ts,
// the demo): which tables have rows, whether `npm run demo` made it (db/demo-marker.ts), and whether
// we sign in as a superuser (the fast bulk load switches triggers off for the session, which only a
// superuser may). Nothing here writes.
import type pg from "pg";
import { DEMO_MARKER_KEY } from "./demo-marker";
import { PG_MIGRATIONS_SCHEMA, PG_MIGRATIONS_TABLE } from "./pg";

export type PgContents = {
  /** Tables, in any schema but PostgreSQL's own (drizzle's migration journal excepted), that hold at least one row. */
  tablesWithRows: string[];
  /** The demo marker's value (when the demo seeded it), or null. */
  demoMarker: string | null;
  superuser: boolean;
};

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function readPgContents(client: pg.Client): Promise<PgContents> {
  const tables = await client.query<{ schema: string; name: string }>(
    `select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
        and not (n.nspname = $1 and c.relname = $2)
      order by 1, 2`,
    [PG_MIGRATIONS_SCHEMA, PG_MIGRATIONS_TABLE],
  );
  const tablesWithRows: string[] = [];
  for (const t of tables.rows) {
    const r = await client.query<{ has: boolean }>(`select exists (select 1 from ${q(t.schema)}.${q(t.name)}) as has`);
    if (r.rows[0]?.has) tablesWithRows.push(t.schema === "public" ? t.name : `${t.schema}.${t.name}`);
  }
  let demoMarker: string | null = null;
  if (tablesWithRows.includes("settings")) {
    const r = await client.query<{ value: string }>("select value from settings where key = $1", [DEMO_MARKER_KEY]);
    demoMarker = r.rows[0]?.value ?? null;
  }
  const su = await client.query<{ on: string }>("select current_setting('is_superuser') as on");
  return { tablesWithRows, demoMarker, superuser: su.rows[0]?.on === "on" };
}
