// Sign-in over the real HTTP routes: sessions carry the role, dashboard routes need one, failed
// attempts are throttled per account-and-address and per address (counted before the password is
// checked), refusals are audited boundedly, sessions end when the account changes, and stored
// password hashes are brought to today's cost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes, scryptSync } from "node:crypto";
import http from "node:http";
import { THROTTLE } from "~/server/auth/throttle";
import { SCRYPT, verifyPassword } from "~/server/lib/crypto";
import { signInHttp } from "../../support/auth";
import { runAdmin } from "../../support/cli";
import { tempDir, testDatabase, testEngine } from "../../support/db";
import { secondConnection } from "../../support/second-connection";
import { type RunningServer, startServer } from "../../support/server";

let server: RunningServer;

/** signInHttp from a chosen loopback source address (the server sees that address). */
function signInFrom(localAddress: string, email: string, password: string) {
  const agent = new http.Agent({ localAddress } as http.AgentOptions);
  return signInHttp(server.url, email, password, undefined, agent);
}
const dir = tempDir("muster-signin-");
const dbFile = testDatabase(dir);
const PASSWORD = "officer-password-1";

beforeAll(async () => {
  runAdmin(dbFile, ["create-agency", "--code", "AG", "--name", "Agency"]);
  for (const email of ["victim@x.gov", "other@x.gov", "spray1@x.gov", "parallel@x.gov", "session@x.gov", "oldhash@x.gov"]) {
    expect(runAdmin(dbFile, ["create-user", "--email", email, "--role", "officer"], PASSWORD).code).toBe(0);
  }
  server = await startServer({ databasePath: dbFile });
}, 300_000); // six CLI runs, each hashing a password at the raised cost, then a production start
afterAll(async () => {
  await server?.stop();
});

