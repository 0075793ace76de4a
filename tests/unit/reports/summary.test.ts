import { describe, expect, it } from "vitest";
import { zeroFigures } from "~/server/reports/figures";
import { reportText } from "~/server/reports/i18n";
import { buildSummary, type SummaryInput } from "~/server/reports/summary";

const EN = reportText("en");

function input(over: Partial<SummaryInput["totals"]> = {}, rest: Partial<SummaryInput> = {}): SummaryInput {
  return {
    scope: { kind: "agency", agencyId: 2, code: "JUS-PRIS", name: "Prison Service" },
    hasSubAgencies: true,
    asOf: "2026-03-31",
    live: false,
    figuresAt: "2026-03-31T23:59:59.999Z",
    staleDays: 7,
    previous: null,
    agencies: [],
    totals: {
      ...zeroFigures(),
      endpoints: 12480,
      reporting: 12068,
      banned: 1020,
      remnants: 184,
      stale: 300,
      neverReported: 112,
      openFindings: 1530,
      resolvedFindings: 9000,
      percentComplete: "85.4",
      deadline: "2026-06-01",
      deadlineSource: "agency",
      removalsWindow: 420,
      reinstallsWindow: 14,
      projectedDay: "2026-05-24",
      daysLeft: 62,
      status: "on-track",
      ...over,
    },
    ...rest,
  };
}

describe("summary paragraph", () => {
  it("says how many endpoints need action, how many findings remain, and whether the deadline will be met", () => {
    const text = buildSummary(input(), EN);
    expect(text).toContain("At the end of 31 March 2026, Prison Service and its sub-agencies had 12,480 endpoints enrolled.");
    expect(text).toContain("1,204 of them (9.6%) need action: 1,020 with a banned product installed, 184 with only remnants of one left; 1,530 open findings in all.");
    expect(text).toContain("9,000 findings have been verified removed so far (85.4% of those found).");
    expect(text).toContain("This is the first published report for this scope.");
    expect(text).toContain("(29.0 a day overall), the last open finding would be removed by 24 May 2026, 8 days before the deadline of 1 June 2026. At this pace the deadline will be met.");
    expect(text).toContain("412 endpoints (3.3%) did not report in the last 7 days or never reported: their state is unknown and they are not counted as clean.");
  });

  it("states the change since the previous published report", () => {
    const previous = { reportId: 4, asOf: "2026-02-28", sha256: "ab".repeat(32), publishedAt: "2026-03-02T09:00:00.000Z", totals: { ...zeroFigures(), banned: 2900, remnants: 615 } };
    expect(buildSummary(input({}, { previous }), EN)).toContain(
      "Since the previous report (reporting date 28 February 2026), the number of endpoints that need action fell by 2,311, from 3,515 to 1,204.",
    );
    const same = { ...previous, totals: { ...zeroFigures(), banned: 1204 } };
    expect(buildSummary(input({}, { previous: same }), EN)).toContain("is unchanged at 1,204");
  });

  it("says plainly when the deadline will be missed, has passed, or nothing moves", () => {
    expect(buildSummary(input({ status: "at-risk", projectedDay: "2026-07-01" }), EN)).toContain(
      "30 days after the deadline of 1 June 2026. At this pace the deadline will not be met unless removals speed up.",
    );
    expect(buildSummary(input({ status: "at-risk", projectedDay: null, removalsWindow: 0, reinstallsWindow: 0, stalled: true }), EN)).toContain(
      "No completion date can be projected: no net removal was recorded in the last 14 days. At this pace the deadline will not be met",
    );
    expect(buildSummary(input({ status: "overdue", deadline: "2026-03-01", daysLeft: -30 }), EN)).toContain(
      "The deadline of 1 March 2026 has passed with 1,530 open findings remaining: it was not met.",
    );
    expect(buildSummary(input({ status: "done", openFindings: 0, banned: 0, remnants: 0 }), EN)).toContain("None of them needs action: none carries banned software.");
    expect(buildSummary(input({ remnants: 0, staleBanned: 17 }), EN)).toContain(
      "1,037 of them (8.3%) need action: 1,020 with a banned product installed, 17 stale and last seen with banned software; 1,530 open findings in all.",
    );
  });

  it("never says the deadline will be met while a part is overdue, and names the latest part's projection", () => {
    const agencies = [{ code: "INT-ICT", name: "Government ICT Services", level: 1, status: "overdue" as const, endpoints: 40 }];
    const text = buildSummary(input({ status: "overdue", statusFrom: "INT-ICT", projectedFrom: "INT-ICT", projectedDay: "2026-05-30" }, { agencies }), EN);
    expect(text).not.toContain("will be met");
    expect(text).toContain("would be removed by 30 May 2026 (the latest of the agencies: Government ICT Services)");
    expect(text).toContain("Overall the removal is overdue, because Government ICT Services is overdue");
  });

  it("names the agencies that are behind", () => {
    const agencies = [
      { code: "P", name: "Prison Service", level: 0, status: "at-risk" as const, endpoints: 10 },
      { code: "N", name: "North region", level: 1, status: "overdue" as const, endpoints: 4 },
      { code: "S", name: "South region", level: 1, status: "on-track" as const, endpoints: 6 },
    ];
    expect(buildSummary(input({}, { agencies }), EN)).toContain("2 of the 3 agencies with endpoints are behind: Prison Service (at risk), North region (overdue).");
  });

  it("speaks of the last agency deadline for the whole deployment", () => {
    const text = buildSummary(input({}, { scope: { kind: "deployment", name: "All agencies" }, live: true, figuresAt: "2026-03-31T14:05:09.000Z" }), EN);
    expect(text).toContain("As of 31 March 2026, 14:05 UTC, the agencies covered by Muster had");
    expect(text).toContain("before the last agency deadline, 1 June 2026");
  });
});
