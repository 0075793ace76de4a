// A fresh database of each engine, migrated, behind one small interface: for tests that run the
// same writes on SQLite and on a real PostgreSQL and compare (the trigger-kept counts).
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import path from "node:path";
import pg from "pg";
import { createTempDb, type TempDb } from "./db";
import { startPostgres, type TempPostgres } from "./postgres";

const PG_MIGRATIONS = path.resolve(__dirname, "../../drizzle/pg");

export type Engine = { name: string; run: (sql: string, params?: unknown[]) => Promise<void>; rows: (sql: string) => Promise<Record<string, unknown>[]> };

/** SQLite and PostgreSQL (`?` placeholders on both); `close` removes both. */
export async function twoEngines(pgDatabase: string): Promise<{ engines: Engine[]; close: () => Promise<void> }> {
  const lite: TempDb = createTempDb();
  const server: TempPostgres = await startPostgres();
  const pool = new pg.Pool({ connectionString: await server.createDatabase(pgDatabase), max: 1 });
  await migrate(drizzle(pool), { migrationsFolder: PG_MIGRATIONS });
  const sqlite = lite.db.$client;
  const numbered = (sql: string) => {
    let i = 0;
    return sql.replace(/\?/g, () => `$${++i}`);
  };
  const engines: Engine[] = [
    { name: "SQLite", run: async (sql, p = []) => void sqlite.prepare(sql).run(...p), rows: async (sql) => sqlite.prepare(sql).all() as Record<string, unknown>[] },
    { name: "PostgreSQL", run: async (sql, p = []) => void (await pool.query(numbered(sql), p)), rows: async (sql) => (await pool.query(sql)).rows },
  ];
  return {
    engines,
    close: async () => {
      await pool.end();
      await server.stop();
      lite.cleanup();
    },
  };
}
