// The agent API's transport rules over real HTTP: routing, methods, content types, size limits
// (gzip bombs included), malformed bodies, the catalog's ETag, response headers, and 503 with
// nothing half-written when the database cannot be written.
import fs from "node:fs";
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BUILTIN_CATALOG } from "~/agent/shared/catalog";
import { LIMITS } from "~/agent/shared/protocol";
import type { Db } from "~/server/db/client";
import { PgCompatDatabase } from "~/server/db/pg-compat";
import * as schema from "~/server/db/schema";
import { getIngestEngine } from "~/server/ingest/engine";
import { type Api, postJson, rawRequest, startApi } from "./api-server";
import { databaseDigest } from "./digest";
import { testEngine } from "../../support/db";
import { E, endpoint, enroll, freshDb, makeAgency, makeToken, report, type Device, type TestDb } from "./helpers";

const CHECKIN = "/api/agent/v1/checkin";
let t: TestDb;
let api: Api;
let dev: Device;
beforeEach(async () => {
  t = freshDb();
  dev = enroll(t.db, makeToken(t.db, makeAgency(t.db).id));
  api = await startApi(t.db);
});
afterEach(async () => {
  await api.close();
  t.close();
});
const code = (json: unknown) => (json as { error?: { code?: string } } | undefined)?.error?.code;
const auth = () => ({ authorization: `Bearer ${dev.secret}`, "content-type": "application/json" });

