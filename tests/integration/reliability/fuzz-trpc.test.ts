// Hostile input against every tRPC procedure (enumerated from the router, so new ones are fuzzed
// as they land), on a seeded deployment, by every role and without a session:
// - in process, through callers: 4,000 inputs built from each procedure's own schema and the
//   database's real ids, then broken (wrong types, missing and extra fields, huge strings and
//   arrays, deep nesting, broken Unicode, absurd numbers, non-JSON values, other agencies' ids);
// - over HTTP against the real server: 3,000 requests adding what only exists on the wire (bad
//   JSON, invalid UTF-8, wrong content types and methods, oversized and chunked bodies, huge
//   batches, tampered superjson metadata, odd paths, expired and forged sessions).
// None may be answered with a 5xx (or leak a stack trace), and none that is refused may change
// any stored data: rejected requests are checked against a digest of every table.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "~/server/access/scope";
import { encodeCursor } from "~/server/dashboard/endpoints-list";
import { runPendingReevaluationAsync } from "~/server/reevaluation/reevaluate";
import { createCaller } from "~/server/trpc/root";
import { isPostgres } from "~/server/db/client";
import { createTempDb } from "../../support/db";
import { secondConnection } from "../../support/second-connection";
import { type RunningServer, startServer } from "../../support/server";
import { rawRequest } from "../ingest/api-server";
import { hostile, listProcedures, type Pools, type Procedure, rng, type Rng, WEIRD } from "./fuzz";
import { sleep, tableDigest } from "./support";
import { AUTH_SECRET, ROLES, seedWorld, sessionCookie, type World } from "./world";

const CALLER_CASES = 4000;
const HTTP_CASES = 3000;

let world: World;
let server: RunningServer | undefined;
const procedures = listProcedures();
const tally = { callers: 0, http: 0 };

beforeAll(async () => {
  world = await seedWorld(createTempDb());
}, 180_000);
afterAll(async () => {
  await server?.stop();
  console.log(`tRPC fuzz: ${tally.callers} cases through callers + ${tally.http} over HTTP = ${tally.callers + tally.http} cases over ${procedures.length} procedures`);
});

function poolsFor(p: Procedure, r: Rng): Pools {
  const w = world;
  const all = (sql: string) => (w.db.$client.prepare(sql).raw(true).all() as [unknown][]).map((x) => x[0]);
  const agencies = Object.values(w.agencyIds);
  const codes = Object.keys(w.agencyIds);
  const ids: Record<string, unknown[]> = {
    "agencies.byId": agencies,
    "agencies.update": agencies,
    "users.update": w.spareUsers,
    "enrollment.revoke": [...w.own.tokens, ...w.foreign.tokens],
    "policies.byId": all("select id from policies"),
    "reports.get": Object.values(w.reports),
  };
  const today = new Date().toISOString().slice(0, 10);
  return {
    id: [...(ids[p.path] ?? agencies), 999_999],
    agencyId: [...agencies, 999_999],
    endpointId: [...w.own.endpoints.slice(0, 5), ...w.foreign.endpoints.slice(0, 5), 999_999],
    findingId: [...w.own.findings.slice(0, 5), ...w.foreign.findings.slice(0, 5), 999_999],
    waiverId: [...w.own.waivers, ...w.foreign.waivers, 999_999],
    policyId: [...all("select id from policies"), 999_999],
    deviceId: [...w.own.deviceIds.slice(0, 3), ...w.foreign.deviceIds.slice(0, 3), "no-such-device"],
    code: [...codes, "NOPE"],
    agency: [...codes, "NOPE", "jus-pris"],
    parentCode: [...codes, "NOPE"],
    agencyCode: [...codes, "NOPE", null],
    present: ["vendor:kaspersky", "product:kaspersky-endpoint-security", "vendor:nope", "product:x"],
    asOf: [today, "2020-01-01", "2099-12-31", "2026-02-30"],
    deadline: ["2027-06-30", null, "2001-01-01"],
    email: [`fuzz${r.int(1_000_000)}@reliability.test`, "not-an-email", "admin@reports.test"],
    name: ["Fuzzed name", "x"],
    justification: ["A justification long enough to pass the validation."],
    expiresAt: [Date.now() + 10 * 86_400_000, Date.now() - 1000, Date.now() + 400 * 86_400_000],
    after: [encodeCursor({ v: "m", id: 5 }), encodeCursor({ v: 1700000000000, id: 2 }), encodeCursor({ v: null, id: 1 }), "bm9wZQ", "!!!", Buffer.from('[{"x":1},[]]').toString("base64url")],
    before: [encodeCursor({ v: "z", id: 900 }), "e30", Buffer.from("[null,9007199254740993]").toString("base64url")],
    q: ["kaspersky", "%", "_", "\\", "' or 1=1 --", "host"],
    action: ["user.create", "enroll.rejected", "%"],
    cursor: [1, 50, 999_999],
    from: [0, Date.now() - 86_400_000],
    to: [Date.now(), 0],
  };
}

