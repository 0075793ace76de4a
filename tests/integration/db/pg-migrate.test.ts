// `npm run admin -- migrate` with DATABASE_URL, against a real PostgreSQL 15 (tests/support/postgres.ts):
// nodes that start at once migrate one after the other under the advisory lock (db/pg.ts), every
// migration of drizzle/pg is recorded once, a second run applies nothing, and a bad or unreachable
// URL stops the CLI with a message for operators, no stack, and never the password. The
// `admin backup` refuses DATABASE_URL, and so does the server without AUTH_SECRET, before touching any database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATION_LOCK_KEY } from "~/server/db/pg";
import { type CliResult, runAdminAsync, runScriptAsync } from "../../support/cli";
import { startPostgres, type TempPostgres } from "../../support/postgres";

const JOURNAL = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../drizzle/pg/meta/_journal.json"), "utf8")) as { entries: { tag: string; when: number }[] };
const TAGS = JOURNAL.entries.map((e) => e.tag);

let server: TempPostgres;
let work: string;
/** A DATABASE_PATH no test may create: migrate on PostgreSQL must not touch SQLite. */
let sqliteFile: string;

beforeAll(async () => {
  server = await startPostgres();
  work = fs.mkdtempSync(path.join(os.tmpdir(), "muster-pg-migrate-"));
  sqliteFile = path.join(work, "must-not-exist.db");
});

