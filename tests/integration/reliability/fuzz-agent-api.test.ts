// Hostile input against every agent API route of the real server (custom server in front of the
// production build): 4,500 requests (seeded PRNG) to enroll, check-in, catalog and the paths around
// them: mutated and truncated bodies, wrong types, missing and extra fields, huge strings and
// arrays, deep nesting, invalid UTF-8, wrong content types and encodings, gzip bombs, oversized and
// chunked bodies, replayed and reordered seq, other devices' ids and secrets, revoked devices,
// unknown, expired, revoked and used-up enrollment tokens, wrong methods and paths. Between rounds
// the devices move on with genuine reports, so replays and reordering meet a changing state.
// None may be answered with a 5xx, and none that is refused may change stored data (the audit
// entries of refused enrollments are the only writes allowed: guessing tokens is audited).
import http from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS, SOURCES } from "~/agent/shared/protocol";
import { ALL } from "~/server/access/scope";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { createToken, revokeToken } from "~/server/enrollment/tokens";
import { revokeEndpoint } from "~/server/ingest/revoke";
import { secondConnection } from "../../support/second-connection";
import { type RunningServer, startServer } from "../../support/server";
import { rawRequest, type RawResponse } from "../ingest/api-server";
import { E, enroll, freshDb, makeAgency, makeToken, report, type Device, type TestDb } from "../ingest/helpers";
import { HOSTILE_TEXT, rng, WEIRD } from "./fuzz";
import { tableDigest } from "./support";

const CASES = 4500;
const BATCH = 25;
const V1 = "/api/agent/v1/";
const DEEP_MARK = "\u0001deep\u0001";

let t: TestDb;
let server: RunningServer;
let devices: Device[];
let revokedDevice: Device;
const tokens = { valid: "", expired: "", revoked: "", exhausted: "" };

