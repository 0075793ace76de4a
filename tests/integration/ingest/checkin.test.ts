// Check-in semantics on a real database: authentication, sequence handling, observations with
// history (failed collectors, upgrades, removals, reinstalls, remnants), findings and states.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { ALL } from "~/server/access/scope";
import { isPostgres } from "~/server/db/client";
import { checkCounters } from "~/server/findings/counters";
import { revokeEndpoint } from "~/server/ingest/revoke";
import { type Api, postJson, startApi } from "./api-server";
import { activate, DAY, E, endpoint, enroll, events, findings, freshDb, HOUR, makeAgency, makeToken, report, send, T0, type Device, type TestDb } from "./helpers";

let t: TestDb;
let token: string;
let agencyId: number;
beforeEach(() => {
  t = freshDb();
  agencyId = makeAgency(t.db).id;
  token = makeToken(t.db, agencyId);
});
afterEach(() => {
  try {
    expect(checkCounters(t.db)).toEqual([]);
  } finally {
    t.close();
  }
});

const obs = (db: TestDb["db"], endpointId: number) =>
  db.$client
    .prepare(
      "select s.name, s.version, o.removed_at, o.reinstalls, o.first_seen_at, o.last_seen_at from observations o join software s on s.id = o.software_id where o.endpoint_id = ? order by s.name",
    )
    .all(endpointId) as { name: string; version: string; removed_at: number | null; reinstalls: number; last_seen_at: number | null }[];