afterAll(async () => {
  await server?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const migrate = (url: string, args: string[] = ["migrate"]) => runAdminAsync({ DATABASE_URL: url, DATABASE_PATH: sqliteFile }, args);

/** The lines "  applied <tag>" a run printed. */
const appliedBy = (r: CliResult) => [...r.stdout.matchAll(/^ {2}applied (\S+)$/gm)].map((m) => m[1]);

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function recorded(url: string): Promise<{ hash: string; created_at: string }[]> {
  return withClient(url, async (c) => (await c.query<{ hash: string; created_at: string }>("select hash, created_at::text from drizzle.__drizzle_migrations order by id")).rows);
}

async function publicTables(url: string): Promise<string[]> {
  return withClient(url, async (c) => (await c.query<{ t: string }>("select table_name as t from information_schema.tables where table_schema = 'public' order by 1")).rows.map((r) => r.t));
}

async function waitingForMigrationLock(c: pg.Client): Promise<number> {
  const key = BigInt(MIGRATION_LOCK_KEY);
  const r = await c.query<{ n: string }>("select count(*)::text as n from pg_locks where locktype = 'advisory' and not granted and classid = $1::bigint::oid and objid = $2::bigint::oid", [
    String(key >> 32n),
    String(key & 0xffffffffn),
  ]);
  return Number(r.rows[0]!.n);
}

function expectCleanFailure(r: CliResult, password: string) {
  expect(r.code).not.toBe(0);
  expect(r.stdout + r.stderr).not.toContain(password);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(r.stderr).toMatch(/^admin migrate: /);
}

describe("npm run admin -- migrate on PostgreSQL (DATABASE_URL)", () => {
  it("two nodes migrating one empty database at once: both succeed, each migration applied and recorded once, the schema in place", async () => {
    const url = await server.createDatabase("migrate_race");
    const [a, b] = await Promise.all([migrate(url), migrate(url)]);
    expect(a.stderr).toBe("");
    expect(b.stderr).toBe("");
    expect([a.code, b.code]).toEqual([0, 0]);
    // One run applied all of them, in order; the other (waiting on the lock, or later) none.
    expect([appliedBy(a), appliedBy(b)].sort((x, y) => y.length - x.length)).toEqual([TAGS, []]);
    const rows = await recorded(url);
    expect(rows.map((r) => Number(r.created_at))).toEqual(JOURNAL.entries.map((e) => e.when));
    expect(new Set(rows.map((r) => r.hash)).size).toBe(TAGS.length);
    const tables = await publicTables(url);
    for (const t of ["agencies", "endpoints", "findings", "audit_log", "reports", "users", "settings"]) expect(tables).toContain(t);
    expect(fs.existsSync(sqliteFile)).toBe(false);
  });

  it("while another node holds the migration lock, both runs wait, then one applies everything and the other nothing", async () => {
    const url = await server.createDatabase("migrate_locked");
    await withClient(url, async (holder) => {
      await holder.query("select pg_advisory_lock($1::bigint)", [MIGRATION_LOCK_KEY]);
      const runs = Promise.all([migrate(url), migrate(url)]);
      // Both children are started and blocked on the lock before it is let go: truly side by side.
      const deadline = Date.now() + 45_000;
      while ((await waitingForMigrationLock(holder)) < 2) {
        if (Date.now() > deadline) throw new Error("the two migrate runs never both waited for the lock");
        await new Promise((r) => setTimeout(r, 50));
      }
      await holder.query("select pg_advisory_unlock($1::bigint)", [MIGRATION_LOCK_KEY]);
      const [a, b] = await runs;
      expect([a.code, b.code]).toEqual([0, 0]);
      for (const r of [a, b]) expect(r.stdout).toContain("Another node is migrating this database; waiting for it to finish");
      expect([appliedBy(a), appliedBy(b)].sort((x, y) => y.length - x.length)).toEqual([TAGS, []]);
      expect([a.stdout, b.stdout].some((s) => s.includes(`(${TAGS.length} new, ${TAGS.length} in all)`))).toBe(true);
      expect([a.stdout, b.stdout].some((s) => s.includes(`(none pending, ${TAGS.length} in all)`))).toBe(true);
    });
    expect((await recorded(url)).length).toBe(TAGS.length);
  });

  it("is idempotent: a further run applies nothing and says so; each run is in the database's audit log; a database a newer version migrated is left as it is", async () => {
    const url = await server.createDatabase("migrate_again");
    const first = await migrate(url);
    expect(first.code).toBe(0);
    const again = await migrate(url);
    expect(again.code).toBe(0);
    expect(appliedBy(again)).toEqual([]);
    expect(again.stdout).toMatch(new RegExp(`^Migrations applied to PostgreSQL muster@127\\.0\\.0\\.1:${server.port}/migrate_again \\(none pending, ${TAGS.length} in all\\)$`, "m"));
    expect(again.stdout + again.stderr).not.toContain(new URL(url).password);
    expect((await recorded(url)).length).toBe(TAGS.length);
    const audit = await withClient(url, async (c) => (await c.query<{ actor: string; details: string }>("select actor, details from audit_log where action = 'database.migrate' order by id")).rows);
    expect(audit.map((r) => JSON.parse(r.details))).toEqual([
      { applied: TAGS.length, total: TAGS.length },
      { applied: 0, total: TAGS.length },
    ]);
    expect(audit[0]!.actor).toMatch(/^cli:/);
    // A newer version migrated it further (a rolling upgrade): this one applies nothing and says so.
    await withClient(url, (c) => c.query("insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-newer-version', $1)", [JOURNAL.entries.at(-1)!.when + 1000]));
    const older = await migrate(url);
    expect(older.code).toBe(0);
    expect(appliedBy(older)).toEqual([]);
    expect(older.stdout).toContain("Note: the database has 1 migration(s) newer than this version of Muster knows");
    expect(older.stdout).toContain(`(none pending, ${TAGS.length + 1} in all)`);
  });

  it("a bad URL, an unreachable server, a wrong password or a missing database: exit code 1, a clear message, no stack, never the password", async () => {
    const url = await server.createDatabase("migrate_errors");
    const password = decodeURIComponent(new URL(url).password);
    const at = (mutate: (u: URL) => void) => {
      const u = new URL(url);
      mutate(u);
      return u.toString();
    };

    const [malformed, notPostgres, refused, wrongPassword, missing] = await Promise.all([
      migrate(`postgres://muster:${password}@[not-a-host/muster`),
      migrate(`mysql://muster:${password}@127.0.0.1/muster`),
      migrate(at((u) => (u.port = "1"))),
      migrate(at((u) => (u.password = "not-the-password"))),
      migrate(at((u) => (u.pathname = "/no_such_database"))),
    ]);
    expectCleanFailure(malformed, password);
    expect(malformed.stderr).toContain("DATABASE_URL must be a URL such as postgres://");
    expectCleanFailure(notPostgres, password);
    expect(notPostgres.stderr).toContain("DATABASE_URL must be a postgres:// URL");
    expectCleanFailure(refused, password);
    expect(refused.stderr).toContain("cannot reach PostgreSQL at muster@127.0.0.1:1/migrate_errors: connection refused");
    expectCleanFailure(wrongPassword, "not-the-password");
    expect(wrongPassword.stderr).toContain(`PostgreSQL at muster@127.0.0.1:${server.port}/migrate_errors refused the sign-in`);
    expectCleanFailure(missing, password);
    expect(missing.stderr).toContain('database "no_such_database" does not exist');

    // Nothing was applied anywhere by the failures.
    expect(await withClient(url, async (c) => (await c.query("select to_regclass('drizzle.__drizzle_migrations') as t")).rows[0].t)).toBeNull();
    expect(fs.existsSync(sqliteFile)).toBe(false);
  });

  it("a database that does not order text by its bytes, or is not UTF-8, is refused before anything is written: by migrate and by the server; C.UTF-8 is taken", async () => {
    const base = new URL(await server.createDatabase("migrate_locale_base"));
    const urlOf = (name: string) => {
      const u = new URL(base);
      u.pathname = `/${name}`;
      return u.toString();
    };
    await withClient(base.toString(), async (c) => {
      await c.query("create database migrate_icu template template0 encoding 'UTF8' locale 'C' locale_provider icu icu_locale 'en-US'");
      await c.query("create database migrate_ascii template template0 encoding 'SQL_ASCII' locale 'C'");
      await c.query("create database migrate_cutf8 template template0 encoding 'UTF8' locale 'C.UTF-8'");
    });
    const env = (url: string) => ({ DATABASE_URL: url, DATABASE_PATH: sqliteFile, NEXTAUTH_URL: "http://127.0.0.1:9", PORT: "0", HOST: "127.0.0.1", AUTH_SECRET: "x".repeat(44) });
    const [icu, ascii, serverOnIcu, cutf8] = await Promise.all([
      migrate(urlOf("migrate_icu")),
      migrate(urlOf("migrate_ascii")),
      runScriptAsync("server/main.ts", [], env(urlOf("migrate_icu"))),
      migrate(urlOf("migrate_cutf8")),
    ]);
    expect(icu.code).toBe(1);
    expect(icu.stderr).toContain(`muster@127.0.0.1:${server.port}/migrate_icu sorts text by an ICU locale: Muster needs byte order (locale C or C.UTF-8)`);
    expect(icu.stderr).toContain("createdb --template=template0 --encoding=UTF8 --locale=C.UTF-8 muster");
    expect(ascii.code).toBe(1);
    expect(ascii.stderr).toContain("migrate_ascii is encoded SQL_ASCII: Muster needs UTF8");
    expect(serverOnIcu.code).toBe(1);
    expect(serverOnIcu.stdout + serverOnIcu.stderr).toContain("migrate_icu sorts text by an ICU locale");
    for (const name of ["migrate_icu", "migrate_ascii"]) {
      expect(await withClient(urlOf(name), async (c) => (await c.query("select to_regclass('drizzle.__drizzle_migrations') as t")).rows[0].t)).toBeNull();
      expect(await publicTables(urlOf(name))).toEqual([]);
    }
    expect(cutf8.code, cutf8.stderr).toBe(0);
    expect(appliedBy(cutf8)).toEqual(TAGS);
  });

  it("what cannot run on PostgreSQL refuses DATABASE_URL before touching any database: `admin backup`, and the server without AUTH_SECRET", async () => {
    const url = await server.createDatabase("migrate_other");
    const password = new URL(url).password;
    const env = { DATABASE_URL: url, DATABASE_PATH: sqliteFile, NEXTAUTH_URL: "http://127.0.0.1:9", PORT: "0", HOST: "127.0.0.1", AUTH_SECRET: "" };
    const [backup, serverStart] = await Promise.all([migrate(url, ["backup", path.join(path.dirname(sqliteFile), "copy.db")]), runScriptAsync("server/main.ts", [], env)]);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toContain("admin backup: DATABASE_URL is set, and this command runs on SQLite only");
    expect(backup.stderr).toContain("pg_dump");
    expect(serverStart.code).toBe(1);
    expect(serverStart.stdout + serverStart.stderr).toContain("AUTH_SECRET must be set when DATABASE_URL is set");
    for (const r of [backup, serverStart]) expect(r.stdout + r.stderr).not.toContain(password);
    expect(fs.existsSync(sqliteFile)).toBe(false);
    expect(await withClient(url, async (c) => (await c.query("select to_regclass('drizzle.__drizzle_migrations') as t")).rows[0].t)).toBeNull();
  });
});
