// The two migration histories describe one schema: a fresh SQLite database migrated the way the app
// does it (server/db/client.ts migrateDb over drizzle/) and a fresh PostgreSQL database migrated by
// drizzle's node-postgres migrator over drizzle/pg end with the same tables, columns (nullability,
// type family, default), primary keys, foreign keys, indexes, CHECK constraints and triggers, and the
// evidence tables refuse UPDATE and DELETE on both. A difference is listed line by line: what to add
// to server/db/schema-pg (then `npm run db:generate:pg`) or to a custom migration in drizzle/pg.
import path from "node:path";
import { is } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { getTableConfig as pgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sqliteSchema from "~/server/db/schema";
import * as pgSchema from "~/server/db/schema-pg";
import { createTempDb, type TempDb } from "../../support/db";
import { startPostgres, type TempPostgres } from "../../support/postgres";

const PG_MIGRATIONS = path.resolve(__dirname, "../../../drizzle/pg");

type Column = { type: string; notNull: boolean; default: string | null };
type ForeignKey = { columns: string[]; table: string; to: string[]; onDelete: string; onUpdate: string };
type Index = { columns: string[]; unique: boolean; where: string | null };
type Trigger = { table: string; timing: string; events: string[] };
type Table = { columns: Map<string, Column>; primaryKey: string[]; foreignKeys: ForeignKey[]; indexes: Map<string, Index>; checks: string[] };
type Schema = { tables: Map<string, Table>; triggers: Map<string, Trigger> };

/**
 * The type mapping, written once: the PostgreSQL types a column of each SQLite type may have. Which
 * one is checked further: SQLite's 0/1 booleans (Drizzle's mode "boolean") are `boolean`; ids,
 * references and times (`id`, `*_id`, `at`, `*_at`) are `bigint`; a foreign key has its target's type.
 */
const PG_TYPES: Record<string, string[]> = {
  integer: ["bigint", "integer", "boolean"],
  text: ["text"],
  real: ["double precision"],
  blob: ["bytea"],
};
const mustBeBigint = (column: string) => column === "id" || column === "at" || column.endsWith("_id") || column.endsWith("_at");

/** Triggers PostgreSQL has and SQLite does not need, with the reason. */
const PG_ONLY_TRIGGERS: Record<string, string> = {
  audit_log_no_truncate: "TRUNCATE skips row triggers (SQLite has no TRUNCATE: its DELETE is refused)",
  reports_no_truncate: "TRUNCATE skips row triggers (SQLite has no TRUNCATE: its DELETE is refused)",
};

/** Lower case, no quotes, no table qualifiers, single spaces, no outer parentheses. */
function normaliseSql(text: string): string {
  let s = text
    .replace(/('(?:[^']|'')*')::text\b/g, "$1") // PostgreSQL writes a string literal compared with a text column as 'x'::text
    .replace(/[`"]/g, "")
    .replace(/\b\w+\.(\w+)/g, "$1")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
  while (/^\(.*\)$/.test(s) && balanced(s.slice(1, -1))) s = s.slice(1, -1).trim();
  return s;
}
function balanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    depth += c === "(" ? 1 : c === ")" ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** PostgreSQL's spelling of SQLite's `x collate nocase` key (ASCII letters folded, then bytes compared: drizzle/pg 0007) read as SQLite's. */
function nocaseKey(key: string): string {
  return key.replace(/^lower\((\w+) collate c\)(?: collate c)?$/, "$1 collate nocase");
}

/** A default as both dialects can agree on it: literals without casts, "now in ms" by its meaning. */
function normaliseDefault(value: string | null): string | null {
  if (value === null) return null;
  if (/unixepoch\(\)\s*\*\s*1000/i.test(value) || /extract\s*\(\s*epoch\s+from\s+now\(\)\s*\)/i.test(value)) return "<now in ms>";
  let s = value.trim();
  while (/^\(.*\)$/.test(s) && balanced(s.slice(1, -1))) s = s.slice(1, -1).trim();
  s = s.replace(/::[a-z ]+$/i, "");
  if (s === "1" || s === "0") return s;
  return s.toLowerCase() === "true" || s.toLowerCase() === "false" ? s.toLowerCase() : s;
}

function introspectSqlite(db: TempDb["db"]): Schema {
  const sqlite = db.$client;
  const all = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).all(...params) as T[];
  const tables = new Map<string, Table>();
  for (const { name, sql } of all<{ name: string; sql: string }>("select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'")) {
    const info = all<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(`pragma table_info("${name}")`);
    const columns = new Map(info.map((c) => [c.name, { type: c.type.toLowerCase(), notNull: c.notnull === 1 || c.pk > 0, default: normaliseDefault(c.dflt_value) }]));
    const primaryKey = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const fkRows = all<{ id: number; seq: number; table: string; from: string; to: string | null; on_update: string; on_delete: string }>(`pragma foreign_key_list("${name}")`);
    const foreignKeys = [...new Set(fkRows.map((r) => r.id))].map((id) => {
      const rows = fkRows.filter((r) => r.id === id).sort((a, b) => a.seq - b.seq);
      return { columns: rows.map((r) => r.from), table: rows[0]!.table, to: rows.map((r) => r.to ?? "id"), onDelete: rows[0]!.on_delete.toLowerCase(), onUpdate: rows[0]!.on_update.toLowerCase() };
    });
    const indexes = new Map<string, Index>();
    for (const ix of all<{ name: string; unique: number; origin: string; partial: number }>(`pragma index_list("${name}")`)) {
      if (ix.origin === "pk") continue;
      const keys = all<{ seqno: number; name: string | null; coll: string; key: number }>(`pragma index_xinfo("${ix.name}")`).filter((k) => k.key === 1);
      const columnsOf = keys.sort((a, b) => a.seqno - b.seqno).map((k) => (k.name ?? "<expression>") + (k.coll.toUpperCase() === "BINARY" ? "" : ` collate ${k.coll.toLowerCase()}`));
      const ddl = (sqlite.prepare("select sql from sqlite_master where type = 'index' and name = ?").get(ix.name) as { sql: string | null } | undefined)?.sql ?? "";
      const where = ix.partial ? normaliseSql(ddl.slice(ddl.search(/\swhere\s/i) + 1).replace(/^where\s+/i, "")) : null;
      indexes.set(ix.name, { columns: columnsOf, unique: ix.unique === 1, where });
    }
    const checks = [...sql.matchAll(/(?:constraint\s+[`"]?(\w+)[`"]?\s+)?check\s*\(/gi)].map((m, i) => m[1] ?? `<unnamed check ${i + 1}>`);
    tables.set(name, { columns, primaryKey, foreignKeys, indexes, checks });
  }
  const triggers = new Map<string, Trigger>();
  for (const t of all<{ name: string; tbl_name: string; sql: string }>("select name, tbl_name, sql from sqlite_master where type = 'trigger'")) {
    const m = /\b(before|after|instead\s+of)\s+(insert|update|delete)\b/i.exec(t.sql);
    triggers.set(t.name, { table: t.tbl_name, timing: (m?.[1] ?? "?").toLowerCase(), events: [(m?.[2] ?? "?").toLowerCase()] });
  }
  return { tables, triggers };
}