describe("authentication and sequence (over HTTP)", () => {
  let api: Api;
  let dev: Device;
  const CHECKIN = "/api/agent/v1/checkin";
  beforeEach(async () => {
    api = await startApi(t.db);
    dev = enroll(t.db, token);
  });
  afterEach(() => api.close());
  const post = (body: unknown, secret: string | null) => postJson(api.url, CHECKIN, body, secret === null ? {} : { authorization: `Bearer ${secret}` });

  it("accepts a valid report and answers per the protocol", async () => {
    const res = await post(report(dev, [E.clamav()]), dev.secret);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ accepted: true, nextCheckinSeconds: expect.any(Number), catalogVersion: expect.any(String) });
    expect((res.json as { duplicate?: boolean }).duplicate).toBeUndefined();
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(endpoint(t.db, dev.endpointId)).toMatchObject({ last_seq: 1, state: "clean" });
  });

  it("refuses a wrong secret, a missing one, and another device's secret with the same 401", async () => {
    const other = enroll(t.db, token);
    const wrong = await post(report(dev, [E.keslPkg()], { seq: 1 }), "mst_dev_wrong");
    const missing = await post(report(dev, [E.keslPkg()], { seq: 1 }), null);
    const crossed = await post(report(dev, [E.keslPkg()], { seq: 1 }), other.secret); // deviceId mismatch
    const unknown = await post({ ...report(dev, [], { seq: 1 }), deviceId: "dev_doesnotexist0000000" }, dev.secret);
    for (const r of [wrong, missing, crossed, unknown]) {
      expect(r.status).toBe(401);
      expect(r.json).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    }
    expect(new Set([wrong, crossed, unknown].map((r) => (r.json as { error: { message: string } }).error.message)).size).toBe(1);
    expect(endpoint(t.db, dev.endpointId)).toMatchObject({ last_seq: 0, state: "never-reported" });
    expect(t.db.$client.prepare("select count(*) as n from observations").get()).toEqual({ n: 0 });
  });

  it("acknowledges a re-sent seq as a duplicate without changing anything, and rejects an older seq with 409", async () => {
    expect((await post(report(dev, [E.clamav()], { seq: 5 }), dev.secret)).status).toBe(200);
    const before = JSON.stringify([endpoint(t.db, dev.endpointId), obs(t.db, dev.endpointId), t.db.$client.prepare("select * from checkins").all()]);
    const dup = await post(report(dev, [E.keslPkg()], { seq: 5 }), dev.secret);
    expect(dup.status).toBe(200);
    expect(dup.json).toMatchObject({ accepted: true, duplicate: true });
    const old = await post(report(dev, [E.keslPkg()], { seq: 4 }), dev.secret);
    expect(old.status).toBe(409);
    expect((old.json as { error: { code: string } }).error.code).toBe("stale_seq");
    expect(JSON.stringify([endpoint(t.db, dev.endpointId), obs(t.db, dev.endpointId), t.db.$client.prepare("select * from checkins").all()])).toBe(before);
    // Gaps are fine: the agent may have dropped old spooled reports.
    expect((await post(report(dev, [E.clamav()], { seq: 9 }), dev.secret)).status).toBe(200);
    expect(endpoint(t.db, dev.endpointId).last_seq).toBe(9);
  });

  it("stops accepting a revoked endpoint's secret at once", async () => {
    expect((await post(report(dev, []), dev.secret)).status).toBe(200);
    revokeEndpoint(t.db, SYSTEM_ACTOR, ALL, dev.endpointId);
    const res = await post(report(dev, []), dev.secret);
    expect(res.status).toBe(401);
    expect(t.db.$client.prepare("select count(*) as n from audit_log where action = 'endpoint.revoke'").get()).toEqual({ n: 1 });
  });

  it("rate-limits a device that sends too fast (429 + Retry-After)", async () => {
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 70; i++) {
      const r = await post(report(dev, []), dev.secret);
      statuses.push(r.status);
      if (r.status === 429) retryAfter ??= r.headers["retry-after"] as string;
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(60);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe("observations with history", () => {
  it("a failed collector never turns into a removal", async () => {
    await activate(t.db, "us-bod-17-01");
    const dev = enroll(t.db, token);
    send(t.db, dev, report(dev, [E.keslPkg(), E.keslUnit()]), T0 + HOUR);
    expect(endpoint(t.db, dev.endpointId).state).toBe("banned");
    // dpkg failed this time: kesl is absent from the report but not removed.
    send(t.db, dev, report(dev, [E.keslUnit()], { failed: ["dpkg"] }), T0 + 2 * HOUR);
    expect(obs(t.db, dev.endpointId).find((o) => o.name === "kesl")!.removed_at).toBeNull();
    expect(findings(t.db, dev.endpointId)[0]).toMatchObject({ status: "open", presence: "installed" });
    expect(endpoint(t.db, dev.endpointId).state).toBe("banned");
    // A collector missing from the report altogether is no evidence either.
    send(t.db, dev, report(dev, [], { collectors: [{ name: "linux-path", ok: true }] }), T0 + 3 * HOUR);
    expect(obs(t.db, dev.endpointId).every((o) => o.removed_at === null)).toBe(true);
    expect(endpoint(t.db, dev.endpointId).state).toBe("banned");
    // Then dpkg and systemd run fine without it: removed, with last seen = the previous report.
    send(t.db, dev, report(dev, [E.clamav()]), T0 + 4 * HOUR);
    const kesl = obs(t.db, dev.endpointId).find((o) => o.name === "kesl")!;
    expect(kesl.removed_at).toBe(T0 + 4 * HOUR);
    expect(kesl.last_seen_at).toBe(T0 + 3 * HOUR);
    expect(findings(t.db, dev.endpointId)[0]).toMatchObject({ status: "resolved", presence: "absent", resolved_at: T0 + 4 * HOUR, resolved_seq: 4 });
    expect(endpoint(t.db, dev.endpointId).state).toBe("clean");
  });

  it("a version change is an upgrade, not a removal and an install", async () => {
    await activate(t.db, "us-bod-17-01");
    const dev = enroll(t.db, token);
    send(t.db, dev, report(dev, [E.keslPkg("11.4.0.1096")]), T0);
    send(t.db, dev, report(dev, [E.keslPkg("12.1.0.1297")]), T0 + HOUR);
    const rows = obs(t.db, dev.endpointId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ version: "12.1.0.1297", removed_at: null, reinstalls: 0 });
    expect(events(t.db, dev.endpointId).map((e) => `${e.kind}:${e.version}`)).toEqual(["detected:11.4.0.1096", "upgraded:12.1.0.1297"]);
    const f = findings(t.db, dev.endpointId);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ status: "open", version: "12.1.0.1297", reopen_count: 0 });
    // A Windows MSI upgrade changes the product code: still the same slot.
    const win = enroll(t.db, token, { platform: "windows" });
    send(t.db, win, report(win, [E.kesWin("11.10.0.399")]), T0);
    send(t.db, win, report(win, [{ ...E.kesWin("11.11.0.452"), identifier: "{00000000-1111-2222-3333-444444444444}" }]), T0 + HOUR);
    expect(obs(t.db, win.endpointId)).toHaveLength(1);
    expect(events(t.db, win.endpointId).map((e) => e.kind)).toEqual(["detected", "upgraded"]);
  });

  it("leftover services and paths of a removed product are remnants; when they go too, the finding resolves", async () => {
    await activate(t.db, "us-bod-17-01");
    const dev = enroll(t.db, token);
    send(t.db, dev, report(dev, [E.keslPkg(), E.keslUnit(), E.keslPath(), E.clamav()]), T0);
    expect(endpoint(t.db, dev.endpointId).state).toBe("banned");
    send(t.db, dev, report(dev, [E.keslUnit(), E.keslPath(), E.clamav()]), T0 + HOUR);
    expect(endpoint(t.db, dev.endpointId).state).toBe("remnants");
    expect(findings(t.db, dev.endpointId)[0]).toMatchObject({ status: "open", presence: "remnants" });
    send(t.db, dev, report(dev, [E.clamav()]), T0 + 2 * HOUR);
    expect(endpoint(t.db, dev.endpointId).state).toBe("clean");
    expect(findings(t.db, dev.endpointId)[0]).toMatchObject({ status: "resolved", presence: "absent" });
    expect(
      events(t.db, dev.endpointId)
        .filter((e) => e.product === "kaspersky-endpoint-security")
        .map((e) => e.kind),
    ).toEqual(["detected", "remnants", "cleared"]);
  });

  it("shared components of an installed product are part of it, and remnants once it is gone (Windows)", async () => {
    await activate(t.db, "us-bod-17-01");
    const dev = enroll(t.db, token, { platform: "windows" });
    send(t.db, dev, report(dev, [E.kesWin(), E.kesWsc(), E.avpSvc(), E.klif(), E.defenderWsc(false)]), T0);
    expect(findings(t.db, dev.endpointId).map((f) => `${f.product}:${f.status}:${f.presence}`)).toEqual(["kaspersky-endpoint-security:open:installed"]);
    expect(endpoint(t.db, dev.endpointId).state).toBe("banned");
    // Uninstalled, but the klif driver and AVP service stay behind.
    send(t.db, dev, report(dev, [E.avpSvc(), E.klif(), E.defenderWsc(true)]), T0 + HOUR);
    expect(findings(t.db, dev.endpointId).map((f) => `${f.product}:${f.status}:${f.presence}`)).toEqual(["kaspersky-components:open:remnants", "kaspersky-endpoint-security:resolved:absent"]);
    expect(endpoint(t.db, dev.endpointId).state).toBe("remnants");
    send(t.db, dev, report(dev, [E.defenderWsc(true)]), T0 + 2 * HOUR);
    expect(findings(t.db, dev.endpointId).map((f) => f.status)).toEqual(["resolved", "resolved"]);
    expect(endpoint(t.db, dev.endpointId).state).toBe("clean");
  });

  it("a product that comes back after removal reopens its finding as a reinstall", async () => {
    await activate(t.db, "us-bod-17-01");
    const dev = enroll(t.db, token);
    send(t.db, dev, report(dev, [E.keslPkg(), E.clamav()]), T0);
    send(t.db, dev, report(dev, [E.clamav()]), T0 + DAY);
    expect(findings(t.db, dev.endpointId)[0]).toMatchObject({ status: "resolved" });
    send(t.db, dev, report(dev, [E.keslPkg(), E.clamav()]), T0 + 2 * DAY);
    const f = findings(t.db, dev.endpointId);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ status: "open", presence: "installed", reopen_count: 1, reopened_at: T0 + 2 * DAY, resolved_at: null });
    expect(obs(t.db, dev.endpointId).find((o) => o.name === "kesl")).toMatchObject({ removed_at: null, reinstalls: 1 });
    expect(
      events(t.db, dev.endpointId)
        .filter((e) => e.product === "kaspersky-endpoint-security")
        .map((e) => e.kind),
    ).toEqual(["detected", "removed", "reinstalled"]);
    expect(endpoint(t.db, dev.endpointId).state).toBe("banned");
    const daily = t.db.$client.prepare("select day, removals, reinstalls, detections from agency_daily order by day").all();
    expect(daily).toEqual([
      { day: "2026-01-05", removals: 0, reinstalls: 0, detections: 1 },
      { day: "2026-01-06", removals: 1, reinstalls: 0, detections: 0 },
      { day: "2026-01-07", removals: 0, reinstalls: 1, detections: 0 },
    ]);
  });

  it("writes nothing but the endpoint's last report and the check-in record when nothing changed", async () => {
    const dev = enroll(t.db, token);
    send(t.db, dev, report(dev, [E.clamav(), E.keslPkg()]), T0);
    const snapshot = () =>
      JSON.stringify([
        t.db.$client.prepare("select * from observations").all(),
        t.db.$client.prepare("select * from findings").all(),
        t.db.$client.prepare("select * from endpoint_events").all(),
        t.db.$client.prepare("select * from agency_daily").all(),
        t.db.$client.prepare("select * from software").all(),
      ]);
    const before = snapshot();
    send(t.db, dev, report(dev, [E.keslPkg(), E.clamav()]), T0 + DAY);
    expect(snapshot()).toBe(before);
    expect(endpoint(t.db, dev.endpointId)).toMatchObject({ last_seq: 2, last_report_at: T0 + DAY });
    expect(t.db.$client.prepare("select seq, changes from checkins order by seq").all()).toEqual([
      { seq: 1, changes: 2 },
      { seq: 2, changes: 0 },
    ]);
  });

  it("re-matches entries on the server, ignoring the agent's own flags", async () => {
    await activate(t.db, "us-bod-17-01");
    const dev = enroll(t.db, token);
    // An agent (or an attacker) claiming Kaspersky is "unrecognized" does not hide it.
    send(t.db, dev, report(dev, [{ ...E.keslPkg(), unrecognized: true }]), T0);
    expect(endpoint(t.db, dev.endpointId).state).toBe("banned");
    const sw = t.db.$client.prepare("select vendor, product, unrecognized from software").get();
    expect(sw).toEqual({ vendor: "kaspersky", product: "kaspersky-endpoint-security", unrecognized: 0 });
  });

  it("takes software whose name or version holds U+0000 (PostgreSQL's text cannot: stored there as U+FFFD)", () => {
    const dev = enroll(t.db, token);
    const odd = { source: "dpkg", name: "odd\u0000app", version: "1.0\u0000beta", identifier: "odd-app" } as const;
    send(t.db, dev, report(dev, [E.clamav(), odd]), T0);
    send(t.db, dev, report(dev, [E.clamav(), odd]), T0 + HOUR);
    expect(endpoint(t.db, dev.endpointId).last_seq).toBe(2);
    const nul = isPostgres(t.db) ? "\ufffd" : "\u0000";
    // Both reports landed, and the second saw the same software (one row, still present).
    expect(obs(t.db, dev.endpointId).map((o) => [o.name, o.version, o.removed_at])).toEqual([
      ["clamav", "1.0.7", null],
      [`odd${nul}app`, `1.0${nul}beta`, null],
    ]);
  });
});

