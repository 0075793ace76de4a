// Several app nodes starting at once on one database (issue 15; on SQLite: several processes on
// one file in WAL mode; on PostgreSQL: several sessions, with MUSTER_TEST_ENGINE=postgres). On an
// empty database exactly one creates the first administrator (the check and the insert are one
// conditional statement in one transaction, immediate on SQLite, after a lock of the users table on
// PostgreSQL: server/users/store.ts insertFirstUser) and writes its password file; the other says
// so and writes none. The migrations are applied once (server/db/client.ts migrateDb reads the
// journal inside its immediate transaction; on PostgreSQL under the start-up advisory lock). The
// hardware-id salt made by two nodes at once is one salt, and the stored hardware ids are keyed
// with it once. The other nodes are processes of their own (tests/support/multinode-node.ts).
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { FIRST_ADMIN_FILE } from "~/server/bootstrap";
import { MIGRATION_LOCK_KEY, PG_MIGRATIONS_SCHEMA, PG_MIGRATIONS_TABLE } from "~/server/db/pg";
import { verifyPassword } from "~/server/lib/crypto";
import { runScriptAsync } from "../../support/cli";
import { createTempDb, type TempDb, tempDir, testEngine } from "../../support/db";
import { holdWriteLock } from "../../support/second-connection";
import { sleep } from "../reliability/support";

const SCRIPT = "tests/support/multinode-node.ts";
const postgres = testEngine() === "postgres";
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const c of cleanups) c();
});

/**
 * `mode` in two processes at once, while another connection holds the lock they contend for until
 * both wait for it (`pgLock` on PostgreSQL: see holdWriteLock).
 */
async function twoAtOnce(location: string, mode: string, pgLock: string, env: Record<string, string> = {}, args: [string[], string[]] = [[], []]): Promise<unknown[]> {
  const release = holdWriteLock(location, pgLock);
  const startAt = Date.now() + 4000; // both processes loaded and waiting by then
  const runs = Promise.all(args.map((extra) => runScriptAsync(SCRIPT, [mode, location, String(startAt), "0", ...extra], env)));
  await sleep(Math.max(0, startAt - Date.now()) + 1500);
  release();
  return (await runs).map((r) => {
    if (r.code !== 0) throw new Error(`${mode} exited with ${r.code}:\n${r.stderr}`);
    // The script's line, among the log's records (which carry a `msg`).
    const lines = r.stdout.split("\n").filter((l) => l.startsWith("{"));
    return lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((o) => !("msg" in o))
      .pop();
  });
}

/**
 * An empty database of the suite's engine: on SQLite a file not yet created; on PostgreSQL the
 * test's database with everything the migrations made dropped (createTempDb migrates).
 */
function emptyDatabase(): { location: string; env: Record<string, string>; t?: TempDb } {
  if (!postgres) {
    const dir = tempDir("muster-bootstrap-");
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, "muster.db");
    return { location: file, env: { DATABASE_PATH: file } };
  }
  const t = createTempDb();
  cleanups.push(t.cleanup);
  const file = path.join(t.dir, "data", "muster.db");
  t.db.$client.exec(`drop schema public cascade; create schema public; drop schema "${PG_MIGRATIONS_SCHEMA}" cascade`);
  // DATABASE_PATH still names the data folder, where the password file goes.
  return { location: t.file, env: { DATABASE_URL: t.file, DATABASE_PATH: file }, t };
}