async function introspectPostgres(client: pg.Pool): Promise<Schema> {
  const q = async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[];
  const tables = new Map<string, Table>();
  for (const { table_name: name } of await q<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1")) {
    const cols = await q<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
      "select column_name, data_type, is_nullable, column_default from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position",
      [name],
    );
    const columns = new Map(cols.map((c) => [c.column_name, { type: c.data_type, notNull: c.is_nullable === "NO", default: normaliseDefault(c.column_default) }]));
    const constraints = await q<{ conname: string; contype: string; columns: string[]; target: string | null; to: string[] | null; ondelete: string; onupdate: string }>(
      `select c.conname, c.contype,
              array(select a.attname from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i)::text[] as columns,
              t.relname as target,
              array(select a.attname from unnest(c.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i)::text[] as "to",
              c.confdeltype as ondelete, c.confupdtype as onupdate
         from pg_constraint c left join pg_class t on t.oid = c.confrelid
        where c.conrelid = $1::regclass order by c.conname`,
      [`public.${name}`],
    );
    const action: Record<string, string> = { a: "no action", r: "restrict", c: "cascade", n: "set null", d: "set default" };
    const primaryKey = constraints.find((c) => c.contype === "p")?.columns ?? [];
    const foreignKeys = constraints.filter((c) => c.contype === "f").map((c) => ({ columns: c.columns, table: c.target!, to: c.to!, onDelete: action[c.ondelete]!, onUpdate: action[c.onupdate]! }));
    const checks = constraints.filter((c) => c.contype === "c").map((c) => c.conname);
    const indexes = new Map<string, Index>();
    for (const ix of await q<{ name: string; unique: boolean; primary: boolean; pred: string | null; indexrelid: string }>(
      `select i.relname as name, x.indisunique as unique, x.indisprimary as primary, pg_get_expr(x.indpred, x.indrelid) as pred, x.indexrelid::text as indexrelid
         from pg_index x join pg_class i on i.oid = x.indexrelid where x.indrelid = $1::regclass`,
      [`public.${name}`],
    )) {
      if (ix.primary) continue;
      // A key's collation, where it is not its column's own (pg_get_indexdef of one key leaves it out).
      const keys = await q<{ def: string; coll: string | null }>(
        `select pg_get_indexdef(x.indexrelid, k, true) as def,
                case when x.indcollation[k - 1] <> 0 and x.indcollation[k - 1] <> coalesce(a.attcollation, 0) then co.collname end as coll
           from pg_index x cross join generate_series(1, x.indnkeyatts) k
           left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = x.indkey[k - 1]
           left join pg_collation co on co.oid = x.indcollation[k - 1]
          where x.indexrelid = $1::oid order by k`,
        [ix.indexrelid],
      );
      const columnsOf = keys.map((k) => nocaseKey(normaliseSql(k.def) + (k.coll ? ` collate ${k.coll.toLowerCase()}` : "")));
      indexes.set(ix.name, { columns: columnsOf, unique: ix.unique, where: ix.pred === null ? null : normaliseSql(ix.pred) });
    }
    tables.set(name, { columns, primaryKey, foreignKeys, indexes, checks });
  }
  const triggers = new Map<string, Trigger>();
  for (const t of await q<{ name: string; table: string; type: number }>(
    "select t.tgname as name, c.relname as table, t.tgtype as type from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace where not t.tgisinternal and n.nspname = 'public'",
  )) {
    // pg_trigger.tgtype bits: 1 row, 2 before, 4 insert, 8 delete, 16 update, 32 truncate, 64 instead.
    const events = (
      [
        [4, "insert"],
        [8, "delete"],
        [16, "update"],
        [32, "truncate"],
      ] as const
    )
      .filter(([bit]) => t.type & bit)
      .map(([, e]) => e);
    triggers.set(t.name, { table: t.table, timing: t.type & 64 ? "instead of" : t.type & 2 ? "before" : "after", events });
  }
  return { tables, triggers };
}