describe("routing and transport", () => {
  it("404 for unknown paths, 405 (with Allow) for wrong methods", async () => {
    const unknown = await rawRequest(api.url, { method: "GET", path: "/api/agent/v1/nope" });
    expect(unknown.status).toBe(404);
    expect(code(unknown.json)).toBe("not_found");
    expect((await rawRequest(api.url, { method: "GET", path: "/api/agent/v2/checkin" })).status).toBe(404);
    expect((await rawRequest(api.url, { method: "GET", path: "/api/agent/v1/__proto__" })).status).toBe(404);
    const wrong = await rawRequest(api.url, { method: "GET", path: CHECKIN });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe("POST");
    expect(code(wrong.json)).toBe("method_not_allowed");
    expect((await rawRequest(api.url, { method: "DELETE", path: "/api/agent/v1/catalog" })).status).toBe(405);
  });

  it("415 for a body that is not application/json or an unknown encoding", async () => {
    const r = await rawRequest(api.url, { path: CHECKIN, headers: { authorization: `Bearer ${dev.secret}`, "content-type": "text/plain" }, body: JSON.stringify(report(dev, [])) });
    expect(r.status).toBe(415);
    expect(code(r.json)).toBe("unsupported_media_type");
    const br = await rawRequest(api.url, { path: CHECKIN, headers: { ...auth(), "content-encoding": "br" }, body: "{}" });
    expect(br.status).toBe(415);
  });

  it("413 above 1 MiB: declared, streamed, or after decompression (a gzip bomb is a 413, never a 500)", async () => {
    const big = Buffer.alloc(LIMITS.bodyBytes + 10, 0x20);
    const declared = await rawRequest(api.url, { path: CHECKIN, headers: auth(), body: big });
    expect(declared.status).toBe(413);
    expect(code(declared.json)).toBe("payload_too_large");
    const streamed = await new Promise<number>((resolve, reject) => {
      const http = require("node:http") as typeof import("node:http");
      const u = new URL(CHECKIN, api.url);
      const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: "POST", headers: { ...auth(), "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", (e) => (String(e).includes("EPIPE") || String(e).includes("ECONNRESET") ? undefined : reject(e)));
      for (let i = 0; i < 20; i++) req.write(Buffer.alloc(64 * 1024, 0x20));
      req.end();
    });
    expect(streamed).toBe(413);
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(LIMITS.bodyBytes);
    const r = await rawRequest(api.url, { path: CHECKIN, headers: { ...auth(), "content-encoding": "gzip" }, body: bomb });
    expect(r.status).toBe(413);
    const notGzip = await rawRequest(api.url, { path: CHECKIN, headers: { ...auth(), "content-encoding": "gzip" }, body: "{not gzip" });
    expect(notGzip.status).toBe(400);
  });

  it("accepts a gzip-compressed report (as the agent sends large ones)", async () => {
    const body = gzipSync(Buffer.from(JSON.stringify(report(dev, [E.clamav()]))));
    const r = await rawRequest(api.url, { path: CHECKIN, headers: { ...auth(), "content-encoding": "gzip" }, body });
    expect(r.status).toBe(200);
    expect(endpoint(t.db, dev.endpointId).last_seq).toBe(1);
  });

  it("400 for invalid UTF-8, malformed JSON and wrong shapes, with zod issues in details", async () => {
    const badUtf8 = Buffer.concat([Buffer.from('{"deviceId":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    expect(code((await rawRequest(api.url, { path: CHECKIN, headers: auth(), body: badUtf8 })).json)).toBe("invalid_body");
    expect((await rawRequest(api.url, { path: CHECKIN, headers: auth(), body: '{"deviceId": ' })).status).toBe(400);
    const shape = await postJson(api.url, CHECKIN, { ...report(dev, []), seq: -1, software: [{ source: "floppy", name: "" }] }, { authorization: `Bearer ${dev.secret}` });
    expect(shape.status).toBe(400);
    const issues = (shape.json as { error: { details: { issues: { path: string }[] } } }).error.details.issues.map((i) => i.path);
    expect(issues).toEqual(expect.arrayContaining(["seq", "software.0.source", "software.0.name"]));
    const future = await postJson(api.url, CHECKIN, { ...report(dev, []), collectedAt: "2999-01-01T00:00:00Z" }, { authorization: `Bearer ${dev.secret}` });
    expect(future.status).toBe(400);
    expect(endpoint(t.db, dev.endpointId).last_seq).toBe(0);
  });

  it("ignores unknown fields (newer agents may add some)", async () => {
    const r = await postJson(api.url, CHECKIN, { ...report(dev, [{ ...E.clamav(), installDate: "2024-01-01" } as never]), newField: { x: 1 } }, { authorization: `Bearer ${dev.secret}` });
    expect(r.status).toBe(200);
  });

  it("serves the catalog with an ETag of its version and 304 when unchanged", async () => {
    const r = await rawRequest(api.url, { method: "GET", path: "/api/agent/v1/catalog", headers: { authorization: `Bearer ${dev.secret}` } });
    expect(r.status).toBe(200);
    expect(r.headers.etag).toBe(`"${BUILTIN_CATALOG.version}"`);
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    const body = r.json as { version: string; vendors: unknown[] };
    expect(body.version).toBe(BUILTIN_CATALOG.version);
    expect(body.vendors.length).toBe(BUILTIN_CATALOG.vendors.length);
    const again = await rawRequest(api.url, { method: "GET", path: "/api/agent/v1/catalog", headers: { "if-none-match": r.headers.etag as string } });
    expect(again.status).toBe(304);
    expect(again.body).toBe("");
    const stale = await rawRequest(api.url, { method: "GET", path: "/api/agent/v1/catalog", headers: { "if-none-match": '"0000"' } });
    expect(stale.status).toBe(200);
  });
});

/** A second, read-only handle on the test's database: SQLite's read-only open, or a PostgreSQL
 *  session whose transactions are read-only (writes fail with SQLSTATE 25006). */
function readOnlyClient(location: string): Database.Database {
  if (testEngine() === "sqlite") return new Database(location, { readonly: true });
  const u = new URL(location);
  u.searchParams.set("options", "-c default_transaction_read_only=on");
  return new PgCompatDatabase(u.toString(), "read-only") as unknown as Database.Database;
}

describe("storage failures", () => {
  it("a read-only database answers 503 + Retry-After and writes nothing", async () => {
    const ro = drizzle(readOnlyClient(t.file), { schema }) as Db;
    const roApi = await startApi(ro);
    try {
      const before = databaseDigest(t.db);
      const r = await postJson(roApi.url, CHECKIN, report(dev, [E.keslPkg()]), { authorization: `Bearer ${dev.secret}` });
      expect(r.status).toBe(503);
      expect(code(r.json)).toBe("unavailable");
      expect(Number(r.headers["retry-after"])).toBeGreaterThan(0);
      expect(databaseDigest(t.db)).toBe(before);
    } finally {
      await roApi.close();
      ro.$client.close();
    }
  });

  // SQLite's max_page_count makes a full disk on demand; PostgreSQL has no per-database size limit
  // to set (a full disk there is SQLSTATE 53100, which isStorageError counts as the same failure).
  it.skipIf(testEngine() === "postgres")("a full disk fails the whole batch with 503 and leaves no half-written check-in", async () => {
    const devices = Array.from({ length: 30 }, () => enroll(t.db, makeToken(t.db, makeAgency(t.db).id)));
    const before = databaseDigest(t.db);
    const pages = (t.db.$client.pragma("page_count", { simple: true }) as number) + 0;
    t.db.$client.pragma(`max_page_count = ${pages}`);
    try {
      // Many new software rows and observations in one batch: the database must grow.
      const bodies = devices.map((d, i) =>
        report(
          d,
          Array.from({ length: 40 }, (_, k) => ({ source: "dpkg" as const, name: `pkg-${i}-${k}-${"x".repeat(200)}`, identifier: `pkg-${i}-${k}` })),
        ),
      );
      const replies = await Promise.all(bodies.map((b, i) => postJson(api.url, CHECKIN, b, { authorization: `Bearer ${devices[i]!.secret}` })));
      expect(replies.every((r) => r.status === 503 && Number(r.headers["retry-after"]) > 0)).toBe(true);
      expect(getIngestEngine(t.db).stats.storageFailures).toBeGreaterThan(0);
    } finally {
      t.db.$client.pragma("max_page_count = 4294967294");
    }
    expect(databaseDigest(t.db)).toBe(before);
    // And once there is room again the same reports go through.
    const ok = await postJson(api.url, CHECKIN, report(devices[0]!, [E.clamav()], { seq: 1 }), { authorization: `Bearer ${devices[0]!.secret}` });
    expect(ok.status).toBe(200);
  });
});

describe("durability without holding the event loop", () => {
  // SQLite's own durability path (the -wal file synced off the event loop); on PostgreSQL a check-in
  // is answered after its COMMIT returned, which the server made durable (synchronous_commit).
  it.skipIf(testEngine() === "postgres")("a check-in is answered only after the WAL is synced; a failed sync answers 503 and the resend is a duplicate", async () => {
    const open = fs.promises.open;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const synced: string[] = [];
    const spy = vi.spyOn(fs.promises, "open").mockImplementation(async (...args: Parameters<typeof open>) => {
      synced.push(String(args[0]));
      await gate;
      return open(...args);
    });
    try {
      let answered = false;
      const first = postJson(api.url, CHECKIN, report(dev, [E.keslPkg()]), { authorization: `Bearer ${dev.secret}` }).then((r) => ((answered = true), r));
      // Committed (another connection would see it) but not answered while the sync is held.
      for (let i = 0; i < 100 && endpoint(t.db, dev.endpointId).last_seq !== 1; i++) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 50));
      expect(endpoint(t.db, dev.endpointId).last_seq).toBe(1);
      expect(answered).toBe(false);
      expect(synced).toEqual([`${t.file}-wal`]);
      // Everything else on the connection still commits with synchronous=FULL.
      expect(t.db.$client.pragma("synchronous", { simple: true })).toBe(2);
      release();
      expect((await first).status).toBe(200);

      spy.mockImplementation(async () => {
        throw Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" });
      });
      const body = report(dev, [E.clamav()]);
      const failed = await postJson(api.url, CHECKIN, body, { authorization: `Bearer ${dev.secret}` });
      expect(failed.status).toBe(503);
      expect(Number(failed.headers["retry-after"])).toBeGreaterThan(0);
      spy.mockRestore();
      const resent = await postJson(api.url, CHECKIN, body, { authorization: `Bearer ${dev.secret}` });
      expect(resent.status).toBe(200);
      expect(resent.json).toMatchObject({ accepted: true, duplicate: true });
      expect(getIngestEngine(t.db).stats.syncFailures).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("route handlers for plain `next dev` (web Request/Response adapter)", () => {
  it("serves the same API through handleAgentWebRequest", async () => {
    const { handleAgentWebRequest } = await import("~/server/ingest/next");
    const { getDb } = await import("~/server/db/client");
    // The location the server reads: DATABASE_URL for PostgreSQL, DATABASE_PATH for a file.
    const variable = testEngine() === "postgres" ? "DATABASE_URL" : "DATABASE_PATH";
    const prev = process.env[variable];
    process.env[variable] = t.file;
    try {
      expect(getDb()).toBe(t.db);
      const cat = await handleAgentWebRequest(new Request("http://localhost/api/agent/v1/catalog"));
      expect(cat.status).toBe(200);
      expect(cat.headers.get("etag")).toBe(`"${BUILTIN_CATALOG.version}"`);
      const ok = await handleAgentWebRequest(
        new Request("http://localhost/api/agent/v1/checkin", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${dev.secret}` },
          body: JSON.stringify(report(dev, [E.clamav()])),
        }),
      );
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ accepted: true });
      const wrong = await handleAgentWebRequest(new Request("http://localhost/api/agent/v1/enroll", { method: "GET" }));
      expect(wrong.status).toBe(405);
    } finally {
      if (prev === undefined) delete process.env[variable];
      else process.env[variable] = prev;
    }
  });
});

describe("check-ins from unknown devices or with wrong secrets", () => {
  it("are refused from the Authorization header alone, before the body is read", async () => {
    // A wrong secret with a body that is not even JSON: 401, not 400 (the body was never parsed).
    const forged = `${dev.secret.slice(0, -4)}AAAA`;
    const r = await rawRequest(api.url, { path: CHECKIN, headers: { authorization: `Bearer ${forged}`, "content-type": "application/json" }, body: "{not json" });
    expect(r.status).toBe(401);
    // A valid secret must name the device the body names.
    const other = enroll(t.db, makeToken(t.db, makeAgency(t.db).id));
    const swapped = await rawRequest(api.url, { path: CHECKIN, headers: auth(), body: JSON.stringify(report(other, [])) });
    expect(swapped.status).toBe(401);
  });

  it("have a per-address budget (429 + Retry-After past it, before any parse) that honest agents never spend", async () => {
    const limit = 30; // MUSTER_CHECKIN_FAILURES_PER_MIN's default
    const body = JSON.stringify(report(dev, [], { seq: 1 }));
    const bad = (secret: string) => rawRequest(api.url, { path: CHECKIN, headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body });
    for (let i = 0; i < limit; i++) expect((await bad(`mst_dev_old-form-secret-${i}`)).status).toBe(401);
    const blocked = await bad("mst_dev_old-form-secret-x");
    expect(blocked.status).toBe(429);
    expect(code(blocked.json)).toBe("rate_limited");
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    // Garbage after the budget is spent is not parsed either: 429, not 400.
    expect((await rawRequest(api.url, { path: CHECKIN, headers: { authorization: "Bearer x", "content-type": "application/json" }, body: "{" })).status).toBe(429);
    // An honest agent at the same address still reports (its secret is checked without the budget).
    const ok = await rawRequest(api.url, { path: CHECKIN, headers: auth(), body });
    expect(ok.status).toBe(200);
  });
});
