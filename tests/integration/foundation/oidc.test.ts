// Sign-in through an OpenID Connect identity provider: only accounts an administrator
// provisioned in Muster may enter, with the role Muster gives them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAdmin } from "../../support/cli";
import { tempDir, testDatabase } from "../../support/db";
import { secondConnection } from "../../support/second-connection";
import { cookieHeader as header, oidcSignIn as signIn, startTestIdp, type TestIdp } from "../../support/oidc-provider";
import { type RunningServer, startServer } from "../../support/server";

const dir = tempDir("muster-oidc-");
const dbFile = testDatabase(dir);
let idp: TestIdp;
let server: RunningServer;

const oidcSignIn = () => signIn(server.url);

beforeAll(async () => {
  idp = await startTestIdp({ sub: "idp-user-1", email: "Officer@Example.gov", name: "Olga Officer", emailVerified: true });
  runAdmin(dbFile, ["create-agency", "--code", "AG", "--name", "Agency"]);
  server = await startServer({
    databasePath: dbFile,
    env: { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.clientId, OIDC_CLIENT_SECRET: idp.clientSecret, OIDC_NAME: "Test IdP" },
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await idp?.close();
});

describe("OpenID Connect sign-in", () => {
  it("offers the identity provider on the sign-in page", async () => {
    const html = await (await fetch(`${server.url}/signin`)).text();
    expect(html).toContain("Sign in with Test IdP");
  });

  it("refuses an identity the administrator has not provisioned", async () => {
    const { jar, finalUrl } = await oidcSignIn();
    expect(finalUrl).toContain("error=AccessDenied");
    const session = await (await fetch(`${server.url}/api/auth/session`, { headers: { cookie: header(jar) } })).json();
    expect(session).toEqual({});
  });

  it("signs in a provisioned account with its Muster role", async () => {
    expect(runAdmin(dbFile, ["create-user", "--email", "officer@example.gov", "--role", "agency_officer", "--agency", "AG"]).code).toBe(0);
    const { jar, finalUrl } = await oidcSignIn();
    expect(finalUrl).toBe(`${server.url}/agencies`);
    const session = await (await fetch(`${server.url}/api/auth/session`, { headers: { cookie: header(jar) } })).json();
    expect(session.user).toMatchObject({ email: "officer@example.gov", role: "agency_officer" });
    const page = await fetch(`${server.url}/agencies`, { headers: { cookie: header(jar) }, redirect: "manual" });
    expect(page.status).toBe(200);
  });

  const sessionUser = async () => {
    const { jar, finalUrl } = await oidcSignIn();
    const session = await (await fetch(`${server.url}/api/auth/session`, { headers: { cookie: header(jar) } })).json();
    return { finalUrl, user: session.user as { email: string; role: string } | undefined };
  };

  it("binds the provider's subject at the first sign-in: an email change at the provider does not move the account", async () => {
    expect(runAdmin(dbFile, ["create-user", "--email", "minister@example.gov", "--role", "admin"]).code).toBe(0);
    // The same provider account now claims (verified, even) the administrator's address.
    idp.user = { sub: "idp-user-1", email: "minister@example.gov", name: "Olga Officer", emailVerified: true };
    const r = await sessionUser();
    expect(r.user).toMatchObject({ email: "officer@example.gov", role: "agency_officer" });
  });

  it("refuses another provider account claiming a bound account's email", async () => {
    idp.user = { sub: "idp-user-2", email: "officer@example.gov", name: "Mallory", emailVerified: true };
    const r = await sessionUser();
    expect(r.finalUrl).toContain("error=AccessDenied");
    expect(r.user).toBeUndefined();
  });

  it("refuses a first sign-in whose email the provider does not say is verified", async () => {
    for (const emailVerified of [false, undefined]) {
      idp.user = { sub: "idp-user-3", email: "minister@example.gov", name: "Mallory", emailVerified };
      const r = await sessionUser();
      expect(r.finalUrl).toContain("error=AccessDenied");
      expect(r.user).toBeUndefined();
    }
    const db = secondConnection(dbFile).$client;
    const bound = db.prepare("select email, oidc_subject as sub from users where oidc_subject is not null").all();
    db.close();
    expect(bound).toEqual([{ email: "officer@example.gov", sub: "idp-user-1" }]);
  });
});
