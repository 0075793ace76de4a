// Draft previews are reused for a minute only while nothing they count has changed: a check-in,
// an endpoint event or an audited change gives the next preview fresh figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachedDraft, draftCacheStats, MAX_DRAFT_BYTES } from "~/server/reports/draft-cache";
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

  it("hold sixteen small drafts, but only as many large ones as fit in their size bound", async () => {
    const built: string[] = [];
    const build = (key: string, value: unknown) => () => (built.push(key), Promise.resolve(value));
    for (let i = 0; i < 20; i++) await cachedDraft(t.db, `small-${i}`, build(`small-${i}`, { agencies: [i] }));
    expect(draftCacheStats().entries).toBe(16);
    expect(draftCacheStats().bytes).toBeLessThan(MAX_DRAFT_BYTES);

    // A whole national draft of old was megabytes: sixteen of them are never held.
    const large = (i: number) => ({ exceptions: `${i}`.padEnd(3 * 1024 * 1024, "x") });
    for (let i = 0; i < 16; i++) await cachedDraft(t.db, `large-${i}`, build(`large-${i}`, large(i)));
    const held = draftCacheStats();
    expect(held.bytes).toBeLessThanOrEqual(MAX_DRAFT_BYTES);
    expect(held.entries).toBeLessThan(16);
    built.length = 0;
    await cachedDraft(t.db, "large-15", build("large-15", large(15)));
    expect(built).toEqual([]); // the newest is kept

    // One larger than the whole bound is shared while it builds, then not kept.
    const huge = { exceptions: "x".repeat(MAX_DRAFT_BYTES + 1) };
    const first = cachedDraft(t.db, "huge", build("huge", huge));
    expect(cachedDraft(t.db, "huge", build("huge", huge))).toBe(first);
    await first;
    await cachedDraft(t.db, "huge", build("huge", huge));
    expect(built).toEqual(["huge", "huge"]);
  });
});