describe("endpoint state", () => {
  it("Windows is protected only by an enabled Security Center antivirus of a vendor not banned", async () => {
    await activate(t.db, "us-bod-17-01");
    const dev = enroll(t.db, token, { platform: "windows" });
    send(t.db, dev, report(dev, [E.defenderWsc(false)]), T0);
    expect(endpoint(t.db, dev.endpointId).state).toBe("unprotected");
    send(t.db, dev, report(dev, [E.defenderWsc(true)]), T0 + HOUR);
    expect(endpoint(t.db, dev.endpointId).state).toBe("clean");
    const other = enroll(t.db, token, { platform: "windows" });
    send(t.db, other, report(other, [{ source: "windows-security-center", name: "Some Unknown AV", identifier: "AntiVirusProduct", state: { enabled: true, upToDate: true } }]), T0);
    expect(endpoint(t.db, other.endpointId).state).toBe("clean");
  });

  it("Linux without any antivirus or EDR is unprotected; Kaspersky does not count once banned", async () => {
    const dev = enroll(t.db, token);
    send(t.db, dev, report(dev, [E.klnagentPkg()]), T0);
    expect(endpoint(t.db, dev.endpointId).state).toBe("unprotected");
    send(t.db, dev, report(dev, [E.klnagentPkg(), E.keslPkg()]), T0 + HOUR);
    expect(endpoint(t.db, dev.endpointId).state).toBe("clean"); // no policy in force: Kaspersky protects
    await activate(t.db, "nl-2018-kaspersky-antivirus", T0 + 2 * HOUR);
    expect(endpoint(t.db, dev.endpointId).state).toBe("banned");
    send(t.db, dev, report(dev, [E.klnagentPkg()]), T0 + 3 * HOUR);
    expect(endpoint(t.db, dev.endpointId).state).toBe("unprotected"); // the Network Agent is not covered by the Dutch letter
    send(t.db, dev, report(dev, [E.klnagentPkg(), E.mdatp()]), T0 + 4 * HOUR);
    expect(endpoint(t.db, dev.endpointId).state).toBe("clean");
  });
});

