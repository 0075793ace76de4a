// One bad report in a group commit (server/ingest/batch.ts): the batch runs in one savepoint, and
// when a report fails it runs again with a savepoint per report. The failing report is answered
// 503 and leaves nothing behind; every other report of the batch is stored once, its counters
// count once, and a device's rate-limit tokens are charged once. The failure is a real one: a
// trigger in the database refuses the check-in row of one endpoint (on SQLite and on PostgreSQL).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isPostgres } from "~/server/db/client";
import { checkCounters } from "~/server/findings/counters";
import { ingestCheckins } from "~/server/ingest/bulk";
import { metrics } from "~/server/ops/metrics";
import { endpointsForCheckin } from "~/server/ingest/store-checkin";
import { deviceCredentials } from "~/server/ingest/store-devices";
import { type Device, E, endpoint, enroll, freshDb, makeAgency, makeToken, report, send, T0, type TestDb } from "./helpers";

function refuseCheckinsOf(t: TestDb, endpointId: number): void {
  if (isPostgres(t.db)) {
    t.db.$client.exec(`create function refuse_checkin() returns trigger language plpgsql as $$
      begin if new.endpoint_id = ${endpointId} then raise exception 'refused by the test'; end if; return new; end $$;
      create trigger refuse_checkin before insert on checkins for each row execute function refuse_checkin();`);
  } else {
    t.db.$client.exec(`create trigger refuse_checkin before insert on checkins when new.endpoint_id = ${endpointId} begin select raise(abort, 'refused by the test'); end;`);
  }
}

function allowCheckins(t: TestDb): void {
  t.db.$client.exec(isPostgres(t.db) ? "drop trigger refuse_checkin on checkins; drop function refuse_checkin();" : "drop trigger refuse_checkin");
}

const checkinSeqs = (t: TestDb, dev: Device) => (t.db.$client.prepare("select seq from checkins where endpoint_id = ? order by seq").all(dev.endpointId) as { seq: number }[]).map((r) => r.seq);

describe("a report that fails inside a group commit", () => {
  let t: TestDb;
  let a: Device;
  let b: Device;
  let c: Device;
  beforeEach(() => {
    t = freshDb();
    const agency = makeAgency(t.db);
    const token = makeToken(t.db, agency.id);
    [a, b, c] = [enroll(t.db, token), enroll(t.db, token), enroll(t.db, token)];
    for (const dev of [a, b, c]) expect(send(t.db, dev, report(dev, [E.clamav()]), T0).status).toBe(200);
  });
  afterEach(() => t.close());

  it("is answered 503 alone: the others of the batch are stored once, with their findings and counters", () => {
    refuseCheckinsOf(t, b.endpointId);
    const now = T0 + 60_000;
    const replies = ingestCheckins(
      t.db,
      [
        { report: report(a, [E.clamav(), E.keslPkg()]), secret: a.secret, now },
        { report: report(b, [E.clamav(), E.keslPkg()]), secret: b.secret, now },
        { report: report(c, [E.keslPkg()]), secret: c.secret, now },
      ],
      now,
    );
    expect(replies.map((r) => r.status)).toEqual([200, 503, 200]);
    expect(checkinSeqs(t, a)).toEqual([1, 2]);
    expect(checkinSeqs(t, b)).toEqual([1]);
    expect(checkinSeqs(t, c)).toEqual([1, 2]);
    expect(endpoint(t.db, b.endpointId).last_seq).toBe(1);
    // The failed report's observations went with its savepoint; the others' are there once.
    const observed = (dev: Device) => (t.db.$client.prepare("select count(*) as n from observations where endpoint_id = ? and removed_at is null").get(dev.endpointId) as { n: number }).n;
    expect([observed(a), observed(b), observed(c)]).toEqual([2, 1, 1]);
    expect(checkCounters(t.db)).toEqual([]);

    // The agent resends once the cause is gone, and the report is taken.
    allowCheckins(t);
    expect(send(t.db, b, report(b, [E.clamav(), E.keslPkg()], { seq: 2 }), now + 60_000).status).toBe(200);
    expect(checkinSeqs(t, b)).toEqual([1, 2]);
    expect(checkCounters(t.db)).toEqual([]);
  });

  it("charges a device's rate-limit tokens once, though the batch ran twice", () => {
    refuseCheckinsOf(t, b.endpointId);
    const now = T0 + 60_000;
    // MUSTER_DEVICE_BURST is 60: sixty reports of one device in a batch take every token it has.
    const burst = Array.from({ length: 60 }, () => ({ report: report(a, [E.clamav()]), secret: a.secret, now }));
    const replies = ingestCheckins(t.db, [...burst, { report: report(b, [E.clamav()]), secret: b.secret, now }, { report: report(a, [E.clamav()]), secret: a.secret, now }], now, { rateLimit: true });
    expect(replies.slice(0, 60).every((r) => r.status === 200)).toBe(true);
    expect(replies[60]!.status).toBe(503);
    expect(replies[61]!.status).toBe(429);
    expect(endpoint(t.db, a.endpointId).last_seq).toBe(61);
    expect(checkinSeqs(t, a)).toHaveLength(61);
  });

  it("counts an agent's self-update on the metrics once, though the batch ran twice", async () => {
    const updated = async () => ((await metrics().registry.getSingleMetric("muster_agent_updates_total")?.get())?.values ?? []).find((v) => v.labels.outcome === "updated")?.value ?? 0;
    const before = await updated();
    refuseCheckinsOf(t, b.endpointId);
    const now = T0 + 60_000;
    const replies = ingestCheckins(
      t.db,
      [
        { report: { ...report(a, [E.clamav()]), agentVersion: "9.9.9" }, secret: a.secret, now },
        { report: report(b, [E.clamav()]), secret: b.secret, now },
      ],
      now,
    );
    expect(replies.map((r) => r.status)).toEqual([200, 503]);
    expect(await updated()).toBe(before + 1);
    expect(t.db.$client.prepare("select count(*) as n from agent_update_events where endpoint_id = ?").get(a.endpointId)).toEqual({ n: 1 });
  });

  it("reads the endpoints and credentials of several devices in one statement (the PostgreSQL path), unknown ones absent", () => {
    const ids = [a.deviceId, c.deviceId, "dev_aaaaaaaaaaaaaaaaaaaa"];
    const endpoints = endpointsForCheckin(t.db, ids);
    expect([...endpoints.keys()].sort()).toEqual([a.deviceId, c.deviceId].sort());
    expect(endpoints.get(a.deviceId)).toMatchObject({ id: a.endpointId, lastSeq: 1, enrollment: 1 });
    const credentials = deviceCredentials(t.db, ids);
    expect([...credentials.keys()].sort()).toEqual([a.deviceId, c.deviceId].sort());
    expect(credentials.get(c.deviceId)).toMatchObject({ r: null });
  });
});