function callProcedure(caller: unknown, p: string, input: unknown): Promise<unknown> {
  const fn = p.split(".").reduce((o: unknown, k) => (o as Record<string, unknown>)[k], caller) as (i: unknown) => Promise<unknown>;
  return fn(input);
}

describe("tRPC fuzz", () => {
  it(`${CALLER_CASES} hostile inputs through callers: no 5xx, no change when refused`, async () => {
    const r = rng(20171213);
    const db = world.db;
    // What moves when anything was written: SQLite's count of changes; PostgreSQL has none, its digest of every table is one statement.
    const changes = isPostgres(db) ? () => tableDigest(db.$client) : () => (db.$client.prepare("select total_changes() as n").get() as { n: number }).n;
    let baseline = tableDigest(db.$client);
    let seen = changes();
    const outcomes = new Map<string, number>();
    const failures: string[] = [];
    const viewers: (Viewer | null)[] = [...ROLES.map((role) => world.viewers[role]), null];
    for (let i = 0; i < CALLER_CASES; i++) {
      const p = procedures[i % procedures.length]!;
      const viewer = r.pick(viewers);
      const h = hostile(p, r, poolsFor(p, r), { inProcess: true });
      const label = `#${i} ${p.path} as ${viewer?.role ?? "nobody"}: ${h.label}`;
      let code = "OK";
      try {
        await callProcedure(createCaller({ db, viewer, ip: "203.0.113.9" }), p.path, h.value);
      } catch (err) {
        code = err instanceof TRPCError ? err.code : `non-tRPC ${String(err)}`;
        if (!(err instanceof TRPCError) || code === "INTERNAL_SERVER_ERROR" || code === "SERVICE_UNAVAILABLE") {
          failures.push(`${label} -> ${code}: ${(err as Error).message?.slice(0, 200)} ${String((err as Error).cause ?? "").slice(0, 200)}`);
        }
      }
      outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
      tally.callers++;
      if (code === "OK" && p.type === "mutation") {
        await runPendingReevaluationAsync(db); // setActive re-evaluates in the background
        baseline = tableDigest(db.$client);
        seen = changes();
      } else if (changes() !== seen) {
        const now = tableDigest(db.$client);
        if (now !== baseline) failures.push(`${label} -> ${code} but the database changed`);
        baseline = now;
        seen = changes();
      }
    }
    console.log(`tRPC fuzz through callers: ${CALLER_CASES} cases, outcomes ${JSON.stringify(Object.fromEntries(outcomes))}`);
    expect(failures).toEqual([]);
    // The mix reached the services, not only the validators.
    for (const c of ["OK", "BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"]) expect(outcomes.get(c) ?? 0, c).toBeGreaterThan(0);
  }, 240_000);

  it(`${HTTP_CASES} hostile requests over HTTP: no 5xx, no stack trace, no change when refused`, async () => {
    // Notifications off: their worker delivers in the background, seconds after a request (to the
    // fuzzed webhook addresses), which would read as a refused request changing the database.
    server = await startServer({ databasePath: world.file, env: { AUTH_SECRET, MUSTER_HTTP_BURST: "0", MUSTER_NOTIFY: "off" } });
    const url = server.url;
    const r = rng(20180514);
    const cookies: Record<string, string> = { nobody: "" };
    for (const role of ROLES) cookies[role] = await sessionCookie(world.viewers[role]);
    cookies.expired = await sessionCookie(world.viewers.admin, { maxAgeS: -60 });
    cookies.forged = await sessionCookie(world.viewers.admin, { secret: "not-the-server-secret-at-all-0123456789" });
    cookies.garbage = `next-auth.session-token=${"x".repeat(3000)}`;
    // The minted sessions are real ones.
    const me = await rawRequest(url, { method: "GET", path: "/api/trpc/users.me", headers: { cookie: cookies.admin! } });
    expect(me.status, me.body).toBe(200);

    const watch = secondConnection(world.file).$client;
    const digest = () => tableDigest(watch);
    // What moves when another connection wrote: SQLite's data_version; on PostgreSQL the digest.
    const version = isPostgres(watch) ? digest : () => watch.pragma("data_version", { simple: true }) as number;
    /** After an accepted change, wait for the server's background work (re-evaluation) to settle. */
    const settle = async () => {
      let v = version();
      for (let quiet = 0; quiet < 3; ) {
        await sleep(100);
        const now = version();
        quiet = now === v ? quiet + 1 : 0;
        v = now;
      }
    };
    let baseline = digest();
    let seenVersion = version();
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let resent = 0;
    const trpcPath = (p: string, input?: unknown) => `/api/trpc/${p}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`;

    type Req = { method: string; path: string; headers: Record<string, string>; body?: Buffer | string; label: string; mutation: boolean };
    const makeCase = (i: number): Req => {
      const p = procedures[i % procedures.length]!;
      const who = r.pick(Object.keys(cookies));
      const headers: Record<string, string> = cookies[who] ? { cookie: cookies[who]! } : {};
      const h = hostile(p, r, poolsFor(p, r), { inProcess: false });
      const label = `#${i} ${p.path} as ${who}: `;
      const kind = r.int(20);
      const asRequest = (input: unknown, l: string): Req =>
        p.type === "query"
          ? { method: "GET", path: trpcPath(p.path, input), headers, label: label + l, mutation: false }
          : { method: "POST", path: `/api/trpc/${p.path}`, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ json: input }), label: label + l, mutation: true };
      if (kind < 11) return asRequest(h.value, h.label);
      const body = JSON.stringify({ json: h.value });
      switch (kind) {
        case 11:
          return { ...asRequest(h.value, "wrong method"), method: p.type === "query" ? "POST" : "GET", body: p.type === "query" ? body : undefined };
        case 12:
          return {
            method: "POST",
            path: `/api/trpc/${p.path}`,
            headers: { ...headers, "content-type": r.pick(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1", ""]) },
            body,
            label: `${label}content type`,
            mutation: p.type === "mutation",
          };
        case 13: {
          const bytes = Buffer.from(body);
          bytes[r.int(bytes.length)] = r.pick([0xff, 0xc3, 0x80, 0xed]);
          return {
            method: "POST",
            path: `/api/trpc/${p.path}`,
            headers: { ...headers, "content-type": "application/json" },
            body: r.chance(0.5) ? bytes : bytes.subarray(0, r.int(bytes.length)),
            label: `${label}invalid UTF-8 or truncated JSON`,
            mutation: p.type === "mutation",
          };
        }
        case 14: {
          const size = r.pick([1024 * 1024 + 10, 3 * 1024 * 1024]);
          return {
            method: "POST",
            path: `/api/trpc/${p.path}`,
            headers: { ...headers, "content-type": "application/json" },
            body: Buffer.alloc(size, 0x20),
            label: `${label}body of ${size} bytes`,
            mutation: p.type === "mutation",
          };
        }
        case 15: {
          const n = r.pick([2, 20, 65, 300]);
          const paths = Array.from({ length: n }, () => r.pick(procedures).path);
          const input = Object.fromEntries(paths.map((_, k) => [k, { json: r.pick(WEIRD) }]));
          return { method: "GET", path: `/api/trpc/${paths.join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`, headers, label: `${label}batch of ${n}`, mutation: false };
        }
        case 16: {
          const meta = r.pick<unknown>([
            { values: { id: ["bigint"] } },
            { values: ["undefined"] },
            { values: { "": [["custom", "Nope"]] } },
            { values: { "__proto__.polluted": ["set"] } },
            { values: { "constructor.prototype.polluted": ["map"] } },
            { referentialEqualities: { id: ["agencyId", "__proto__"] } },
            { values: { a: ["Date"] }, v: 99 },
            { values: { [Array.from({ length: 500 }, () => "a").join(".")]: ["regexp"] } },
            "not an object",
          ]);
          const payload = JSON.stringify({ json: h.value, meta });
          return p.type === "query"
            ? { method: "GET", path: `/api/trpc/${p.path}?input=${encodeURIComponent(payload)}`, headers, label: `${label}superjson meta ${JSON.stringify(meta).slice(0, 60)}`, mutation: false }
            : {
                method: "POST",
                path: `/api/trpc/${p.path}`,
                headers: { ...headers, "content-type": "application/json" },
                body: payload,
                label: `${label}superjson meta ${JSON.stringify(meta).slice(0, 60)}`,
                mutation: true,
              };
        }
        case 17:
          return {
            method: "GET",
            path: `/api/trpc/${p.path}?input=${r.pick(["%7B", "%ZZ", "{json:1}", "%00", "null", "[]", encodeURIComponent('{"json":')])}`,
            headers,
            label: `${label}malformed input parameter`,
            mutation: false,
          };
        case 18:
          return { method: r.pick(["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]), path: `/api/trpc/${p.path}`, headers, label: `${label}method`, mutation: false };
        default: {
          const odd = r.pick([
            "",
            "nope",
            "agencies",
            "agencies.list.x",
            "..%2f..%2fetc%2fpasswd",
            "agencies.list%00",
            "__proto__",
            "constructor.prototype",
            "a".repeat(3000),
            "agencies.list,users.me",
          ]);
          return { method: "GET", path: `/api/trpc/${odd}`, headers, label: `${label}odd path ${odd.slice(0, 40)}`, mutation: false };
        }
      }
    };

    for (let i = 0; i < HTTP_CASES; i++) {
      const c = makeCase(i);
      let res: Awaited<ReturnType<typeof rawRequest>>;
      try {
        res = await rawRequest(url, c).catch((err: NodeJS.ErrnoException) => {
          // A kept-alive socket the server closed just as it was reused fails the write (EPIPE,
          // ECONNRESET) before anything was read; clients send such a request again. Counted, and
          // a second failure (or any other error: a refused or dropped connection) is a failure.
          if ((err.code !== "EPIPE" && err.code !== "ECONNRESET") || c.path.length > 16_000) throw err;
          resent++;
          return rawRequest(url, c);
        });
      } catch (err) {
        tally.http++;
        // Node refuses request heads over 16 KiB (431) and closes at once: the client may see the reset first.
        if (c.path.length > 16_000 && (err as NodeJS.ErrnoException).code === "ECONNRESET") statuses.set(431, (statuses.get(431) ?? 0) + 1);
        else failures.push(`${c.label} -> connection error ${(err as Error).message}`);
        continue;
      }
      tally.http++;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) failures.push(`${c.label} -> ${res.status} ${res.body.slice(0, 300)}`);
      if (/\bat [^\s]+ \(?\/[^\s]+\.(?:ts|js):\d+/.test(res.body)) failures.push(`${c.label} -> a stack trace in the response`);
      if (res.status === 200 && c.mutation) {
        await settle();
        baseline = digest();
        seenVersion = version();
      } else if (version() !== seenVersion) {
        await settle();
        const now = digest();
        if (now !== baseline) failures.push(`${c.label} -> ${res.status} but the database changed`);
        baseline = now;
        seenVersion = version();
      }
    }
    watch.close();
    console.log(`tRPC fuzz over HTTP: ${HTTP_CASES} requests (${resent} sent again after a reset), statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
    expect(failures).toEqual([]);
    expect(resent, "requests sent again after a reset").toBeLessThanOrEqual(HTTP_CASES / 100);
    for (const s of [200, 400, 401, 403, 404, 405, 413]) expect(statuses.get(s) ?? 0, `status ${s}`).toBeGreaterThan(0);
  }, 300_000);
});