describe("new software a device may add", () => {
  it("is capped per device and day outside the catalog; catalog matches always count; the rest arrives the next day", () => {
    process.env.MUSTER_NEW_SOFTWARE_PER_DAY = "5";
    try {
      const dev = enroll(t.db, token);
      const junk = (n: number) => Array.from({ length: n }, (_, i) => ({ source: "dpkg" as const, name: `unique-name-${i}`, identifier: `unique-name-${i}` }));
      expect(send(t.db, dev, report(dev, [...junk(8), E.keslPkg()]), T0).status).toBe(200);
      const names = () => obs(t.db, dev.endpointId).map((o) => o.name);
      expect(names()).toContain("kesl");
      expect(names().filter((n) => n.startsWith("unique-name-"))).toHaveLength(5);
      expect(t.db.$client.prepare("select count(*) as n from software where name like 'unique-name-%'").get()).toEqual({ n: 5 });
      // The same report later that day adds nothing more; the day after, the rest.
      expect(send(t.db, dev, report(dev, [...junk(8), E.keslPkg()]), T0 + HOUR).status).toBe(200);
      expect(names().filter((n) => n.startsWith("unique-name-"))).toHaveLength(5);
      expect(send(t.db, dev, report(dev, [...junk(8), E.keslPkg()]), T0 + DAY).status).toBe(200);
      expect(names().filter((n) => n.startsWith("unique-name-"))).toHaveLength(8);
      const audit = t.db.$client.prepare("select details from audit_log where action = 'endpoint.software_capped'").all() as { details: string }[];
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.details)).toMatchObject({ limit: 5, leftOut: 3 });
    } finally {
      delete process.env.MUSTER_NEW_SOFTWARE_PER_DAY;
    }
  });
});