/** The SQLite schema's boolean columns ("table.column"): Drizzle's integer mode "boolean". */
function sqliteBooleans(): Set<string> {
  const out = new Set<string>();
  for (const value of Object.values(sqliteSchema)) {
    if (!is(value, SQLiteTable)) continue;
    const config = sqliteTableConfig(value);
    for (const c of config.columns) if (c.columnType === "SQLiteBoolean") out.add(`${config.name}.${c.name}`);
  }
  return out;
}

const list = (xs: readonly string[]) => `(${xs.join(", ")})`;
const fkText = (fk: ForeignKey) => `${list(fk.columns)} -> ${fk.table}${list(fk.to)} on delete ${fk.onDelete}, on update ${fk.onUpdate}`;
const indexText = (ix: Index) => `${ix.unique ? "unique " : ""}${list(ix.columns)}${ix.where ? ` where ${ix.where}` : ""}`;

/** Every difference, one line each, "table: what SQLite has / what PostgreSQL has". Empty: in step. */
function compareSchemas(lite: Schema, post: Schema, booleans: Set<string>): string[] {
  const diff: string[] = [];
  for (const name of lite.tables.keys()) if (!post.tables.has(name)) diff.push(`table ${name}: missing in PostgreSQL`);
  for (const name of post.tables.keys()) if (!lite.tables.has(name)) diff.push(`table ${name}: in PostgreSQL only`);
  for (const [name, a] of lite.tables) {
    const b = post.tables.get(name);
    if (!b) continue;
    for (const [col, ca] of a.columns) {
      const cb = b.columns.get(col);
      if (!cb) {
        diff.push(`${name}.${col}: missing in PostgreSQL (SQLite: ${ca.type}${ca.notNull ? " not null" : ""})`);
        continue;
      }
      const allowed = booleans.has(`${name}.${col}`) ? ["boolean"] : ca.type === "integer" && mustBeBigint(col) ? ["bigint"] : (PG_TYPES[ca.type] ?? []).filter((t) => t !== "boolean");
      if (!allowed.includes(cb.type)) diff.push(`${name}.${col}: type SQLite ${ca.type}, PostgreSQL ${cb.type} (expected ${allowed.join(" or ") || "a mapping in PG_TYPES"})`);
      if (ca.notNull !== cb.notNull) diff.push(`${name}.${col}: SQLite ${ca.notNull ? "not null" : "nullable"}, PostgreSQL ${cb.notNull ? "not null" : "nullable"}`);
      const da = booleans.has(`${name}.${col}`) && ca.default !== null ? ({ "0": "false", "1": "true" }[ca.default] ?? ca.default) : ca.default;
      if (da !== cb.default) diff.push(`${name}.${col}: default SQLite ${da ?? "none"}, PostgreSQL ${cb.default ?? "none"}`);
    }
    for (const col of b.columns.keys()) if (!a.columns.has(col)) diff.push(`${name}.${col}: in PostgreSQL only`);
    if (list(a.primaryKey) !== list(b.primaryKey)) diff.push(`${name}: primary key SQLite ${list(a.primaryKey)}, PostgreSQL ${list(b.primaryKey)}`);
    const fksA = a.foreignKeys.map(fkText).sort();
    const fksB = b.foreignKeys.map(fkText).sort();
    for (const fk of fksA) if (!fksB.includes(fk)) diff.push(`${name}: foreign key ${fk} missing in PostgreSQL`);
    for (const fk of fksB) if (!fksA.includes(fk)) diff.push(`${name}: foreign key ${fk} in PostgreSQL only`);
    for (const [ix, ia] of a.indexes) {
      const ib = b.indexes.get(ix);
      if (!ib) diff.push(`${name}: index ${ix} ${indexText(ia)} missing in PostgreSQL`);
      else if (indexText(ia) !== indexText(ib)) diff.push(`${name}: index ${ix} SQLite ${indexText(ia)}, PostgreSQL ${indexText(ib)}`);
    }
    for (const [ix, ib] of b.indexes) if (!a.indexes.has(ix)) diff.push(`${name}: index ${ix} ${indexText(ib)} in PostgreSQL only`);
    if (list([...a.checks].sort()) !== list([...b.checks].sort())) diff.push(`${name}: CHECK constraints SQLite ${list(a.checks)}, PostgreSQL ${list(b.checks)}`);
  }
  for (const [name, ta] of lite.triggers) {
    const tb = post.triggers.get(name);
    const text = (t: Trigger) => `${t.timing} ${t.events.join(" or ")} on ${t.table}`;
    if (!tb) diff.push(`trigger ${name} (${text(ta)}): missing in PostgreSQL`);
    else if (text(ta) !== text(tb)) diff.push(`trigger ${name}: SQLite ${text(ta)}, PostgreSQL ${text(tb)}`);
  }
  for (const name of post.triggers.keys())
    if (!lite.triggers.has(name) && !(name in PG_ONLY_TRIGGERS)) diff.push(`trigger ${name}: in PostgreSQL only (list it in PG_ONLY_TRIGGERS with the reason, or add it to SQLite)`);
  return diff;
}

