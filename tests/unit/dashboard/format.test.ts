import { describe, expect, it } from "vitest";
import { floorPercent, makeFormat } from "~/app/_components/format-rules";
import { percentOf } from "~/server/reports/format";

describe("one rounding rule for percentages", () => {
  it("rounds down to one decimal, so 99.96% never shows as 100%", () => {
    const f = makeFormat("en-GB");
    expect(f.pct(0.9996)).toBe("99.9%");
    expect(f.pct(1239 / 1240)).toBe("99.9%");
    expect(f.pct(197 / 200)).toBe("98.5%"); // exact decimals survive binary floating point
    expect(f.pct(1)).toBe("100.0%");
    expect(floorPercent(0.98499)).toBe(0.984);
  });

  it("the dashboard and the report say the same percentage", () => {
    const f = makeFormat("en-GB");
    for (const [part, whole] of [
      [985, 1000],
      [1149, 5001],
      [2, 3],
      [1339, 1340],
    ]) {
      expect(f.pct(part! / whole!)).toBe(percentOf(part!, whole!));
    }
  });

  it("days in the viewer's locale, one format per locale", () => {
    expect(makeFormat("en-GB").day("2026-12-03")).toBe("3 Dec 2026");
    expect(makeFormat("nl-NL").day("2026-12-03")).toBe("3 dec 2026");
  });
});
