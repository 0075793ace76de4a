// Enrollment over real HTTP: token checks (unknown, expired, exhausted, revoked), the device
// credential stored only as a hash, re-enrollment reusing the endpoint without deleting evidence or
// undoing an officer's revocation (takeover attempts wait for an officer or are refused), the salted
// hardware id, refused control characters, and the throttling and auditing of failed token guesses.
import { createHmac } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { admitEndpoint, revokeEndpoint } from "~/server/ingest/revoke";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { ALL } from "~/server/access/scope";
import { revokeToken } from "~/server/enrollment/tokens";
import { sha256Hex } from "~/server/lib/crypto";
import { readCounters } from "~/server/findings/counters";
import { type Api, postJson, startApi } from "./api-server";
import { freshDb, makeAgency, makeToken, report, type TestDb } from "./helpers";

const ENROLL = "/api/agent/v1/enroll";
const CHECKIN = "/api/agent/v1/checkin";
const body = (token: string, hardwareId = "a".repeat(64), hostname = "ws-001") => ({
  enrollToken: token,
  hostname,
  hardwareId,
  agentVersion: "1.0.0",
  os: { platform: "linux", name: "Debian GNU/Linux 12", version: "12", arch: "x64" },
});

let t: TestDb;
let api: Api;
beforeEach(async () => {
  t = freshDb();
  api = await startApi(t.db);
});
afterEach(async () => {
  await api.close();
  t.close();
});

const errorCode = (json: unknown) => (json as { error?: { code?: string } }).error?.code;

