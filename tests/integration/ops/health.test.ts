// Health and readiness of the real server: /healthz while the process serves, /readyz 200 only
// when the database can be written, its migrations are applied and the server is not shutting
// down (503 with the reason otherwise); neither counts against the rate limit. The disk fault is
// real: the server's file size limit is set to 0 (prlimit), so every write SQLite attempts fails;
// on PostgreSQL the database turns read-only under the server (tests/support/ops.ts refuseWrites).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, closeDb, isPostgresUrl, migrationsFolder } from "~/server/db/client";
import { pgMigrationsFolder } from "~/server/db/pg";
import { createReadiness, databaseProblem, expectedMigrations } from "~/server/ops/health";
import { signInHttp } from "../../support/auth";
import { tempDir, testDatabase, testEngine } from "../../support/db";
import { exited, logRecords, refuseWrites, sleep } from "../../support/ops";
import { type RunningServer, startServer } from "../../support/server";

const get = async (url: string) => {
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, body: text.startsWith("{") ? (JSON.parse(text) as Record<string, unknown>) : text, retryAfter: res.headers.get("retry-after") };
};

describe("readiness without a server", () => {
  it("is not ready before the migrations are applied, nor while starting or stopping", () => {
    const file = testDatabase(tempDir("muster-ready-"));
    const db = getDb(file);
    try {
      const expected = expectedMigrations(isPostgresUrl(file) ? pgMigrationsFolder() : migrationsFolder());
      expect(expected).toBeGreaterThan(0);
      expect(databaseProblem(db, expected)).toBe(`database migrations not applied (0 of ${expected})`);
      const r = createReadiness(expected);
      expect(r.check()).toMatchObject({ ready: false, status: "starting" });
      r.ready(db);
      expect(r.check()).toMatchObject({ ready: false, status: "unavailable", reason: `database migrations not applied (0 of ${expected})` });
    } finally {
      closeDb(file);
    }
  });
});

describe("health and readiness of the running server", () => {
  const dir = tempDir("muster-health-");
  const dbFile = testDatabase(dir);
  let server: RunningServer;
  beforeAll(async () => {
    // A tiny dashboard budget: the probes must not be counted against it.
    // No MUSTER_ADMIN_PASSWORD: the first administrator's password is generated.
    // DATABASE_PATH names the data folder on PostgreSQL too (where the first password's file goes).
    server = await startServer({
      databasePath: dbFile,
      env: {
        DATABASE_PATH: path.join(dir, "muster.db"),
        MUSTER_HTTP_BURST: "3",
        MUSTER_HTTP_RATE_PER_MIN: "1",
        MUSTER_SHUTDOWN_DELAY_SECONDS: "2",
        MUSTER_ADMIN_PASSWORD: "",
        MUSTER_TRUST_PROXY: "127.0.0.1",
      },
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop("SIGKILL");
  });

  it("answers /healthz and /readyz without a session, and never rate-limits them", async () => {
    for (let i = 0; i < 20; i++) {
      expect((await get(`${server.url}/healthz`)).status).toBe(200);
      const ready = await get(`${server.url}/readyz`);
      expect(ready.status, JSON.stringify(ready.body)).toBe(200);
      expect(ready.body).toMatchObject({ ready: true, status: "ready" });
    }
    // The dashboard itself is limited (3 at once): the probes above did not use that budget up.
    const pages = await Promise.all(Array.from({ length: 6 }, () => fetch(`${server.url}/signin`).then((r) => r.status)));
    expect(pages.filter((s) => s === 200).length).toBe(3);
    expect(pages.filter((s) => s === 429).length).toBe(3);
    expect((await get(`${server.url}/readyz`)).status).toBe(200);
  });

  it("puts a generated first password in a private file of the data folder, never in the log", async () => {
    const file = path.join(dir, "first-admin-password");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const [, password = ""] = fs.readFileSync(file, "utf8").split("\n");
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(server.output()).not.toContain(password);
    expect(server.output()).toContain(`Its generated password is in ${file}`);
    // From another address (through the trusted proxy): the rate-limit test used this one's budget up.
    expect((await signInHttp(server.url, "admin@muster.local", password, "10.9.9.9")).ok).toBe(true);
  });

  it("answers 503 with the reason while the disk refuses writes, and 200 again once it takes them", async () => {
    const allowWrites = refuseWrites(server.proc.pid!, dbFile);
    try {
      await sleep(1100); // the database check is kept a second
      const r = await get(`${server.url}/readyz`);
      expect(r.status).toBe(503);
      expect(r.retryAfter).toBe("5");
      expect(r.body).toMatchObject({ ready: false, status: "unavailable" });
      // SQLite: the write fails on the disk. PostgreSQL: in a read-only session (25006), or, for the
      // first statement of a session ended under it, as a connection the server closed (57P01).
      expect(String((r.body as { reason: string }).reason)).toMatch(/^database not writable \((SQLITE_(IOERR|FULL)|25006|57P01)/);
      // Alive all the same: a liveness probe must not restart a server whose disk is full.
      expect((await get(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      allowWrites();
    }
    await sleep(1100);
    // PostgreSQL: the ended sessions' first statement may still fail (57P01) before they reconnect; one more second.
    if (testEngine() === "postgres" && (await get(`${server.url}/readyz`)).status !== 200) await sleep(1100);
    expect((await get(`${server.url}/readyz`)).body).toMatchObject({ ready: true });
  });

  it("fails readiness at once on SIGTERM while still serving, then exits 0", async () => {
    server.proc.kill("SIGTERM");
    await sleep(300);
    // MUSTER_SHUTDOWN_DELAY_SECONDS=2: still answering, but no longer ready.
    const r = await get(`${server.url}/readyz`);
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ ready: false, status: "stopping", reason: "shutting down: finishing requests in flight" });
    expect((await get(`${server.url}/healthz`)).status).toBe(200);
    expect(await exited(server.proc)).toBe(0);
    const msgs = logRecords(server.output()).map((l) => l.msg);
    expect(msgs).toContain("shutting down: readiness fails from now on");
    expect(msgs.at(-1)).toBe("shutdown complete");
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
