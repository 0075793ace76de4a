// Agent self-updates as agents report them reach /metrics: a version change seen in a check-in
// counts as "updated", and each update report (refused, failed, rolled back) by its outcome.
import { afterEach, beforeEach, expect, it } from "vitest";
import { metrics } from "~/server/ops/metrics";
import { E, enroll, freshDb, makeAgency, makeToken, report, send, T0, type TestDb } from "../ingest/helpers";

let t: TestDb;
beforeEach(() => {
  t = freshDb();
});
afterEach(() => t.close());

async function updates(outcome: string): Promise<number> {
  const values = (await metrics().registry.getSingleMetric("muster_agent_updates_total")?.get())?.values ?? [];
  return values.find((v) => v.labels.outcome === outcome)?.value ?? 0;
}

it("counts agents' self-updates by outcome", async () => {
  const before = { updated: await updates("updated"), rolledBack: await updates("rolled-back"), other: await updates("other") };
  const dev = enroll(t.db, makeToken(t.db, makeAgency(t.db, "UPD-M").id));
  expect(send(t.db, dev, report(dev, [E.keslPkg()]), T0).status).toBe(200);
  const rolledBack = { version: "0.3.0", outcome: "rolled-back" as const, reason: "first run failed: it exited 1", at: new Date(T0).toISOString() };
  expect(send(t.db, dev, { ...report(dev, [E.keslPkg()]), updateReports: [rolledBack] }, T0 + 1000).status).toBe(200);
  expect(send(t.db, dev, { ...report(dev, [E.keslPkg()]), agentVersion: "9.9.9" }, T0 + 2000).status).toBe(200);
  expect(await updates("rolled-back")).toBe(before.rolledBack + 1);
  expect(await updates("updated")).toBe(before.updated + 1);
  expect(await updates("other")).toBe(before.other);
});
