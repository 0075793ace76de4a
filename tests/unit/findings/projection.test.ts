import { describe, expect, it } from "vitest";
import { percentComplete, projectCompletion } from "~/server/findings/projection";

describe("projectCompletion", () => {
  const base = { today: "2026-11-28", windowDays: 14 };

  it("projects from the net removal rate of the window", () => {
    // 28 removals, 0 reinstalls in 14 days: 2 a day; 10 open -> 5 days.
    const p = projectCompletion({ ...base, remaining: 10, removals: 28, reinstalls: 0, deadline: "2026-12-31" });
    expect(p.ratePerDay).toBe(2);
    expect(p.projectedDay).toBe("2026-12-03");
    expect(p.daysLeft).toBe(33);
    expect(p.status).toBe("on-track");
  });

  it("rounds the days up and subtracts reinstalls", () => {
    // (20 - 6) / 14 = 1 a day; 7 open -> 7 days.
    expect(projectCompletion({ ...base, remaining: 7, removals: 20, reinstalls: 6, deadline: null }).projectedDay).toBe("2026-12-05");
    // 3 / 14 a day; 1 open -> ceil(4.67) = 5 days.
    expect(projectCompletion({ ...base, remaining: 1, removals: 3, reinstalls: 0, deadline: null }).projectedDay).toBe("2026-12-03");
  });

  it("is at risk when the projection passes the deadline, or nothing is removed", () => {
    expect(projectCompletion({ ...base, remaining: 100, removals: 14, reinstalls: 0, deadline: "2026-12-31" }).status).toBe("at-risk");
    const stalled = projectCompletion({ ...base, remaining: 5, removals: 3, reinstalls: 5, deadline: "2027-06-30" });
    expect(stalled.ratePerDay).toBe(0);
    expect(stalled.projectedDay).toBeNull();
    expect(stalled.status).toBe("at-risk");
  });

  it("a projection landing on the deadline day is on track", () => {
    // 14 removals / 14 days = 1 a day, 33 open, deadline in 33 days.
    expect(projectCompletion({ ...base, remaining: 33, removals: 14, reinstalls: 0, deadline: "2026-12-31" }).status).toBe("on-track");
    expect(projectCompletion({ ...base, remaining: 34, removals: 14, reinstalls: 0, deadline: "2026-12-31" }).status).toBe("at-risk");
  });

  it("is overdue once the deadline has passed with findings open, done with none", () => {
    const late = projectCompletion({ ...base, remaining: 1, removals: 100, reinstalls: 0, deadline: "2026-11-27" });
    expect(late.status).toBe("overdue");
    expect(late.daysLeft).toBe(-1);
    expect(projectCompletion({ ...base, remaining: 0, removals: 0, reinstalls: 0, deadline: "2026-11-27" }).status).toBe("done");
    expect(projectCompletion({ ...base, remaining: 0, removals: 0, reinstalls: 0, deadline: null }).projectedDay).toBeNull();
  });

  it("without a deadline says so instead of guessing", () => {
    expect(projectCompletion({ ...base, remaining: 3, removals: 14, reinstalls: 0, deadline: null }).status).toBe("no-deadline");
  });

  it("the deadline day itself still has zero days left, not overdue", () => {
    const p = projectCompletion({ ...base, remaining: 1, removals: 0, reinstalls: 0, deadline: "2026-11-28" });
    expect(p.daysLeft).toBe(0);
    expect(p.status).toBe("at-risk");
  });
});

describe("percentComplete", () => {
  it("is resolved over resolved plus open, null when there never was a finding", () => {
    expect(percentComplete(3, 1)).toBe(0.75);
    expect(percentComplete(0, 0)).toBeNull();
    expect(percentComplete(0, 5)).toBe(0);
  });
});
