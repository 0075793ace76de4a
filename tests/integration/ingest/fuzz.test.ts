// Hostile input over real HTTP: 1,500 malformed or replayed check-ins (seeded PRNG, so a failure
// reproduces), none answered with a 5xx and none changing stored data.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS, SOURCES } from "~/agent/shared/protocol";
import { type Api, rawRequest, startApi } from "./api-server";
import { databaseDigest } from "./digest";
import { E, enroll, freshDb, makeAgency, makeToken, report, send, T0, type Device, type TestDb } from "./helpers";
import { rng } from "../../support/rng";

const CASES = 1500;
const CHECKIN = "/api/agent/v1/checkin";

const WEIRD: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  NaN,
  2 ** 53,
  -(2 ** 63),
  "",
  " ",
  "x".repeat(LIMITS.stringLength + 1),
  "\u0000",
  "\ud800",
  "🙂".repeat(300),
  [],
  [null],
  {},
  { __proto__: { polluted: true } },
  { constructor: { prototype: { x: 1 } } },
  "2024-13-45T99:99:99Z",
  "1e309",
];

type Case = { headers: Record<string, string>; body: Buffer | string; label: string };

describe("fuzzing the check-in route", () => {
  let t: TestDb;
  let api: Api;
  let devices: Device[];
  beforeAll(async () => {
    t = freshDb();
    const agency = makeAgency(t.db);
    const token = makeToken(t.db, agency.id);
    devices = Array.from({ length: 4 }, (_, i) => enroll(t.db, token, { platform: i % 2 ? "windows" : "linux" }));
    // Each device has accepted history, so replays and reordering have something to collide with.
    for (const d of devices) {
      send(t.db, d, report(d, [E.keslPkg(), E.clamav()]), T0);
      send(t.db, d, report(d, [E.clamav()]), T0 + 1000);
    }
    api = await startApi(t.db);
  });
  afterAll(async () => {
    await api.close();
    t.close();
  });

  it(`${CASES} malformed, oversized, replayed or misdirected check-ins: no 5xx, no change`, async () => {
    const r = rng(20260105);
    const before = databaseDigest(t.db);
    const good = (d: Device) => ({ ...report({ ...d }, [E.keslPkg(), E.klif()], { seq: d.seq }) }) as Record<string, unknown>;
    const mutate = (obj: Record<string, unknown>): Record<string, unknown> => {
      const o = structuredClone(obj);
      const fields = ["deviceId", "seq", "collectedAt", "agentVersion", "hostname", "os", "catalogVersion", "collectors", "software"];
      switch (r.int(12)) {
        case 0: // wrong type for a top-level field
          o[r.pick(fields)] = r.pick(WEIRD);
          break;
        case 1: // missing field
          delete o[r.pick(fields)];
          break;
        case 2: // software entries with wrong types or unknown sources
          o.software = [{ source: r.pick([...SOURCES, "floppy", "", 7]), name: r.pick(WEIRD), version: r.pick(WEIRD) }];
          break;
        case 3: // too many entries
          o.software = Array.from({ length: LIMITS.softwareEntries + 1 + r.int(100) }, (_, i) => ({ source: "dpkg", name: `p${i}` }));
          break;
        case 4: // too many collectors, or collectors with wrong shapes
          o.collectors = r.chance(0.5) ? Array.from({ length: LIMITS.collectors + 1 }, () => ({ name: "dpkg", ok: true })) : [{ name: "dpkg", ok: "yes" }];
          break;
        case 5: // deep nesting
          {
            let deep: unknown = 1;
            for (let i = 0; i < 200 + r.int(5000); i++) deep = [deep];
            o[r.pick(fields)] = deep;
          }
          break;
        case 6: // seq out of range
          o.seq = r.pick([0, -5, 1.5, Number.MAX_SAFE_INTEGER + 2, "12", null]);
          break;
        case 7: // absurd dates
          o.collectedAt = r.pick(["2999-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "yesterday", "2024-02-30T00:00:00Z", 1700000000000]);
          break;
        case 8: // os garbage
          o.os = { platform: r.pick(["beos", "", null, "WINDOWS"]), name: 1, version: [], arch: {} };
          break;
        case 9: // overlong strings
          o[r.pick(["hostname", "agentVersion", "catalogVersion", "deviceId"])] = "h".repeat(300 + r.int(2000));
          break;
        case 10: // state with wrong types
          o.software = [{ source: "windows-security-center", name: "Defender", state: { enabled: "true", upToDate: 1 } }];
          break;
        default: // entry name empty / too long
          o.software = [{ source: "dpkg", name: r.chance(0.5) ? "" : "n".repeat(LIMITS.stringLength + 1 + r.int(100)) }];
      }
      return o;
    };
    const makeCase = (i: number): Case => {
      const d = r.pick(devices);
      const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${d.secret}` };
      const kind = r.int(14);
      if (kind <= 5) return { headers, body: JSON.stringify(mutate(good(d))), label: `${i}: mutated body` };
      if (kind === 6) return { headers, body: JSON.stringify(good(d)), label: `${i}: replay of the last accepted seq` };
      if (kind === 7) return { headers, body: JSON.stringify({ ...good(d), seq: d.seq - 1 - r.int(d.seq) }), label: `${i}: older seq` };
      if (kind === 8) {
        const other = devices.find((x) => x !== d)!;
        return { headers: { ...headers, authorization: `Bearer ${other.secret}` }, body: JSON.stringify({ ...good(d), seq: d.seq + 1 }), label: `${i}: another device's secret` };
      }
      if (kind === 9)
        return {
          headers: { ...headers, authorization: r.pick(["", "Bearer", "Basic abc", `Bearer ${d.secret}x`, `Bearer ${"a".repeat(300)}`]) },
          body: JSON.stringify({ ...good(d), seq: d.seq + 1 }),
          label: `${i}: bad authorization`,
        };
      if (kind === 10) {
        const text = JSON.stringify(good(d));
        const cut = text.slice(0, r.int(text.length));
        const bytes = Buffer.from(cut);
        if (r.chance(0.5) && bytes.length) bytes[r.int(bytes.length)] = 0xff; // invalid UTF-8
        return { headers, body: bytes, label: `${i}: truncated or invalid bytes` };
      }
      if (kind === 11)
        return {
          headers: { ...headers, "content-type": r.pick(["text/plain", "application/xml", "", "application/jsonx", "multipart/form-data"]) },
          body: JSON.stringify({ ...good(d), seq: d.seq + 1 }),
          label: `${i}: content type`,
        };
      if (kind === 12) {
        const payload = r.chance(0.3) ? Buffer.alloc(2 * LIMITS.bodyBytes + r.int(1000), 0x7b) : Buffer.from(JSON.stringify(mutate(good(d))));
        return { headers: { ...headers, "content-encoding": "gzip" }, body: r.chance(0.2) ? payload.subarray(0, 100) : gzipSync(payload), label: `${i}: gzip` };
      }
      return { headers, body: JSON.stringify(r.pick(WEIRD)), label: `${i}: not an object` };
    };

    const statuses = new Map<number, number>();
    const fivexx: string[] = [];
    for (let i = 0; i < CASES; i += 25) {
      const batch = Array.from({ length: Math.min(25, CASES - i) }, (_, k) => makeCase(i + k));
      const replies = await Promise.all(batch.map((c) => rawRequest(api.url, { path: CHECKIN, headers: c.headers, body: c.body })));
      replies.forEach((res, k) => {
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) fivexx.push(`${batch[k]!.label} -> ${res.status} ${res.body.slice(0, 200)}`);
        else if (res.status !== 200) expect((res.json as { error?: { code?: string } })?.error?.code, batch[k]!.label).toEqual(expect.any(String));
        else expect(res.json, batch[k]!.label).toMatchObject({ accepted: true, duplicate: true });
      });
    }
    expect(fivexx).toEqual([]);
    expect(databaseDigest(t.db)).toBe(before);
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(CASES);
    // The mix exercised every kind of rejection.
    for (const s of [200, 400, 401, 409, 413, 415]) expect(statuses.get(s) ?? 0, `status ${s}`).toBeGreaterThan(0);
  });
});