/** Within PostgreSQL: a foreign key column has its target's type (bigint -> bigint). */
function foreignKeyTypes(post: Schema): string[] {
  const diff: string[] = [];
  for (const [name, t] of post.tables)
    for (const fk of t.foreignKeys)
      fk.columns.forEach((col, i) => {
        const own = t.columns.get(col)?.type;
        const target = post.tables.get(fk.table)?.columns.get(fk.to[i]!)?.type;
        if (own !== target) diff.push(`${name}.${col}: ${own}, but it references ${fk.table}.${fk.to[i]} (${target})`);
      });
  return diff;
}

/** server/db/schema-pg against the migrated database: a schema change without `npm run db:generate:pg` shows here. */
function schemaPgAgainstMigrations(post: Schema): string[] {
  const diff: string[] = [];
  const sides = (what: string, declared: string[], migrated: string[]) => {
    for (const x of declared) if (!migrated.includes(x)) diff.push(`${what} ${x}: in server/db/schema-pg, not in drizzle/pg's migrations (npm run db:generate:pg)`);
    for (const x of migrated) if (!declared.includes(x)) diff.push(`${what} ${x}: in drizzle/pg's migrations, not in server/db/schema-pg`);
  };
  const declared = Object.values(pgSchema)
    .filter((value) => is(value, PgTable))
    .map((value) => pgTableConfig(value as PgTable));
  sides(
    "table",
    declared.map((c) => c.name),
    [...post.tables.keys()],
  );
  for (const config of declared) {
    const table = post.tables.get(config.name);
    if (!table) continue;
    sides(
      "column",
      config.columns.map((c) => `${config.name}.${c.name}`),
      [...table.columns.keys()].map((c) => `${config.name}.${c}`),
    );
    const indexes = [...config.indexes.map((ix) => ix.config.name ?? ""), ...config.columns.filter((c) => c.isUnique).map((c) => c.uniqueName ?? "")];
    sides(
      "index",
      indexes.map((ix) => `${config.name}.${ix}`),
      [...table.indexes.keys()].map((ix) => `${config.name}.${ix}`),
    );
  }
  return diff;
}

