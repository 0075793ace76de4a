// Maintenance: stale endpoints (and back on their next check-in), check-in archiving, and the
// catalog-version sync that re-matches stored software and re-evaluates the fleet.
import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkCounters, readCounters } from "~/server/findings/counters";
import { syncCatalogVersion } from "~/server/ingest/catalog-sync";
import { getIngestEngine } from "~/server/ingest/engine";
import { runMaintenance } from "~/server/maintenance/run";
import { readPending } from "~/server/reevaluation/reevaluate";
import { testEngine } from "../../support/db";
import { activate, DAY, E, endpoint, enroll, findings, freshDb, makeAgency, makeToken, report, send, T0, type TestDb } from "./helpers";

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

describe("maintenance", () => {
  it("marks endpoints stale after MUSTER_STALE_DAYS without a report; the next check-in recomputes the state", async () => {
    await activate(t.db, "us-bod-17-01");
    const banned = enroll(t.db, token);
    const clean = enroll(t.db, token);
    const never = enroll(t.db, token);
    send(t.db, banned, report(banned, [E.keslPkg()]), T0);
    send(t.db, clean, report(clean, [E.clamav()]), T0 + 3 * DAY);
    expect(runMaintenance(t.db, T0 + 7 * DAY + 1, { staleDays: 7 }).stale).toBe(1);
    expect(endpoint(t.db, banned.endpointId).state).toBe("stale");
    expect(endpoint(t.db, clean.endpointId).state).toBe("clean");
    expect(endpoint(t.db, never.endpointId).state).toBe("never-reported");
    expect(findings(t.db, banned.endpointId)[0]!.status).toBe("open"); // unknown is never counted as resolved
    expect(readCounters(t.db).get(agencyId)).toMatchObject({ stale: 1, clean: 1, neverReported: 1, banned: 0, openFindings: 1 });
    expect(runMaintenance(t.db, T0 + 7 * DAY + 2, { staleDays: 7 }).stale).toBe(0); // idempotent
    send(t.db, banned, report(banned, [E.keslPkg()]), T0 + 8 * DAY);
    expect(endpoint(t.db, banned.endpointId).state).toBe("banned");
    const day8 = t.db.$client.prepare("select stale, banned from agency_daily where day = ?").get(new Date(T0 + 8 * DAY).toISOString().slice(0, 10));
    expect(day8).toEqual({ stale: 0, banned: 1 });
  });

  // The archive is a file beside the SQLite database; on PostgreSQL there is no such file, and where
  // its archive goes is not decided yet (archive.ts archiveDir: nothing archived, nothing deleted).
  it.skipIf(testEngine() === "postgres")("moves check-in records older than the retention into the archive, and only those, never deleting one", () => {
    const dev = enroll(t.db, token);
    for (let i = 0; i < 5; i++) send(t.db, dev, report(dev, []), T0 + i * 100 * DAY);
    const r = runMaintenance(t.db, T0 + 4 * 100 * DAY + DAY, { staleDays: 1000, retentionDays: 250 });
    expect(r.checkinsArchived).toBe(2);
    expect(t.db.$client.prepare("select seq from checkins order by seq").all()).toEqual([{ seq: 3 }, { seq: 4 }, { seq: 5 }]);
    const archived = () =>
      fs
        .readdirSync(path.join(t.dir, "archive"))
        .sort()
        .flatMap((f) =>
          gunzipSync(fs.readFileSync(path.join(t.dir, "archive", f)))
            .toString()
            .trim()
            .split("\n"),
        )
        .map((l) => JSON.parse(l) as { deviceId: string; seq: number; receivedAt: number });
    expect(archived().map((c) => [c.deviceId, c.seq, c.receivedAt])).toEqual([
      [dev.deviceId, 1, T0],
      [dev.deviceId, 2, T0 + 100 * DAY],
    ]);
    expect(fs.statSync(path.join(t.dir, "archive")).mode & 0o777).toBe(0o700);
    // A later pass appends the next ones to the archive (a gzip member per pass) without repeating any.
    expect(runMaintenance(t.db, T0 + 5 * 100 * DAY + DAY, { staleDays: 1000, retentionDays: 250 }).checkinsArchived).toBe(1);
    expect(archived().map((c) => c.seq)).toEqual([1, 2, 3]);
    expect(runMaintenance(t.db, T0 + 5 * 100 * DAY + 2 * DAY, { staleDays: 1000, retentionDays: 250 }).checkinsArchived).toBe(0);
  });

  it("re-matches stored software when the catalog changed and re-evaluates every endpoint", async () => {
    await activate(t.db, "us-bod-17-01");
    const dev = enroll(t.db, token);
    send(t.db, dev, report(dev, [E.keslPkg()]), T0);
    // Simulate software matched by an older catalog that did not know kesl.
    t.db.$client.prepare("update software set vendor = null, product = null, category = null, matched_with = 'old'").run();
    t.db.$client.prepare("update settings set value = 'old' where key = 'catalog_version'").run();
    getIngestEngine(t.db).registry.clear();
    const r = syncCatalogVersion(t.db);
    expect(r).toMatchObject({ previous: "old", rematched: 1 });
    expect(readPending(t.db)?.target).toEqual({ all: true });
    expect(t.db.$client.prepare("select vendor, product from software").get()).toEqual({ vendor: "kaspersky", product: "kaspersky-endpoint-security" });
    runMaintenance(t.db, T0 + 1000, { staleDays: 100 });
    expect(readPending(t.db)).toBeNull();
    expect(syncCatalogVersion(t.db)).toBeNull(); // nothing to do the second time
  });
});
