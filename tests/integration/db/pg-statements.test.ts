// The statements that make work safe with several app nodes (issue 15), run on a real PostgreSQL 15
// exactly as written for SQLite (only `?` becomes `$1`, `$2` …), on a database migrated with
// drizzle/pg: the job lease's conditional upsert (its row count says who holds it), the first
// administrator's conditional insert, the hardware-id salt's insert-if-absent. The SQLite side is
// tested with several processes (ops/multinode-maintenance, foundation/bootstrap-multinode).
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INSERT_SETTING_IF_ABSENT } from "~/server/ingest/store-settings";
import { INSERT_FIRST_USER } from "~/server/users/store";
import { CLAIM_LEASE } from "~/server/work/store-leases";
import { startPostgres, type TempPostgres } from "../../support/postgres";

const PG_MIGRATIONS = path.resolve(__dirname, "../../../drizzle/pg");
let server: TempPostgres;
let pool: pg.Pool;

/** SQLite's `?` placeholders as PostgreSQL's `$n`. */
const numbered = (text: string) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

beforeAll(async () => {
  server = await startPostgres();
  pool = new pg.Pool({ connectionString: await server.createDatabase("statements"), max: 4 });
  pool.on("error", () => {}); // idle connections the server ends as it stops
  await migrate(drizzle(pool), { migrationsFolder: PG_MIGRATIONS });
}, 120_000);
afterAll(async () => {
  await pool?.end();
  await server?.stop();
});

describe("the several-nodes statements on PostgreSQL", () => {
  it("the job lease: taken when there is none, renewed by its holder, refused to another until it lapses, then taken over", async () => {
    const claim = async (holder: string, now: number, expiresAt: number) => (await pool.query(numbered(CLAIM_LEASE), ["maintenance", holder, expiresAt, now])).rowCount === 1;
    expect(await claim("a", 1000, 2000)).toBe(true);
    expect(await claim("b", 1500, 2500)).toBe(false);
    expect(await claim("a", 1500, 2500)).toBe(true);
    expect(await claim("b", 2499, 3499)).toBe(false);
    expect(await claim("b", 2500, 3500)).toBe(true);
    expect((await pool.query("select holder, expires_at::float8 as e from job_leases")).rows).toEqual([{ holder: "b", e: 3500 }]);
    // Several nodes claiming a free lease at once: exactly one holds it.
    await pool.query("delete from job_leases");
    const results = await Promise.all(["n1", "n2", "n3", "n4"].map((h) => claim(h, 10_000, 20_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("the first administrator: created while there is no account, and not again", async () => {
    const insert = async (email: string) => (await pool.query(numbered(INSERT_FIRST_USER), [email, "Administrator", "admin", "hash"])).rows as { id: number }[];
    expect(await insert("first@example.gov")).toHaveLength(1);
    expect(await insert("first@example.gov")).toEqual([]);
    expect(await insert("other@example.gov")).toEqual([]);
    expect((await pool.query("select email, role, agency_id from users")).rows).toEqual([{ email: "first@example.gov", role: "admin", agency_id: null }]);
  });

  it("the hardware-id salt: the first insert wins, a second does nothing", async () => {
    const insert = async (value: string) => (await pool.query(numbered(INSERT_SETTING_IF_ABSENT), ["hardware_id_salt", value])).rowCount;
    expect(await insert("one")).toBe(1);
    expect(await insert("two")).toBe(0);
    expect((await pool.query("select value from settings where key = 'hardware_id_salt'")).rows).toEqual([{ value: "one" }]);
  });
});
