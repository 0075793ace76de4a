import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayOf } from "~/server/lib/time";
import { signInHttp } from "../../support/auth";
import { runAdmin } from "../../support/cli";
import { tempDir, testDatabase } from "../../support/db";
import { cookieHeader, oidcSignIn, startTestIdp, type TestIdp } from "../../support/oidc-provider";
import { exited, type LogRecord, logRecords } from "../../support/ops";
import { type RunningServer, startServer } from "../../support/server";
import { E, SOURCES_BY_PLATFORM } from "../ingest/helpers";
import { postJson, rawRequest } from "../ingest/api-server";
import { download, trpcMutation } from "../reports/http";

const ADMIN_PASSWORD = "admin-password-for-tests"; // what runAdmin creates the first administrator with
const OFFICER_PASSWORD = "Officer-Passw0rd-for-the-log-test";
const WRONG_PASSWORD = "Wrong-Passw0rd-typed-by-mistake";
const AUTH_SECRET = "auth-secret-for-the-log-hygiene-test-0123456789";
const METRICS_TOKEN = "metrics-token-for-the-log-hygiene-test";
const BOGUS_TOKEN = "mst_enr_bogus-enrollment-token-typed-wrong";

/** A secret and the forms it could take in a log line. */
function forms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64"), Buffer.from(secret).toString("base64url"), JSON.stringify(secret).slice(1, -1)])];
}

