// What the demo does with a database it is given (server/demo/plan.ts), on either engine: an
// empty one is seeded, its own reused or with --reset seeded again, anything else refused.
import { describe, expect, it } from "vitest";
import { planDemo } from "~/server/demo/plan";

const opts = (reset: boolean) => ({ where: "PostgreSQL at muster@db:5432/muster", reset, instead: "Give the demo a database of its own." });

describe("the demo's plan for a database", () => {
  it("seeds no database, or one without rows (migrated or not)", () => {
    for (const reset of [false, true]) {
      expect(planDemo(null, opts(reset))).toEqual({ action: "seed" });
      expect(planDemo({ tablesWithRows: [], demoMarker: null }, opts(reset))).toEqual({ action: "seed" });
    }
  });

  it("reuses a database it seeded, and seeds it again only with --reset", () => {
    const own = { tablesWithRows: ["agencies", "settings", "users"], demoMarker: "seeded by npm run demo at 2026-12-05T04:00:00.000Z" };
    expect(planDemo(own, opts(false))).toEqual({ action: "reuse" });
    expect(planDemo(own, opts(true))).toEqual({ action: "seed" });
  });

  it("refuses a database holding anything else, naming it and what to do instead, with --reset too", () => {
    const real = { tablesWithRows: ["agencies", "audit_log", "endpoints", "settings", "users"], demoMarker: null };
    const plain = planDemo(real, opts(false));
    const reset = planDemo(real, opts(true));
    expect(plain).toEqual({
      action: "refuse",
      reason:
        "PostgreSQL at muster@db:5432/muster holds data the demo did not make (rows in agencies, audit_log, endpoints, settings, …): the demo uses only an empty database or one it seeded itself, and leaves this one alone. Give the demo a database of its own.",
    });
    expect(reset.action === "refuse" && reset.reason).toContain("the demo resets only an empty database");
    // Another application's tables are data too.
    expect(planDemo({ tablesWithRows: ["billing.invoices"], demoMarker: null }, opts(true)).action).toBe("refuse");
  });
});
