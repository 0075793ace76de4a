// Sign-in through an OpenID Connect identity provider: only accounts an administrator
// provisioned in Muster may enter, with the role Muster gives them.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAdmin } from "../../support/cli";
import { tempDir } from "../../support/db";
import { startTestIdp, type TestIdp } from "../../support/oidc-provider";
import { type RunningServer, startServer } from "../../support/server";

const dir = tempDir("muster-oidc-");
const dbFile = path.join(dir, "muster.db");
let idp: TestIdp;
let server: RunningServer;

function cookies(res: Response, jar: Map<string, string>) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const [name, ...value] = pair!.split("=");
    jar.set(name!, value.join("="));
  }
}
const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Walks the browser's redirects through Muster and the identity provider. */
async function oidcSignIn(): Promise<{ jar: Map<string, string>; finalUrl: string }> {
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${server.url}/api/auth/csrf`);
  cookies(csrfRes, jar);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const start = await fetch(`${server.url}/api/auth/signin/oidc`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(jar) },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${server.url}/agencies`, json: "true" }),
  });
  cookies(start, jar);
  let url = ((await start.json()) as { url: string }).url;
  for (let hop = 0; hop < 6; hop++) {
    const res = await fetch(url, { redirect: "manual", headers: url.startsWith(server.url) ? { cookie: header(jar) } : {} });
    if (url.startsWith(server.url)) cookies(res, jar);
    const next = res.headers.get("location");
    if (!next) break;
    url = new URL(next, url).toString();
    if (url.startsWith(`${server.url}/agencies`) || url.includes("/signin")) break;
  }
  return { jar, finalUrl: url };
}

beforeAll(async () => {
  idp = await startTestIdp({ sub: "idp-user-1", email: "Officer@Example.gov", name: "Olga Officer" });
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
});
