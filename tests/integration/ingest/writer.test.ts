// The optional writer thread (MUSTER_INGEST_THREAD=1): check-ins handed to it are written by its
// own connection and answered like the in-process engine's.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZCheckinRequestSchema } from "~/server/ingest/schemas";
import { type CheckinWriter, startCheckinWriter } from "~/server/ingest/writer";
import { E, endpoint, enroll, findings, freshDb, activate, makeAgency, makeToken, report, T0, type TestDb } from "./helpers";

let t: TestDb;
let writer: CheckinWriter;
beforeEach(() => {
  t = freshDb();
});
afterEach(async () => {
  await writer?.stop();
  t.close();
});

describe("check-in writer thread", () => {
  it("writes check-ins through its own connection and answers per the protocol", async () => {
    await activate(t.db, "us-bod-17-01");
    const dev = enroll(t.db, makeToken(t.db, makeAgency(t.db).id));
    writer = startCheckinWriter(t.file);
    const body = ZCheckinRequestSchema.parse(report(dev, [E.keslPkg()]));
    const ok = await writer.submit({ report: body, secret: dev.secret, now: T0, collectedAt: T0 });
    expect(ok).toMatchObject({ status: 200, body: { accepted: true } });
    const dup = await writer.submit({ report: body, secret: dev.secret, now: T0, collectedAt: T0 });
    expect(dup.body).toMatchObject({ duplicate: true });
    const bad = await writer.submit({ report: { ...body, seq: 2 }, secret: "wrong", now: T0, collectedAt: T0 });
    expect(bad.status).toBe(401);
    expect(endpoint(t.db, dev.endpointId).state).toBe("banned");
    expect(findings(t.db, dev.endpointId)[0]).toMatchObject({ status: "open" });
  });
});
