import { describe, expect, it } from "vitest";
import { carryForward, type DailyRow } from "~/server/findings/history";

const row = (agencyId: number, day: string, openFindings: number, removals = 0): DailyRow => ({
  agencyId,
  day,
  endpoints: 10,
  banned: openFindings,
  remnants: 0,
  excepted: 0,
  unprotected: 0,
  clean: 10 - openFindings,
  stale: 0,
  neverReported: 0,
  staleBanned: 0,
  openFindings,
  exceptedFindings: 0,
  resolvedFindings: 0,
  removals,
  reinstalls: 0,
  detections: 0,
});

describe("carryForward", () => {
  it("carries each agency's last level over the days it has no row, and counts flows on their day only", () => {
    const baselines = [row(1, "2026-11-01", 8), row(2, "2026-10-20", 5)];
    const rows = [row(1, "2026-11-03", 6, 2), row(2, "2026-11-04", 4, 1), row(1, "2026-11-05", 5, 1)];
    const s = carryForward(baselines, rows, "2026-11-02", "2026-11-06");
    expect(s.map((p) => [p.day, p.openFindings, p.removals])).toEqual([
      ["2026-11-02", 13, 0],
      ["2026-11-03", 11, 2],
      ["2026-11-04", 10, 1],
      ["2026-11-05", 9, 1],
      ["2026-11-06", 9, 0],
    ]);
    expect(s.every((p) => p.endpoints === 20)).toBe(true);
  });

  it("an agency appearing in the range starts from nothing", () => {
    const s = carryForward([], [row(3, "2026-11-03", 4)], "2026-11-02", "2026-11-03");
    expect(s.map((p) => p.openFindings)).toEqual([0, 4]);
  });
});