describe("several nodes starting at once on one database", () => {
  it("on an empty database, one creates the first administrator and writes its password file; the other says so and writes none", async () => {
    const { location, env: dbEnv, t } = emptyDatabase();
    const dir = path.dirname(dbEnv.DATABASE_PATH!);
    const env = { ...dbEnv, MUSTER_ADMIN_EMAIL: "first@example.gov", AUTH_SECRET: "x".repeat(48) };
    // PostgreSQL: the nodes' start-up lock (db/client.ts holdStartupLock), the one they contend for.
    const results = (await twoAtOnce(location, "bootstrap", `select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`, env)) as { created: string | null; lines: string[] }[];
    expect(results.map((r) => r.created).sort()).toEqual(["first@example.gov", null]);
    const loser = results.find((r) => r.created === null)!;
    // The losing node either found the account before trying or lost the conditional insert.
    expect(loser.lines.join("\n")).not.toContain("First administrator created");
    const db = t ? t.db.$client : new Database(location, { readonly: true });
    try {
      const users = db.prepare("select email, role, password_hash as hash from users").all() as { email: string; role: string; hash: string }[];
      expect(users.map((u) => [u.email, u.role])).toEqual([["first@example.gov", "admin"]]);
      expect((db.prepare("select count(*) as n from audit_log where action = 'user.create'").get() as { n: number }).n).toBe(1);
      // Each migration applied and recorded once.
      const table = postgres ? `"${PG_MIGRATIONS_SCHEMA}"."${PG_MIGRATIONS_TABLE}"` : "__drizzle_migrations";
      const recorded = db.prepare(`select count(*) as n, count(distinct hash) as d from ${table}`).get() as { n: number; d: number };
      const journalFile = path.join(__dirname, "../../../drizzle", postgres ? "pg" : "", "meta/_journal.json");
      const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: unknown[] };
      expect(recorded).toEqual({ n: journal.entries.length, d: journal.entries.length });
      // One password file, the winner's: its password is the administrator's.
      expect(fs.readdirSync(dir).filter((f) => f.startsWith(FIRST_ADMIN_FILE))).toEqual([FIRST_ADMIN_FILE]);
      const [email, password] = fs.readFileSync(path.join(dir, FIRST_ADMIN_FILE), "utf8").trim().split("\n");
      expect(email).toBe("first@example.gov");
      expect(await verifyPassword(password!, users[0]!.hash)).toBe(true);
    } finally {
      if (!t) db.close();
    }
  }, 60_000);

  it("two nodes creating the first administrator at once, for different accounts, create one (without bootstrap's start-up lock)", async () => {
    const t = createTempDb();
    cleanups.push(t.cleanup);
    // PostgreSQL: the users table, so that both insert as soon as it is released. There the
    // conditional insert alone would let both pass (each statement's snapshot sees no account, and
    // different emails do not conflict): users/store.ts insertFirstUser locks the table first.
    const results = (await twoAtOnce(t.file, "first-admin", "lock table users in exclusive mode", {}, [["one@example.gov"], ["two@example.gov"]])) as { created: string | null }[];
    const created = results.map((r) => r.created).filter((c) => c !== null);
    expect(created).toHaveLength(1);
    const users = t.db.$client.prepare("select email, role from users").all() as { email: string; role: string }[];
    expect(users).toEqual([{ email: created[0], role: "admin" }]);
    expect((t.db.$client.prepare("select count(*) as n from audit_log where action = 'user.create'").get() as { n: number }).n).toBe(1);
  }, 60_000);

  it("two nodes making the hardware-id salt at once make one, and the stored ids are keyed with it once", async () => {
    const t = createTempDb();
    cleanups.push(t.cleanup);
    const now = Date.now();
    const agency = t.db.$client.prepare("insert into agencies (code, name) values ('HW', 'Hardware') returning id").get() as { id: number };
    t.db.$client
      .prepare(
        "insert into endpoints (device_id, agency_id, hostname, os_platform, hardware_id, secret_hash, enrolled_at, state_changed_at) values ('dev-1', ?, 'host-1', 'linux', 'machine-1', 'x', ?, ?)",
      )
      .run(agency.id, now, now);
    // PostgreSQL: the settings table, where each node inserts its salt.
    const results = (await twoAtOnce(t.file, "salt", "lock table settings in exclusive mode")) as { salt: string }[];
    const stored = t.db.$client.prepare("select value from settings where key = 'hardware_id_salt'").get() as { value: string };
    expect(results.map((r) => r.salt)).toEqual([stored.value, stored.value]);
    const id = t.db.$client.prepare("select hardware_id as h from endpoints where device_id = 'dev-1'").get() as { h: string };
    expect(id.h).toBe(createHmac("sha256", stored.value).update("machine-1", "utf8").digest("hex"));
  }, 60_000);
});