describe("sign-in", () => {
  it("issues a session carrying the role", async () => {
    const res = await signInHttp(server.url, "other@x.gov", PASSWORD);
    expect(res.ok).toBe(true);
    const session = await (await fetch(`${server.url}/api/auth/session`, { headers: { cookie: res.cookie } })).json();
    expect(session.user).toMatchObject({ email: "other@x.gov", role: "officer", agencyId: null });
    const page = await fetch(`${server.url}/agencies`, { headers: { cookie: res.cookie }, redirect: "manual" });
    expect(page.status).toBe(200);
  });

  it("redirects dashboard routes to sign-in without a session", async () => {
    for (const route of ["/", "/agencies", "/users"]) {
      const res = await fetch(`${server.url}${route}`, { redirect: "manual" });
      expect([303, 307, 308]).toContain(res.status);
      expect(res.headers.get("location")).toContain("/signin");
    }
  });

  it("locks an account for the address that failed 5 times, even with the right password afterwards", async () => {
    for (let i = 0; i < 5; i++) {
      const res = await signInHttp(server.url, "victim@x.gov", "wrong-password");
      expect(res.ok).toBe(false);
    }
    const locked = await signInHttp(server.url, "victim@x.gov", PASSWORD);
    expect(locked.ok).toBe(false);
    expect(locked.error).toContain("Too many failed attempts");
    // Another account from the same address is not locked by this.
    expect((await signInHttp(server.url, "other@x.gov", PASSWORD)).ok).toBe(true);
  });

  it("an attacker's failures do not lock the account out for its owner at another address", async () => {
    // Same account, another address: its owner signs in (the server sees 127.0.0.2, not 127.0.0.1).
    const fromElsewhere = await signInFrom("127.0.0.2", "victim@x.gov", PASSWORD);
    expect(fromElsewhere.ok).toBe(true);
  });

  it("counts each attempt before the slow password check: parallel guesses cannot slip past the limit", async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => signInFrom("127.0.0.3", "parallel@x.gov", "wrong-password")));
    const throttled = answers.filter((a) => a.error?.includes("Too many failed attempts")).length;
    expect(answers.every((a) => !a.ok)).toBe(true);
    expect(throttled).toBeGreaterThanOrEqual(20 - THROTTLE.maxPerAccountAddress);
  });

  it("audits repeated refusals in aggregate, not one undeletable row per attempt", async () => {
    for (let i = 0; i < 30; i++) await signInFrom("127.0.0.4", "other@x.gov", "wrong-password");
    const db = secondConnection(dbFile).$client;
    const rows = db.prepare("select action, details from audit_log where actor = 'other@x.gov' and ip = '127.0.0.4' order by id").all() as { action: string; details: string }[];
    db.close();
    expect(rows.map((r) => r.action)).toEqual(["auth.signin_failed", "auth.locked", "auth.signin_throttled"]);
    expect(JSON.parse(rows[1]!.details)).toMatchObject({ attempts: THROTTLE.maxPerAccountAddress });
  });

  it("ends open sessions when the password, the role or the access changes", async () => {
    const live = async (cookie: string) => (await (await fetch(`${server.url}/api/auth/session`, { headers: { cookie } })).json()) as { user?: unknown };
    const a = await signInFrom("127.0.0.5", "session@x.gov", PASSWORD);
    expect((await live(a.cookie)).user).toBeDefined();
    expect(runAdmin(dbFile, ["set-password", "--email", "session@x.gov"], "a-brand-new-password-1").code).toBe(0);
    expect(await live(a.cookie)).toEqual({});
    const page = await fetch(`${server.url}/agencies`, { headers: { cookie: a.cookie }, redirect: "manual" });
    expect(page.headers.get("location")).toContain("/signin");

    const b = await signInFrom("127.0.0.5", "session@x.gov", "a-brand-new-password-1");
    expect((await live(b.cookie)).user).toMatchObject({ role: "officer" });
    const db = secondConnection(dbFile).$client;
    const id = (db.prepare("select id from users where email = 'session@x.gov'").get() as { id: number }).id;
    db.close();
    const { getDb, closeDb } = await import("~/server/db/client");
    const { updateUser } = await import("~/server/users/service");
    updateUser(getDb(dbFile), { userId: null, label: "test" }, { id, role: "auditor" });
    expect(await live(b.cookie)).toEqual({});
    const c = await signInFrom("127.0.0.5", "session@x.gov", "a-brand-new-password-1");
    expect((await live(c.cookie)).user).toMatchObject({ role: "auditor" });
    updateUser(getDb(dbFile), { userId: null, label: "test" }, { id, disabled: true });
    closeDb(dbFile);
    expect(await live(c.cookie)).toEqual({});
  });

  it("rehashes a password stored at the old cost on the next sign-in", async () => {
    const salt = randomBytes(16);
    const old = ["scrypt", 16384, 8, 1, salt.toString("base64"), scryptSync(PASSWORD, salt, 64, { N: 16384, r: 8, p: 1 }).toString("base64")].join("$");
    const db = secondConnection(dbFile).$client;
    db.prepare("update users set password_hash = ? where email = 'oldhash@x.gov'").run(old);
    expect((await signInFrom("127.0.0.6", "oldhash@x.gov", PASSWORD)).ok).toBe(true);
    const stored = (db.prepare("select password_hash as h from users where email = 'oldhash@x.gov'").get() as { h: string }).h;
    db.close();
    expect(stored.split("$").slice(0, 4)).toEqual(["scrypt", String(SCRYPT.N), "8", "1"]);
    expect(SCRYPT.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect((await signInFrom("127.0.0.6", "oldhash@x.gov", PASSWORD)).ok).toBe(true);
  });

  // 50 password checks at full cost (a minute of CPU) for how the client's address is read, which no
  // database decides; the per-address count on PostgreSQL is signin-throttle-shared.test.ts's.
  it.skipIf(testEngine() === "postgres")(
    "does not let a client pick its address to dodge the per-address limit",
    async () => {
      // Failures spread over many accounts, each claiming a different X-Forwarded-For.
      for (let i = 0; i < THROTTLE.maxPerAddress; i++) {
        await signInHttp(server.url, `nobody${i}@x.gov`, "wrong-password", `10.0.0.${i}`);
      }
      const res = await signInHttp(server.url, "spray1@x.gov", PASSWORD, "10.9.9.9");
      expect(res.ok).toBe(false);
      expect(res.error).toContain("Too many failed attempts");
    },
    300_000,
  ); // 50 password checks at full cost (each one is hashed, unknown accounts included)

  it("audits sign-ins, failures and lockouts", () => {
    const db = secondConnection(dbFile).$client;
    const counts = Object.fromEntries(
      (db.prepare("select action, count(*) n from audit_log where action like 'auth.%' group by action").all() as { action: string; n: number }[]).map((r) => [r.action, r.n]),
    );
    db.close();
    expect(counts["auth.signin"]).toBe(8);
    expect(counts["auth.locked"]).toBeGreaterThanOrEqual(2);
    expect(counts["auth.signin_throttled"]).toBeGreaterThanOrEqual(2);
  });
});
