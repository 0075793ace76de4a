// Sign-in over the real HTTP routes: sessions carry the role, dashboard routes need one,
// and failed attempts are throttled per account and per client address.
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { THROTTLE } from "~/server/auth/throttle";
import { signInHttp } from "../../support/auth";
import { runAdmin } from "../../support/cli";
import { tempDir } from "../../support/db";
import { type RunningServer, startServer } from "../../support/server";

let server: RunningServer;
const dir = tempDir("muster-signin-");
const dbFile = path.join(dir, "muster.db");
const PASSWORD = "officer-password-1";

beforeAll(async () => {
  runAdmin(dbFile, ["create-agency", "--code", "AG", "--name", "Agency"]);
  for (const email of ["victim@x.gov", "other@x.gov", "spray1@x.gov"]) {
    expect(runAdmin(dbFile, ["create-user", "--email", email, "--role", "officer"], PASSWORD).code).toBe(0);
  }
  server = await startServer({ databasePath: dbFile });
}, 120_000);
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

  it("locks an account after 5 failures, even with the right password afterwards", async () => {
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

  it("does not let a client pick its address to dodge the per-address limit", async () => {
    // Failures spread over many accounts, each claiming a different X-Forwarded-For.
    for (let i = 0; i < THROTTLE.maxPerAddress; i++) {
      await signInHttp(server.url, `nobody${i}@x.gov`, "wrong-password", `10.0.0.${i}`);
    }
    const res = await signInHttp(server.url, "spray1@x.gov", PASSWORD, "10.9.9.9");
    expect(res.ok).toBe(false);
    expect(res.error).toContain("Too many failed attempts");
  });

  it("audits sign-ins, failures and lockouts", () => {
    const db = new Database(dbFile, { readonly: true });
    const counts = Object.fromEntries(
      (db.prepare("select action, count(*) n from audit_log where action like 'auth.%' group by action").all() as { action: string; n: number }[]).map((r) => [r.action, r.n]),
    );
    db.close();
    expect(counts["auth.signin"]).toBe(2);
    expect(counts["auth.locked"]).toBeGreaterThanOrEqual(2);
    expect(counts["auth.signin_throttled"]).toBeGreaterThanOrEqual(2);
  });
});
