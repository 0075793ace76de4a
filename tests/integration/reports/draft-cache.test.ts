// Draft previews are reused for a minute only while nothing they count has changed: a check-in,
// an endpoint event or an audited change gives the next preview fresh figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "~/server/trpc/root";
import { createTempDb, type TempDb } from "../../support/db";
import { removeKaspersky, type SeededFleet, seedFleet, USERS } from "./seed";

let t: TempDb;
let fleet: SeededFleet;

beforeAll(async () => {
  t = createTempDb();
  fleet = await seedFleet(t.db);
}, 120_000);
afterAll(() => t.cleanup());

describe("draft report previews", () => {
  it("reuse the figures while nothing changed, and follow a change at once", async () => {
    const officer = { id: fleet.users.officer.id, email: USERS.officer.email, name: USERS.officer.name, role: "officer" as const, agencyId: null };
    const caller = createCaller({ db: t.db, viewer: officer, ip: "127.0.0.1" });
    const asOf = new Date().toISOString().slice(0, 10);
    const first = await caller.reports.preview({ agencyId: null, asOf });
    const again = await caller.reports.preview({ agencyId: null, asOf });
    expect(again).toBe(first);

    const removed = removeKaspersky(t.db, fleet, "FIN-TAX", Date.now());
    expect(removed).toBeGreaterThan(0);
    const after = await caller.reports.preview({ agencyId: null, asOf });
    expect(after).not.toBe(first);
    expect(after.totals).not.toEqual(first.totals);
  });
});