describe("log hygiene", () => {
  const dir = tempDir("muster-logs-");
  const dbFile = testDatabase(dir);
  let idp: TestIdp;
  let server: RunningServer;
  const secrets = new Map<string, string>([
    ["administrator password", ADMIN_PASSWORD],
    ["officer password", OFFICER_PASSWORD],
    ["mistyped password", WRONG_PASSWORD],
    ["auth secret", AUTH_SECRET],
    ["metrics token", METRICS_TOKEN],
    ["mistyped enrollment token", BOGUS_TOKEN],
  ]);
  let records: LogRecord[] = [];
  let deviceId = "";

  beforeAll(async () => {
    idp = await startTestIdp({ sub: "idp-log-user", email: "oidc.officer@logs.test", name: "Ida OIDC", emailVerified: true });
    secrets.set("OIDC client secret", idp.clientSecret);
    expect(runAdmin(dbFile, ["create-agency", "--code", "LOG", "--name", "Logging agency"]).code).toBe(0);
    expect(runAdmin(dbFile, ["create-user", "--email", "officer@logs.test", "--role", "officer"], OFFICER_PASSWORD).code).toBe(0);
    expect(runAdmin(dbFile, ["create-user", "--email", "oidc.officer@logs.test", "--role", "officer"]).code).toBe(0);
    expect(runAdmin(dbFile, ["activate-policy", "--slug", "us-bod-17-01"]).code).toBe(0);
    server = await startServer({
      databasePath: dbFile,
      env: {
        AUTH_SECRET,
        MUSTER_METRICS_TOKEN: METRICS_TOKEN,
        MUSTER_LOG_LEVEL: "debug",
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
      },
    });

    // Anonymous visits to the dashboard: redirected to sign-in, never an error.
    for (const p of ["/", "/endpoints", "/reports/new"]) expect((await fetch(`${server.url}${p}`, { redirect: "manual" })).status).toBe(307);

    // Passwords: a wrong one, then the right ones.
    expect((await signInHttp(server.url, "officer@logs.test", WRONG_PASSWORD)).ok).toBe(false);
    const officer = await signInHttp(server.url, "officer@logs.test", OFFICER_PASSWORD);
    expect(officer.ok).toBe(true);
    expect((await signInHttp(server.url, "admin@muster.local", ADMIN_PASSWORD)).ok).toBe(true);
    secrets.set(
      "officer session cookie",
      officer.cookie
        .split("; ")
        .find((c) => c.includes("session-token"))!
        .split("=")
        .slice(1)
        .join("="),
    );

    // OpenID Connect.
    const oidc = await oidcSignIn(server.url, "/agencies");
    expect(oidc.finalUrl).toBe(`${server.url}/agencies`);
    expect((await fetch(`${server.url}/agencies`, { headers: { cookie: cookieHeader(oidc.jar) }, redirect: "manual" })).status).toBe(200);

    // An enrollment token made on the dashboard, a device enrolled with it.
    const agencyId = 1;
    const created = await trpcMutation<{ token: string }>(server.url, officer.cookie, "enrollment.create", { agencyId, label: "log test" });
    if (!created.ok) throw new Error(created.message);
    secrets.set("enrollment token", created.data.token);
    const os = { platform: "linux", name: "Debian", version: "12", arch: "x64" };
    const enrollBody = (token: string) => ({ enrollToken: token, hostname: "log-host", hardwareId: "hw-log-1", agentVersion: "1.0.0", os });
    expect((await postJson(server.url, "/api/agent/v1/enroll", enrollBody(BOGUS_TOKEN))).status).toBeGreaterThanOrEqual(400);
    const enrolled = await postJson(server.url, "/api/agent/v1/enroll", enrollBody(created.data.token));
    expect(enrolled.status).toBe(201);
    const device = enrolled.json as { deviceId: string; deviceSecret: string };
    deviceId = device.deviceId;
    secrets.set("device secret", device.deviceSecret);

    // Reports: accepted, a wrong secret, and a malformed body that carries the secret.
    const report = {
      deviceId,
      seq: 1,
      collectedAt: new Date().toISOString(),
      agentVersion: "1.0.0",
      hostname: "log-host",
      os,
      catalogVersion: "test",
      collectors: SOURCES_BY_PLATFORM.linux.map((name) => ({ name, ok: true })),
      software: [E.keslPkg()],
    };
    expect((await postJson(server.url, "/api/agent/v1/checkin", report, { authorization: `Bearer ${device.deviceSecret}` })).status).toBe(200);
    expect((await postJson(server.url, "/api/agent/v1/checkin", { ...report, seq: 2 }, { authorization: "Bearer not-the-device-secret" })).status).toBe(401);
    const malformed = await rawRequest(server.url, {
      method: "POST",
      path: "/api/agent/v1/checkin",
      headers: { "content-type": "application/json", authorization: `Bearer ${device.deviceSecret}` },
      body: `{"deviceId": "${deviceId}", "secret": "${device.deviceSecret}", "token": "${created.data.token}"`,
    });
    expect(malformed.status).toBe(400);

    // A report published and downloaded.
    const published = await trpcMutation<{ id: number }>(server.url, officer.cookie, "reports.publish", { agencyId: null, asOf: dayOf(Date.now()), confirm: true });
    if (!published.ok) throw new Error(published.message);
    expect((await download(server.url, officer.cookie, `/reports/${published.data.id}/endpoints.csv`)).status).toBe(200);
    expect((await download(server.url, officer.cookie, `/reports/${published.data.id}/data.json`)).status).toBe(200);

    // Metrics, with the token and with a wrong one.
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(401);

    server.proc.kill("SIGTERM");
    expect(await exited(server.proc)).toBe(0);
    records = logRecords(server.output());
  }, 180_000);
  afterAll(async () => {
    await server?.stop("SIGKILL");
    await idp?.close();
  });

  it("writes only JSON records, none of which carries a secret", () => {
    expect(records.length).toBeGreaterThan(20);
    const text = server.output();
    const leaks: string[] = [];
    for (const [what, secret] of secrets) {
      expect(secret.length).toBeGreaterThan(10);
      for (const form of forms(secret)) if (text.includes(form)) leaks.push(`${what} (${form.slice(0, 12)}…)`);
    }
    expect(leaks).toEqual([]);
  });

  it("logs each request with its id, route, status and duration, and check-ins with the device id", () => {
    const requests = records.filter((r) => r.msg === "request" || String(r.msg).startsWith("request "));
    expect(requests.length).toBeGreaterThan(20);
    for (const r of requests) {
      expect(r).toMatchObject({
        level: expect.any(Number),
        time: expect.any(Number),
        reqId: expect.any(String),
        route: expect.any(String),
        status: expect.any(Number),
        durationMs: expect.any(Number),
      });
      expect(String(r.path)).not.toContain("?");
    }
    const checkins = requests.filter((r) => r.route === "agent:checkin");
    expect(checkins.map((r) => [r.status, r.outcome])).toEqual([
      [200, "accepted"],
      [401, "unauthorized"],
      [400, "invalid_body"],
    ]);
    expect(checkins[0]!.deviceId).toBe(deviceId);
    expect(requests.find((r) => r.route === "agent:enroll" && r.status === 201)?.deviceId).toBe(deviceId);
    expect(new Set(requests.map((r) => r.reqId)).size).toBe(requests.length);
  });

  it("logs nothing as an error in ordinary use, anonymous visits included", () => {
    const errors = records.filter((r) => r.level >= 50);
    expect(errors.map((r) => `${r.msg} ${JSON.stringify(r.err ?? "")}`.slice(0, 300))).toEqual([]);
    expect(records.filter((r) => JSON.stringify(r).includes("Sign in first"))).toEqual([]);
    const anonymous = records.find((r) => r.path === "/" && r.route === "dashboard:page");
    expect(anonymous).toMatchObject({ level: 30, status: 307 });
  });
});
