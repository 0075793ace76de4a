import { describe, expect, it } from "vitest";
import { longDay, num, percentOf, perDay, shortDay, signed } from "~/server/reports/format";
import { percentString } from "~/server/reports/figures";

describe("report formatting", () => {
  it("writes numbers, dates and changes the same way everywhere", () => {
    expect(num(1234567)).toBe("1,234,567");
    expect(num(-1204)).toBe("-1,204");
    expect(num(null)).toBe("—");
    expect(signed(12)).toBe("+12");
    expect(signed(-1204)).toBe("\u22121,204");
    expect(signed(0)).toBe("0");
    expect(longDay("2026-03-01")).toBe("1 March 2026");
    expect(shortDay("2026-12-31")).toBe("31 Dec 2026");
  });

  it("never shows 100% while something remains (rounds down)", () => {
    expect(percentString(9999, 1)).toBe("99.9");
    expect(percentString(1, 0)).toBe("100.0");
    expect(percentString(0, 0)).toBeNull();
    expect(percentString(1, 2)).toBe("33.3");
    expect(percentOf(2, 3)).toBe("66.6%");
    expect(percentOf(1, 0)).toBe("—");
    expect(perDay(38, 14)).toBe("2.7");
    expect(perDay(-5, 14)).toBe("0.0");
    expect(perDay(568869, 14)).toBe("40,633.5");
  });
});