beforeAll(async () => {
  t = freshDb();
  const a = makeAgency(t.db, "FZ-A");
  const b = makeAgency(t.db, "FZ-B");
  devices = [a, b, a, b, a, b].map((ag, i) => enroll(t.db, makeToken(t.db, ag.id), { platform: i % 3 === 0 ? "windows" : "linux", now: Date.now() }));
  revokedDevice = enroll(t.db, makeToken(t.db, a.id), { now: Date.now() });
  revokeEndpoint(t.db, SYSTEM_ACTOR, ALL, revokedDevice.endpointId);
  tokens.valid = makeToken(t.db, a.id);
  tokens.expired = createToken(t.db, SYSTEM_ACTOR, ALL, { agencyId: b.id, expiresInMs: 1 }).token;
  const revoked = createToken(t.db, SYSTEM_ACTOR, ALL, { agencyId: b.id });
  revokeToken(t.db, SYSTEM_ACTOR, ALL, revoked.row.id);
  tokens.revoked = revoked.token;
  tokens.exhausted = makeToken(t.db, b.id, { maxUses: 1 });
  enroll(t.db, tokens.exhausted, { now: Date.now() });
  server = await startServer({
    databasePath: t.file,
    // Rate limits would answer most of this with 429 before the validation is reached; they have their own tests.
    env: { MUSTER_DEVICE_BURST: "0", MUSTER_ENROLL_FAILURES_PER_MIN: "1000000" },
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  t?.close();
});

const fresh = (d: Device, seq: number, software = [E.keslPkg(), E.clamav()]) => report({ ...d }, software, { seq, collectedAt: Date.now() }) as unknown as Record<string, unknown>;

function chunked(url: string, p: string, headers: Record<string, string>, chunks: number): Promise<number> {
  return new Promise((resolve) => {
    const u = new URL(p, url);
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", () => resolve(-1)); // the server closed the connection after answering 413
    for (let i = 0; i < chunks; i++) req.write(Buffer.alloc(64 * 1024, 0x20));
    req.end();
  });
}

describe("agent API fuzz (real server)", () => {
  it(`${CASES} hostile requests: no 5xx, no change when refused`, async () => {
    const r = rng(20170913);
    // Every device has accepted history: seq 1 and 2.
    for (const d of devices) {
      for (const seq of [1, 2]) {
        const res = await rawRequest(server.url, { path: `${V1}checkin`, headers: { "content-type": "application/json", authorization: `Bearer ${d.secret}` }, body: JSON.stringify(fresh(d, seq)) });
        expect(res.status, res.body).toBe(200);
        d.seq = seq;
      }
    }
    const watch = secondConnection(t.file).$client;
    // The maintenance loop's notification watermark (notify_agency_watch) moves on its own schedule,
    // whatever the requests do; it is bookkeeping, not stored evidence.
    const digest = () => tableDigest(watch, (table, row) => (table === "audit_log" && row.action === "enroll.rejected") || table === "notify_agency_watch");
    let baseline = digest();

    const mutate = (o: Record<string, unknown>): { body: Record<string, unknown>; what: string } => {
      const fields = ["deviceId", "seq", "collectedAt", "agentVersion", "hostname", "os", "catalogVersion", "collectors", "software"];
      const f = r.pick(fields);
      switch (r.int(12)) {
        case 0:
          o[f] = r.pick(WEIRD);
          return { body: o, what: `wrong type for ${f}` };
        case 1:
          delete o[f];
          return { body: o, what: `missing ${f}` };
        case 2:
          o.software = [{ source: r.pick([...SOURCES, "floppy", "", 7]), name: r.pick(WEIRD), version: r.pick(WEIRD), state: r.pick(WEIRD) }];
          return { body: o, what: "odd software entry" };
        case 3:
          o.software = Array.from({ length: LIMITS.softwareEntries + 1 + r.int(3000) }, (_, i) => ({ source: "dpkg", name: `p${i}` }));
          return { body: o, what: "too many entries" };
        case 4:
          // Spliced in as text by toJson (deeper than JSON.stringify can recurse here).
          o[f] = DEEP_MARK;
          return { body: o, what: `deep nesting in ${f}` };
        case 5:
          o[r.pick(["hostname", "agentVersion", "catalogVersion", "deviceId"])] = "h".repeat(LIMITS.stringLength + r.int(200_000));
          return { body: o, what: "huge string" };
        case 6:
          o.seq = r.pick([0, -5, 1.5, Number.MAX_SAFE_INTEGER + 2, "12", null, 1e308]);
          return { body: o, what: "seq out of range" };
        case 7:
          o.collectedAt = r.pick(["2999-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "yesterday", "2024-02-30T00:00:00Z", 1700000000000, "2024-01-01T00:00:00+99:00"]);
          return { body: o, what: "absurd collectedAt" };
        case 8:
          Object.assign(o, { extra: { nested: [1, 2, 3] }, __proto__: { polluted: true }, constructor: { prototype: { x: 1 } } });
          return { body: o, what: "extra and prototype fields" };
        case 9:
          o.software = [{ source: "dpkg", name: r.pick(["\ud800", "a\u0000b", "\u202e", "🙂".repeat(600), ...HOSTILE_TEXT]), publisher: r.pick(HOSTILE_TEXT) }];
          return { body: o, what: "odd Unicode in an entry" };
        case 10: {
          // Identity fields with controls are refused (400); bidi and zero-width ones are stored as sent.
          const field = r.pick(["hostname", "agentVersion", "catalogVersion", "deviceId", "os"]);
          const text = r.pick(HOSTILE_TEXT);
          if (field === "os") o.os = { ...(o.os as object), [r.pick(["name", "version", "arch"])]: text };
          else o[field] = `${String(o[field] ?? "")}${text}`;
          return { body: o, what: `hostile characters in ${field}` };
        }
        default:
          o.collectors = r.chance(0.5) ? Array.from({ length: LIMITS.collectors + 1 }, () => ({ name: "dpkg", ok: true })) : [{ name: "dpkg", ok: "yes" }];
          return { body: o, what: "collectors" };
      }
    };

    const toJson = (body: unknown): string => {
      const text = JSON.stringify(body);
      if (!text?.includes(DEEP_MARK)) return text;
      const n = 100 + r.int(20_000);
      const [open, close] = r.chance(0.5) ? ["[", "]"] : ['{"x":', "}"];
      return text.replace(`"${DEEP_MARK}"`, `${open.repeat(n)}1${close.repeat(n)}`);
    };
    type Case = { method?: string; path: string; headers: Record<string, string>; body?: Buffer | string; label: string; chunks?: number };
    const enrollBody = () => ({
      enrollToken: tokens.valid,
      hostname: `fz-${r.int(1e6)}`,
      hardwareId: `hw-fuzz-${r.int(1e9)}`,
      agentVersion: "1.0.0",
      os: { platform: "linux", name: "Debian", version: "12", arch: "x64" },
    });
    const makeCase = (i: number): Case => {
      const d = r.pick(devices);
      const json = { "content-type": "application/json", authorization: `Bearer ${d.secret}` };
      const kind = r.int(24);
      const label = `#${i} `;
      if (kind < 7) {
        const m = mutate(fresh(d, d.seq));
        return { path: `${V1}checkin`, headers: json, body: toJson(m.body), label: `${label}check-in: ${m.what}` };
      }
      if (kind === 7) return { path: `${V1}checkin`, headers: json, body: JSON.stringify(fresh(d, d.seq)), label: `${label}replay of the last seq` };
      if (kind === 8) return { path: `${V1}checkin`, headers: json, body: JSON.stringify(fresh(d, 1 + r.int(d.seq - 1))), label: `${label}older seq` };
      if (kind === 9) {
        const other = r.pick(devices.filter((x) => x !== d));
        const body = JSON.stringify(fresh(other, other.seq + 1));
        return r.chance(0.5)
          ? { path: `${V1}checkin`, headers: json, body, label: `${label}another device's id with my secret` }
          : { path: `${V1}checkin`, headers: { ...json, authorization: `Bearer ${revokedDevice.secret}` }, body: JSON.stringify(fresh(revokedDevice, 5)), label: `${label}revoked device` };
      }
      if (kind === 10) {
        const auth = r.pick([
          "",
          "Bearer",
          "Bearer ",
          "Basic Zm9vOmJhcg==",
          `Bearer ${d.secret}x`,
          `bearer ${d.secret}`,
          `Bearer ${"a".repeat(300)}`,
          `Bearer ${d.secret.slice(0, -1)}`,
          "Bearer \u00ff\u00fe",
        ]);
        return { path: `${V1}checkin`, headers: { ...json, authorization: auth }, body: JSON.stringify(fresh(d, d.seq + 1)), label: `${label}authorization ${JSON.stringify(auth.slice(0, 20))}` };
      }
      if (kind === 11) {
        const bytes = Buffer.from(JSON.stringify(fresh(d, d.seq + 1)));
        const cut = bytes.subarray(0, r.int(bytes.length));
        if (r.chance(0.6) && cut.length) cut[r.int(cut.length)] = r.pick([0xff, 0xc0, 0xed, 0x80]);
        return { path: `${V1}checkin`, headers: json, body: cut, label: `${label}truncated or invalid UTF-8` };
      }
      if (kind === 12) {
        const type = r.pick(["text/plain", "application/xml", "", "application/jsonx", "multipart/form-data", "application/json; charset=utf-16", "APPLICATION/JSON"]);
        return { path: `${V1}checkin`, headers: { ...json, "content-type": type }, body: JSON.stringify(fresh(d, d.seq)), label: `${label}content type ${type}` };
      }
      if (kind === 13) {
        const bomb = r.chance(0.4);
        const payload = bomb ? Buffer.alloc(LIMITS.bodyBytes * (2 + r.int(60)), r.chance(0.5) ? 0x20 : 0x7b) : Buffer.from(toJson(mutate(fresh(d, d.seq)).body));
        const enc = r.pick(["gzip", "x-gzip", "gzip, gzip", "deflate", "br", "identity", "GZIP"]);
        return {
          path: `${V1}checkin`,
          headers: { ...json, "content-encoding": enc },
          body: r.chance(0.15) ? payload.subarray(0, 64) : gzipSync(payload),
          label: `${label}${bomb ? "gzip bomb" : "compressed"} as ${enc}`,
        };
      }
      if (kind === 14) return { path: `${V1}checkin`, headers: json, body: Buffer.alloc(LIMITS.bodyBytes + 1 + r.int(3 * LIMITS.bodyBytes), 0x20), label: `${label}oversized body` };
      if (kind === 15) return { path: `${V1}checkin`, headers: json, label: `${label}chunked oversized body`, chunks: 18 + r.int(10) };
      if (kind === 16) return { path: `${V1}checkin`, headers: json, body: JSON.stringify(r.pick(WEIRD)), label: `${label}not an object` };
      if (kind === 17 || kind === 18) {
        const token = r.pick([tokens.expired, tokens.revoked, tokens.exhausted, `mst_enr_${r.int(1e9)}`, "", "x".repeat(300), tokens.valid.slice(0, -1)]);
        const body = { ...enrollBody(), enrollToken: token };
        const m = r.chance(0.5) ? mutate(body as unknown as Record<string, unknown>) : { body, what: "as is" };
        return { path: `${V1}enroll`, headers: { "content-type": "application/json" }, body: toJson(m.body), label: `${label}enroll with a bad token (${m.what})` };
      }
      if (kind === 19) {
        // A valid token with a body that can never be valid: nothing may be created.
        const body = enrollBody() as Record<string, unknown>;
        const broken = r.pick<[string, unknown]>([
          ["hardwareId", "short"],
          ["os", { platform: "beos" }],
          ["hostname", ""],
          ["agentVersion", 7],
          ["enrollToken", null],
        ]);
        body[broken[0]] = broken[1];
        return { path: `${V1}enroll`, headers: { "content-type": r.pick(["application/json", "text/plain"]) }, body: JSON.stringify(body), label: `${label}enroll, valid token, invalid ${broken[0]}` };
      }
      if (kind === 20) {
        const inm = r.pick(['"0000"', "*", 'W/"x"', "", "\u00ff", "a".repeat(5000)]);
        return {
          method: r.pick(["GET", "HEAD"]),
          path: `${V1}catalog${r.pick(["", "?v=1", "/", "?x=%ZZ"])}`,
          headers: { "if-none-match": inm, "accept-encoding": r.pick(["gzip", "br", "", "*"]) },
          label: `${label}catalog`,
        };
      }
      if (kind === 21) {
        const route = r.pick(["enroll", "checkin", "catalog"]);
        return {
          method: r.pick(["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]),
          path: `${V1}${route}`,
          headers: json,
          body: r.chance(0.5) ? "{}" : undefined,
          label: `${label}method on ${route}`,
        };
      }
      const odd = r.pick(["nope", "", "checkin/extra", "..%2f..%2fetc%2fpasswd", "__proto__", "constructor", "checkin%00", "CHECKIN", "checkin?seq=1", "%E0%A4%A"]);
      return { method: r.pick(["GET", "POST"]), path: r.chance(0.2) ? `/api/agent/v2/${odd}` : `${V1}${odd}`, headers: json, body: "{}", label: `${label}path ${odd}` };
    };

    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let done = 0;
    while (done < CASES) {
      const batch = Array.from({ length: Math.min(BATCH, CASES - done) }, (_, k) => makeCase(done + k));
      const replies = await Promise.all(batch.map((c): Promise<RawResponse | number> => (c.chunks ? chunked(server.url, c.path, c.headers, c.chunks) : rawRequest(server.url, c).catch(() => -1))));
      replies.forEach((res, k) => {
        const c = batch[k]!;
        const status = typeof res === "number" ? res : res.status;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500 || status === -1) failures.push(`${c.label} -> ${status} ${typeof res === "number" ? "" : res.body.slice(0, 200)}`);
        if (typeof res !== "number" && res.status >= 400 && c.method !== "HEAD") {
          const code = (res.json as { error?: { code?: unknown } } | undefined)?.error?.code;
          if (typeof code !== "string") failures.push(`${c.label} -> ${res.status} without a protocol error body`);
        }
        if (typeof res !== "number" && res.headers["x-content-type-options"] !== "nosniff") failures.push(`${c.label} -> no nosniff header`);
      });
      done += batch.length;
      const now = digest();
      if (now !== baseline) failures.push(`cases ${done - batch.length}..${done - 1} changed stored data`);
      // Devices move on with genuine reports: the next replays and reorderings meet a new state.
      if ((done / BATCH) % 8 === 0) {
        for (const d of devices) {
          const software = r.pick([[E.keslPkg()], [E.clamav()], [E.keslPkg(), E.mdatp()], []]);
          const res = await rawRequest(server.url, {
            path: `${V1}checkin`,
            headers: { "content-type": "application/json", authorization: `Bearer ${d.secret}` },
            body: JSON.stringify(fresh(d, d.seq + 1, software)),
          });
          expect(res.status, res.body).toBe(200);
          d.seq += 1;
        }
      }
      baseline = digest();
    }
    const rejectedEnrolls = (watch.prepare("select count(*) as n from audit_log where action = 'enroll.rejected'").get() as { n: number }).n;
    watch.close();
    console.log(
      `agent API fuzz: ${CASES} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; ${rejectedEnrolls} audit entries for refused enrollments`,
    );
    expect(failures).toEqual([]);
    for (const s of [200, 304, 400, 401, 403, 404, 405, 409, 413, 415]) expect(statuses.get(s) ?? 0, `status ${s}`).toBeGreaterThan(0);
    expect(rejectedEnrolls).toBeGreaterThan(0);
    // Still serving: a genuine report goes through at the end.
    const d = devices[0]!;
    const ok = await rawRequest(server.url, { path: `${V1}checkin`, headers: { "content-type": "application/json", authorization: `Bearer ${d.secret}` }, body: JSON.stringify(fresh(d, d.seq + 1)) });
    expect(ok.status).toBe(200);
  }, 300_000);
});