describe("enrollment", () => {
  it("creates the endpoint in the token's agency and stores only a hash of the secret", async () => {
    const agency = makeAgency(t.db);
    const token = makeToken(t.db, agency.id);
    const res = await postJson(api.url, ENROLL, body(token));
    expect(res.status).toBe(201);
    const r = res.json as { deviceId: string; deviceSecret: string; checkinIntervalSeconds: number };
    expect(r.deviceId).toMatch(/^dev_[a-z2-7]{20}$/);
    expect(r.deviceSecret.length).toBeGreaterThanOrEqual(40);
    expect(r.checkinIntervalSeconds).toBeGreaterThan(0);
    const ep = t.db.$client.prepare("select * from endpoints where device_id = ?").get(r.deviceId) as Record<string, unknown>;
    expect(ep.agency_id).toBe(agency.id);
    expect(ep.state).toBe("never-reported");
    expect(ep.secret_hash).toBe(sha256Hex(r.deviceSecret));
    // The secret itself is nowhere in the database.
    const dump = JSON.stringify(t.db.$client.prepare("select * from endpoints").all()) + JSON.stringify(t.db.$client.prepare("select * from audit_log").all());
    expect(dump).not.toContain(r.deviceSecret);
    const tok = t.db.$client.prepare("select uses, last_used_at from enrollment_tokens").get() as { uses: number; last_used_at: number };
    expect(tok.uses).toBe(1);
    const audit = t.db.$client.prepare("select actor, ip, agency_id from audit_log where action = 'endpoint.enroll'").get() as Record<string, unknown>;
    expect(audit).toMatchObject({ actor: `agent:${r.deviceId}`, ip: "127.0.0.1", agency_id: agency.id });
    expect(readCounters(t.db).get(agency.id)).toMatchObject({ endpoints: 1, neverReported: 1 });
  });

  it("answers 401 token_invalid for an unknown token", async () => {
    const res = await postJson(api.url, ENROLL, body("mst_enr_doesnotexist"));
    expect(res.status).toBe(401);
    expect(errorCode(res.json)).toBe("token_invalid");
  });

  it("answers 403 token_expired once the token's expiry has passed", async () => {
    const agency = makeAgency(t.db);
    const token = makeToken(t.db, agency.id);
    t.db.$client.prepare("update enrollment_tokens set expires_at = ?").run(Date.now() - 1000);
    const res = await postJson(api.url, ENROLL, body(token));
    expect(res.status).toBe(403);
    expect(errorCode(res.json)).toBe("token_expired");
    expect(t.db.$client.prepare("select count(*) as n from endpoints").get()).toEqual({ n: 0 });
  });

  it("answers 403 token_exhausted when the token's uses are spent", async () => {
    const agency = makeAgency(t.db);
    const token = makeToken(t.db, agency.id, { maxUses: 2 });
    expect((await postJson(api.url, ENROLL, body(token, "1".repeat(64)))).status).toBe(201);
    expect((await postJson(api.url, ENROLL, body(token, "2".repeat(64)))).status).toBe(201);
    const res = await postJson(api.url, ENROLL, body(token, "3".repeat(64)));
    expect(res.status).toBe(403);
    expect(errorCode(res.json)).toBe("token_exhausted");
    expect(t.db.$client.prepare("select count(*) as n from endpoints").get()).toEqual({ n: 2 });
  });

  it("answers 403 token_revoked for a revoked token", async () => {
    const agency = makeAgency(t.db);
    const token = makeToken(t.db, agency.id);
    const id = (t.db.$client.prepare("select id from enrollment_tokens").get() as { id: number }).id;
    revokeToken(t.db, SYSTEM_ACTOR, ALL, id);
    const res = await postJson(api.url, ENROLL, body(token));
    expect(res.status).toBe(403);
    expect(errorCode(res.json)).toBe("token_revoked");
  });

  it("re-enrolling from the machine itself (old credential proven) reuses the endpoint, rotates the secret, and keeps every earlier check-in", async () => {
    const agency = makeAgency(t.db);
    const token = makeToken(t.db, agency.id);
    const first = (await postJson(api.url, ENROLL, body(token))).json as { deviceId: string; deviceSecret: string };
    const dev = { deviceId: first.deviceId, secret: first.deviceSecret, endpointId: 0, platform: "linux" as const, seq: 0 };
    for (let i = 0; i < 3; i++) {
      expect((await postJson(api.url, CHECKIN, report(dev, []), { authorization: `Bearer ${first.deviceSecret}` })).status).toBe(200);
    }
    const again = { ...body(token, undefined, "ws-001-renamed"), previous: { deviceId: first.deviceId, deviceSecret: first.deviceSecret } };
    const second = (await postJson(api.url, ENROLL, again)).json as { deviceId: string; deviceSecret: string; pending?: boolean };
    expect(second.deviceId).toBe(first.deviceId);
    expect(second.deviceSecret).not.toBe(first.deviceSecret);
    expect(second.pending).toBeUndefined();
    expect(t.db.$client.prepare("select count(*) as n, max(last_seq) as seq, max(hostname) as h, max(enrollment) as e from endpoints").get()).toEqual({ n: 1, seq: 0, h: "ws-001-renamed", e: 2 });
    // The old secret no longer works; the new one starts again at seq 1, beside the earlier check-ins.
    dev.seq = 0;
    expect((await postJson(api.url, CHECKIN, report(dev, []), { authorization: `Bearer ${first.deviceSecret}` })).status).toBe(401);
    expect((await postJson(api.url, CHECKIN, report(dev, [], { seq: 1 }), { authorization: `Bearer ${second.deviceSecret}` })).status).toBe(200);
    expect(t.db.$client.prepare("select enrollment, seq from checkins order by enrollment, seq").all()).toEqual([
      { enrollment: 1, seq: 1 },
      { enrollment: 1, seq: 2 },
      { enrollment: 1, seq: 3 },
      { enrollment: 2, seq: 1 },
    ]);
    expect(readCounters(t.db).get(agency.id)).toMatchObject({ endpoints: 1 });
    // Another agency's token makes a distinct endpoint for the same hardware.
    const other = makeAgency(t.db);
    const third = (await postJson(api.url, ENROLL, body(makeToken(t.db, other.id)))).json as { deviceId: string };
    expect(third.deviceId).not.toBe(first.deviceId);
  });

  it("a machine that reported recently cannot be taken over with a token and its hardware id: the attempt waits for an officer, the machine keeps reporting", async () => {
    const agency = makeAgency(t.db);
    const token = makeToken(t.db, agency.id);
    const genuine = (await postJson(api.url, ENROLL, body(token))).json as { deviceId: string; deviceSecret: string };
    const dev = { deviceId: genuine.deviceId, secret: genuine.deviceSecret, endpointId: 0, platform: "linux" as const, seq: 0 };
    expect((await postJson(api.url, CHECKIN, report(dev, []), { authorization: `Bearer ${genuine.deviceSecret}` })).status).toBe(200);

    // Someone with a valid token and the (readable) machine id, without the credential.
    const res = await postJson(api.url, ENROLL, body(token, undefined, "ws-001-clone"));
    expect(res.status).toBe(201);
    const thief = res.json as { deviceId: string; deviceSecret: string; pending?: boolean; message?: string };
    expect(thief.pending).toBe(true);
    expect(thief.message).toContain("possible clone or takeover");
    const clone = { ...dev, seq: 0 };
    expect((await postJson(api.url, CHECKIN, report(clone, [], { seq: 1 }), { authorization: `Bearer ${thief.deviceSecret}` })).status).toBe(401);
    expect((await postJson(api.url, CHECKIN, report(dev, []), { authorization: `Bearer ${genuine.deviceSecret}` })).status).toBe(200);
    const ep = t.db.$client.prepare("select id, hostname, enrollment, pending_at from endpoints").get() as { id: number; hostname: string; enrollment: number; pending_at: number };
    expect(ep.hostname).not.toBe("ws-001-clone"); // the impostor's claims change nothing
    expect(ep.enrollment).toBe(1);
    expect(ep.pending_at).toBeGreaterThan(0);
    // The officer sees it on the endpoint's timeline.
    const ev = t.db.$client.prepare("select kind, version from endpoint_events where endpoint_id = ?").all(ep.id);
    expect(ev).toEqual([{ kind: "re-enrolled", version: "pending · as ws-001-clone" }]);
    // Only an officer's admission makes the new credential the machine's.
    admitEndpoint(t.db, SYSTEM_ACTOR, ALL, ep.id);
    expect((await postJson(api.url, CHECKIN, report(dev, []), { authorization: `Bearer ${genuine.deviceSecret}` })).status).toBe(401);
    expect((await postJson(api.url, CHECKIN, report(clone, [], { seq: 1 }), { authorization: `Bearer ${thief.deviceSecret}` })).status).toBe(200);
    expect(t.db.$client.prepare("select count(*) as n from checkins").get()).toEqual({ n: 3 });
    expect(t.db.$client.prepare("select count(*) as n from audit_log where action = 'endpoint.admit'").get()).toEqual({ n: 1 });
  });

  it("with MUSTER_REENROLL=credential, re-enrolling a recently reporting machine without its credential is refused (and still on its timeline)", async () => {
    process.env.MUSTER_REENROLL = "credential";
    try {
      const agency = makeAgency(t.db);
      const token = makeToken(t.db, agency.id);
      const genuine = (await postJson(api.url, ENROLL, body(token))).json as { deviceId: string; deviceSecret: string };
      const dev = { deviceId: genuine.deviceId, secret: genuine.deviceSecret, endpointId: 0, platform: "linux" as const, seq: 0 };
      expect((await postJson(api.url, CHECKIN, report(dev, []), { authorization: `Bearer ${genuine.deviceSecret}` })).status).toBe(200);
      const res = await postJson(api.url, ENROLL, body(token));
      expect(res.status).toBe(403);
      expect(errorCode(res.json)).toBe("reenroll_refused");
      expect(t.db.$client.prepare("select kind, version from endpoint_events").all()).toEqual([{ kind: "re-enrolled", version: "refused · as ws-001" }]);
      expect(t.db.$client.prepare("select count(*) as n from audit_log where action = 'endpoint.enroll_refused'").get()).toEqual({ n: 1 });
      // The machine itself, with its credential, may.
      const own = await postJson(api.url, ENROLL, { ...body(token), previous: { deviceId: genuine.deviceId, deviceSecret: genuine.deviceSecret } });
      expect(own.status).toBe(201);
      expect((own.json as { pending?: boolean }).pending).toBeUndefined();
    } finally {
      delete process.env.MUSTER_REENROLL;
    }
  });

  it("a revoked endpoint stays revoked when it enrolls again, until an officer re-admits it", async () => {
    const agency = makeAgency(t.db);
    const token = makeToken(t.db, agency.id);
    const first = (await postJson(api.url, ENROLL, body(token))).json as { deviceId: string; deviceSecret: string };
    const id = (t.db.$client.prepare("select id from endpoints").get() as { id: number }).id;
    revokeEndpoint(t.db, SYSTEM_ACTOR, ALL, id);
    const again = await postJson(api.url, ENROLL, { ...body(token), previous: { deviceId: first.deviceId, deviceSecret: first.deviceSecret } });
    expect(again.status).toBe(201);
    const r = again.json as { deviceSecret: string; pending?: boolean; message?: string };
    expect(r.pending).toBe(true);
    expect(r.message).toContain("revoked by an officer");
    const dev = { deviceId: first.deviceId, secret: r.deviceSecret, endpointId: id, platform: "linux" as const, seq: 0 };
    expect((await postJson(api.url, CHECKIN, report(dev, []), { authorization: `Bearer ${r.deviceSecret}` })).status).toBe(401);
    expect(t.db.$client.prepare("select revoked_at is not null as revoked from endpoints").get()).toEqual({ revoked: 1 });
    admitEndpoint(t.db, SYSTEM_ACTOR, ALL, id);
    dev.seq = 0;
    expect((await postJson(api.url, CHECKIN, report(dev, []), { authorization: `Bearer ${r.deviceSecret}` })).status).toBe(200);
  });

  it("stores the hardware id keyed with a secret of this deployment, never as sent", async () => {
    const agency = makeAgency(t.db);
    const sent = "b".repeat(64);
    expect((await postJson(api.url, ENROLL, body(makeToken(t.db, agency.id), sent))).status).toBe(201);
    const stored = (t.db.$client.prepare("select hardware_id as h from endpoints").get() as { h: string }).h;
    const salt = (t.db.$client.prepare("select value from settings where key = 'hardware_id_salt'").get() as { value: string }).value;
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toBe(sent);
    expect(stored).toBe(createHmac("sha256", salt).update(sent).digest("hex"));
  });

  it("refuses control characters in identity fields with a precise 400, and keeps bidi or zero-width ones as sent", async () => {
    const agency = makeAgency(t.db);
    const token = makeToken(t.db, agency.id);
    for (const [field, value] of [
      ["hostname", "ws-01\u0000evil"],
      ["hostname", "ws\u0085"],
      ["hardwareId", `${"c".repeat(64)}\u001b`],
    ] as const) {
      const res = await postJson(api.url, ENROLL, { ...body(token, "d".repeat(64)), [field]: value });
      expect(res.status).toBe(400);
      const issues = (res.json as { error: { details: { issues: { path: string; message: string }[] } } }).error.details.issues;
      expect(issues[0]!.path).toBe(field);
      expect(issues[0]!.message).toMatch(/^contains the control character U\+00(00|85|1B) at position \d+: identity fields must be printable text$/);
    }
    const os = await postJson(api.url, ENROLL, { ...body(token, "d".repeat(64)), os: { platform: "linux", name: "Debian\u0007", version: "12", arch: "x64" } });
    expect(os.status).toBe(400);
    expect(t.db.$client.prepare("select count(*) as n from endpoints").get()).toEqual({ n: 0 });
    const bidi = await postJson(api.url, ENROLL, body(token, "d".repeat(64), "ws-01\u202egpj.exe\u200b"));
    expect(bidi.status).toBe(201);
    expect(t.db.$client.prepare("select hostname from endpoints").get()).toEqual({ hostname: "ws-01\u202egpj.exe\u200b" });
  });

  it("throttles failed token guesses per address (429 + Retry-After, even for a valid token) and audits them sparingly", async () => {
    const agency = makeAgency(t.db);
    const token = makeToken(t.db, agency.id);
    for (let i = 0; i < 10; i++) {
      const res = await postJson(api.url, ENROLL, body(`mst_enr_guess${i}`));
      expect(res.status).toBe(401);
    }
    const blocked = await postJson(api.url, ENROLL, body(token));
    expect(blocked.status).toBe(429);
    expect(errorCode(blocked.json)).toBe("rate_limited");
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    const audits = t.db.$client.prepare("select actor, ip, details from audit_log where action = 'enroll.rejected'").all() as { ip: string; details: string }[];
    expect(audits.length).toBe(1);
    expect(audits[0]!.ip).toBe("127.0.0.1");
    expect(JSON.parse(audits[0]!.details)).toMatchObject({ reason: "token_invalid" });
  });

  it("rejects malformed enrollment requests with 400 and the offending fields", async () => {
    const res = await postJson(api.url, ENROLL, { enrollToken: "x", hostname: "", hardwareId: "short", agentVersion: 1, os: { platform: "beos" } });
    expect(res.status).toBe(400);
    const details = (res.json as { error: { code: string; details: { issues: { path: string }[] } } }).error;
    expect(details.code).toBe("invalid_body");
    const paths = details.details.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["hostname", "hardwareId", "agentVersion", "os.platform"]));
  });
});