const report = (title: string, diff: string[]) => (diff.length ? `${title} (${diff.length}):\n  ${diff.join("\n  ")}` : "");

let lite: TempDb;
let server: TempPostgres;
let pool: pg.Pool;
let liteSchema: Schema;
let postSchema: Schema;

beforeAll(async () => {
  lite = createTempDb();
  server = await startPostgres();
  pool = new pg.Pool({ connectionString: await server.createDatabase("parity"), max: 2 });
  await migrate(drizzle(pool), { migrationsFolder: PG_MIGRATIONS });
  liteSchema = introspectSqlite(lite.db);
  postSchema = await introspectPostgres(pool);
});

afterAll(async () => {
  await pool?.end();
  await server?.stop();
  lite?.cleanup();
});

describe("the PostgreSQL schema (drizzle/pg) and the SQLite one (drizzle/)", () => {
  it("are the same: tables, columns, keys, indexes, CHECK constraints and triggers", () => {
    expect(liteSchema.tables.size).toBeGreaterThan(30);
    const text = [
      report("SQLite (drizzle/) against PostgreSQL (drizzle/pg)", compareSchemas(liteSchema, postSchema, sqliteBooleans())),
      report("PostgreSQL foreign keys", foreignKeyTypes(postSchema)),
      report("server/db/schema-pg against drizzle/pg", schemaPgAgainstMigrations(postSchema)),
    ]
      .filter(Boolean)
      .join("\n");
    expect(text, text).toBe("");
  });

  it("reports what a dropped column or index would be (the comparison is not blind)", () => {
    const post: Schema = { tables: new Map([...postSchema.tables].map(([n, t]) => [n, { ...t, columns: new Map(t.columns), indexes: new Map(t.indexes) }])), triggers: postSchema.triggers };
    post.tables.get("endpoints")!.columns.delete("report_digest");
    post.tables.get("findings")!.indexes.delete("findings_resolved_at_idx");
    post.tables.get("users")!.columns.set("disabled", { type: "integer", notNull: true, default: "0" });
    expect(compareSchemas(liteSchema, post, sqliteBooleans()).sort()).toEqual([
      "endpoints.report_digest: missing in PostgreSQL (SQLite: text)",
      "findings: index findings_resolved_at_idx (resolved_at, status, agency_id) where resolved_at is not null missing in PostgreSQL",
      "users.disabled: default SQLite false, PostgreSQL 0",
      "users.disabled: type SQLite integer, PostgreSQL integer (expected boolean)",
    ]);
  });

  it("refuse to change the audit log and published reports, on both engines", async () => {
    const sqlite = lite.db.$client;
    sqlite.prepare("insert into users (email, name, role) values ('a@x.gov', 'A', 'admin')").run();
    sqlite.prepare("insert into audit_log (at, actor, action) values (1, 'system', 'test')").run();
    sqlite.prepare("insert into reports (as_of, title, sha256, published_at, published_by, data) values ('2026-11-01', 'R', 'abc', 1, 1, '{}')").run();
    await pool.query("insert into users (email, name, role) values ('a@x.gov', 'A', 'admin')");
    await pool.query("insert into audit_log (at, actor, action) values (1, 'system', 'test')");
    await pool.query("insert into reports (as_of, title, sha256, published_at, published_by, data) values ('2026-11-01', 'R', 'abc', 1, 1, '{}')");

    const attempts = [
      ["update audit_log set actor = 'someone else'", /audit_log is append-only/],
      ["delete from audit_log", /audit_log is append-only/],
      ["update reports set title = 'changed'", /published reports are immutable/],
      ["delete from reports", /published reports are immutable/],
    ] as const;
    for (const [sql, refusal] of attempts) {
      expect(() => sqlite.prepare(sql).run(), `SQLite: ${sql}`).toThrow(refusal);
      await expect(pool.query(sql), `PostgreSQL: ${sql}`).rejects.toThrow(refusal);
    }
    // SQLite's INSERT OR REPLACE deletes first (recursive_triggers, server/db/client.ts); PostgreSQL's upsert updates.
    expect(() => sqlite.prepare("insert or replace into audit_log (id, at, actor, action) values (1, 2, 'x', 'y')").run()).toThrow(/append-only/);
    await expect(pool.query("insert into audit_log (id, at, actor, action) values (1, 2, 'x', 'y') on conflict (id) do update set actor = 'x'")).rejects.toThrow(/append-only/);
    await expect(pool.query("truncate audit_log")).rejects.toThrow(/append-only/);
    await expect(pool.query("truncate reports cascade")).rejects.toThrow(/immutable/);

    expect(sqlite.prepare("select count(*) as n from audit_log").get()).toEqual({ n: 1 });
    expect((await pool.query("select count(*)::int as n from audit_log")).rows).toEqual([{ n: 1 }]);
    expect((await pool.query("select actor, at from audit_log")).rows).toEqual([{ actor: "system", at: "1" }]);
  });

  it("applies drizzle/pg again as a no-op, as every start will", async () => {
    const before = (await pool.query("select count(*)::int as n from drizzle.__drizzle_migrations")).rows[0].n;
    await migrate(drizzle(pool), { migrationsFolder: PG_MIGRATIONS });
    expect((await pool.query("select count(*)::int as n from drizzle.__drizzle_migrations")).rows[0].n).toBe(before);
  });

  it("started PostgreSQL 15 or newer, with fsync on, quickly", async () => {
    expect(server.major).toBeGreaterThanOrEqual(15);
    expect((await pool.query("show fsync")).rows).toEqual([{ fsync: "on" }]);
    console.log(`PostgreSQL ${server.major} started in ${server.startMs} ms (${server.binDir})`);
  });
});
