// Several app nodes starting at once on one database (issue 15; on SQLite: several processes on
// one file in WAL mode). On an empty database exactly one creates the first administrator (the
// check and the insert are one conditional statement in one immediate transaction:
// server/users/store.ts insertFirstUser) and writes its password file; the other says so and writes
// none. The migrations are applied once (server/db/client.ts migrateDb reads the journal inside its
// immediate transaction). The hardware-id salt made by two nodes at once is one salt, and the
// stored hardware ids are keyed with it once. The other nodes are processes of their own
// (tests/support/multinode-node.ts).
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { FIRST_ADMIN_FILE } from "~/server/bootstrap";
import { verifyPassword } from "~/server/lib/crypto";
import { runScriptAsync } from "../../support/cli";
import { createTempDb, tempDir } from "../../support/db";
import { sleep } from "../reliability/support";

const SCRIPT = "tests/support/multinode-node.ts";
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** `mode` in two processes at once, while a connection holds the write lock until both wait for it. */
async function twoAtOnce(file: string, mode: string, env: Record<string, string> = {}): Promise<unknown[]> {
  const lock = new Database(file);
  lock.pragma("journal_mode = WAL");
  lock.pragma("busy_timeout = 5000");
  lock.exec("BEGIN IMMEDIATE");
  const startAt = Date.now() + 4000; // both processes loaded and waiting by then
  const runs = Promise.all([runScriptAsync(SCRIPT, [mode, file, String(startAt)], env), runScriptAsync(SCRIPT, [mode, file, String(startAt)], env)]);
  await sleep(Math.max(0, startAt - Date.now()) + 1500);
  lock.exec("ROLLBACK");
  lock.close();
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

describe("several nodes starting at once on one database", () => {
  it("on an empty database, one creates the first administrator and writes its password file; the other says so and writes none", async () => {
    const dir = tempDir("muster-bootstrap-");
    dirs.push(dir);
    const file = path.join(dir, "muster.db");
    const env = { DATABASE_PATH: file, MUSTER_ADMIN_EMAIL: "first@example.gov", AUTH_SECRET: "x".repeat(48) };
    const results = (await twoAtOnce(file, "bootstrap", env)) as { created: string | null; lines: string[] }[];
    expect(results.map((r) => r.created).sort()).toEqual(["first@example.gov", null]);
    const loser = results.find((r) => r.created === null)!;
    // The losing node either found the account before trying or lost the conditional insert.
    expect(loser.lines.join("\n")).not.toContain("First administrator created");
    const db = new Database(file, { readonly: true });
    try {
      const users = db.prepare("select email, role, password_hash as hash from users").all() as { email: string; role: string; hash: string }[];
      expect(users.map((u) => [u.email, u.role])).toEqual([["first@example.gov", "admin"]]);
      expect((db.prepare("select count(*) as n from audit_log where action = 'user.create'").get() as { n: number }).n).toBe(1);
      // Each migration applied and recorded once.
      const recorded = db.prepare("select count(*) as n, count(distinct hash) as d from __drizzle_migrations").get() as { n: number; d: number };
      const journal = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../drizzle/meta/_journal.json"), "utf8")) as { entries: unknown[] };
      expect(recorded).toEqual({ n: journal.entries.length, d: journal.entries.length });
      // One password file, the winner's: its password is the administrator's.
      expect(fs.readdirSync(dir).filter((f) => f.startsWith(FIRST_ADMIN_FILE))).toEqual([FIRST_ADMIN_FILE]);
      const [email, password] = fs.readFileSync(path.join(dir, FIRST_ADMIN_FILE), "utf8").trim().split("\n");
      expect(email).toBe("first@example.gov");
      expect(await verifyPassword(password!, users[0]!.hash)).toBe(true);
    } finally {
      db.close();
    }
  }, 60_000);

  it("two nodes making the hardware-id salt at once make one, and the stored ids are keyed with it once", async () => {
    const t = createTempDb();
    dirs.push(t.dir);
    const now = Date.now();
    const agency = t.db.$client.prepare("insert into agencies (code, name) values ('HW', 'Hardware') returning id").get() as { id: number };
    t.db.$client
      .prepare(
        "insert into endpoints (device_id, agency_id, hostname, os_platform, hardware_id, secret_hash, enrolled_at, state_changed_at) values ('dev-1', ?, 'host-1', 'linux', 'machine-1', 'x', ?, ?)",
      )
      .run(agency.id, now, now);
    const results = (await twoAtOnce(t.file, "salt")) as { salt: string }[];
    const stored = t.db.$client.prepare("select value from settings where key = 'hardware_id_salt'").get() as { value: string };
    expect(results.map((r) => r.salt)).toEqual([stored.value, stored.value]);
    const id = t.db.$client.prepare("select hardware_id as h from endpoints where device_id = 'dev-1'").get() as { h: string };
    expect(id.h).toBe(createHmac("sha256", stored.value).update("machine-1", "utf8").digest("hex"));
    t.cleanup();
  }, 60_000);
});
