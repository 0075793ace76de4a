import { describe, expect, it } from "vitest";
import { BUILTIN_CATALOG, createMatcher } from "~/agent/shared/catalog";
import { COMPONENT_SOURCES } from "~/agent/shared/protocol";
import { planFleet, softwareOn, type FleetSpec } from "~/server/fleet/plan";
import { EXPECTED_PRODUCT, type ProductKey, TEMPLATES } from "~/server/fleet/templates";
import { fleetTimeline } from "~/server/fleet/timeline";

const matcher = createMatcher(BUILTIN_CATALOG);
const KASPERSKY_COMPONENTS = new Set(["kaspersky-components", "kaspersky-endpoint-security"]);

describe("fleet templates", () => {
  for (const [platform, templates] of Object.entries(TEMPLATES)) {
    for (const [key, tpl] of Object.entries(templates)) {
      it(`${platform} ${key} classifies as ${EXPECTED_PRODUCT[key as ProductKey].join(" or ")}`, () => {
        for (const entry of tpl!.product) {
          if (COMPONENT_SOURCES.includes(entry.source)) continue;
          expect(EXPECTED_PRODUCT[key as ProductKey], JSON.stringify(entry)).toContain(matcher.classify(entry)?.product);
        }
        for (const entry of tpl!.components) {
          const c = matcher.classify(entry);
          expect(c, JSON.stringify(entry)).not.toBeNull();
          if (key === "kes") expect(KASPERSKY_COMPONENTS.has(c!.product)).toBe(true);
          else expect(c!.vendor).toBe(matcher.classify(tpl!.product[0]!)!.vendor);
        }
      });
    }
  }
});

const spec: FleetSpec = {
  seed: 42,
  days: 30,
  banDay: 10,
  startMs: Date.parse("2026-01-01T00:00:00Z"),
  agencies: [
    {
      code: "AG-FAST",
      endpoints: 300,
      kaspersky: 0.8,
      removed: 1,
      removalFrom: 0,
      removalTo: 0.5,
      reinstall: 0.1,
      remnants: 0.2,
      keepsAgent: 0.2,
      unprotected: 0.1,
      stale: 0.05,
      never: 0.02,
      waivers: 0.02,
      platforms: [
        ["windows", 8],
        ["darwin", 1],
        ["linux", 1],
      ],
      replacements: [
        ["defender", 2],
        ["crowdstrike", 1],
        ["clamav", 1],
      ],
    },
  ],
};

describe("fleet plan", () => {
  it("is deterministic for a seed", () => {
    expect(planFleet(spec)).toEqual(planFleet(spec));
    expect(planFleet({ ...spec, seed: 43 })).not.toEqual(planFleet(spec));
  });

  it("removes Kaspersky on the planned day and keeps what the plan says remains", () => {
    const plans = planFleet(spec);
    const removed = plans.filter((p) => p.kaspersky && Number.isFinite(p.removalDay) && !Number.isFinite(p.reinstallDay));
    expect(removed.length).toBeGreaterThan(50);
    for (const p of removed) {
      const products = (d: number) =>
        softwareOn(p, d)
          .filter((e) => !COMPONENT_SOURCES.includes(e.source))
          .map((e) => matcher.classify(e)?.product);
      expect(products(p.removalDay - 1)).toContain(EXPECTED_PRODUCT[p.kaspersky!][0]);
      expect(products(p.removalDay)).not.toContain(EXPECTED_PRODUCT[p.kaspersky!][0]);
    }
  });

  it("emits events in time order with one enrollment before each endpoint's first check-in", () => {
    let last = 0;
    const enrolled = new Set<number>();
    let checkins = 0;
    for (const ev of fleetTimeline(spec, BUILTIN_CATALOG.version)) {
      expect(ev.at).toBeGreaterThanOrEqual(last);
      last = ev.at;
      if (ev.type === "enroll") enrolled.add(ev.plan.key);
      if (ev.type === "checkin") {
        expect(enrolled.has(ev.plan.key)).toBe(true);
        checkins++;
      }
    }
    expect(checkins).toBeGreaterThan(300 * 5);
  });
});
