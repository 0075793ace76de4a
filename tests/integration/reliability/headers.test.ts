import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAdmin } from "../../support/cli";
import { tempDir, testDatabase } from "../../support/db";
import { type RunningServer, startServer } from "../../support/server";

const PASSWORD = "headers-officer-password";
const PATHS = ["/signin", "/", "/endpoints", "/api/auth/csrf", "/api/trpc/users.me", "/download/muster-agent.js", "/api/agent/v1/catalog", "/api/agent/v1/nope", "/no-such-page"];

function checkProtections(where: string, h: Headers): string[] {
  const bad: string[] = [];
  if (h.get("x-content-type-options") !== "nosniff") bad.push(`${where}: no nosniff`);
  const csp = h.get("content-security-policy");
  if (!csp) bad.push(`${where}: no Content-Security-Policy`);
  else {
    if (csp.includes("unsafe-eval")) bad.push(`${where}: CSP allows unsafe-eval`);
    if (!/frame-ancestors 'none'/.test(csp)) bad.push(`${where}: CSP lacks frame-ancestors 'none'`);
  }
  if (!h.get("referrer-policy")) bad.push(`${where}: no Referrer-Policy`);
  return bad;
}

/** Every Set-Cookie of the credentials sign-in (CSRF, callback URL, session), attributes included. */
async function signInCookies(url: string): Promise<string[]> {
  const csrfRes = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = csrfRes.headers.getSetCookie();
  const signIn = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.map((c) => c.split(";")[0]).join("; ") },
    body: new URLSearchParams({ csrfToken, email: "officer@headers.test", password: PASSWORD, json: "true" }),
  });
  return [...jar, ...signIn.headers.getSetCookie()];
}

describe("security headers and cookies", () => {
  const dir = tempDir("muster-headers-");
  const dbFile = testDatabase(dir);
  let plain: RunningServer;
  let https: RunningServer | undefined;

  beforeAll(async () => {
    expect(runAdmin(dbFile, ["create-user", "--email", "officer@headers.test", "--role", "officer"], PASSWORD).code).toBe(0);
    // A small per-address budget for the dashboard, so the last test can exhaust it.
    plain = await startServer({ databasePath: dbFile, env: { MUSTER_HTTP_BURST: "40", MUSTER_HTTP_RATE_PER_MIN: "60" } });
  }, 120_000);
  afterAll(async () => {
    await plain?.stop();
    await https?.stop();
  });

  it("every answer carries the protections; no HSTS over plain HTTP, whatever the client claims", async () => {
    const bad: string[] = [];
    for (const p of PATHS) {
      const res = await fetch(`${plain.url}${p}`, { redirect: "manual", headers: { "x-forwarded-proto": "https" } });
      await res.arrayBuffer();
      bad.push(...checkProtections(p, res.headers));
      if (res.headers.get("strict-transport-security")) bad.push(`${p}: HSTS over plain HTTP`);
    }
    // The front door's own refusal (a body too large for the dashboard) carries them too.
    const big = await fetch(`${plain.url}/api/trpc/users.me`, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(1024 * 1024 + 10) });
    expect(big.status).toBe(413);
    bad.push(...checkProtections("413", big.headers));
    expect(bad).toEqual([]);
  });

  it("session cookies are HttpOnly, SameSite, and not Secure over plain HTTP", async () => {
    const cookies = await signInCookies(plain.url);
    expect(
      cookies.find((c) => /^next-auth\.session-token=/.test(c)),
      cookies.join("\n"),
    ).toBeDefined();
    for (const c of cookies) {
      expect(c, c).toMatch(/;\s*HttpOnly/i);
      expect(c, c).toMatch(/;\s*SameSite=Lax/i);
      expect(c, c).not.toMatch(/;\s*Secure/i);
    }
  });

  it("limits the dashboard's requests per address (429 + Retry-After), not the agent API's own", async () => {
    const answers = await Promise.all(Array.from({ length: 60 }, () => fetch(`${plain.url}/api/auth/csrf`).then(async (r) => [r.status, r.headers.get("retry-after"), await r.text()] as const)));
    const limited = answers.filter(([s]) => s === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const [, retry] of limited) expect(Number(retry)).toBeGreaterThan(0);
    // The agent API is not behind this budget (it has per-device and per-address limits of its own).
    expect((await fetch(`${plain.url}/api/agent/v1/catalog`)).status).toBe(200);
  });

  it("served over HTTPS: HSTS on every answer, and Secure, HttpOnly session cookies", async () => {
    https = await startServer({ databasePath: dbFile, env: { NEXTAUTH_URL: "https://muster.example.gov" } });
    const bad: string[] = [];
    for (const p of PATHS) {
      const res = await fetch(`${https.url}${p}`, { redirect: "manual" });
      await res.arrayBuffer();
      bad.push(...checkProtections(p, res.headers));
      if (!/max-age=\d{7,}/.test(res.headers.get("strict-transport-security") ?? "")) bad.push(`${p}: no HSTS over HTTPS`);
    }
    expect(bad).toEqual([]);

    const cookies = await signInCookies(https.url);
    const session = cookies.find((c) => /session-token=/.test(c));
    expect(session, cookies.join("\n")).toBeDefined();
    expect(session).toMatch(/^__Secure-next-auth\.session-token=/);
    for (const c of cookies) {
      expect(c, c).toMatch(/;\s*Secure/i);
      expect(c, c).toMatch(/;\s*HttpOnly/i);
    }
  }, 120_000);
});
