// Pure parts of the operations code: route groups (the bounded label set of the HTTP metrics and
// the access log), the development log format, and how re-evaluation sizes its transactions.
import { describe, expect, it } from "vitest";
import { prettyLine } from "~/server/ops/log";
import { routeGroup } from "~/server/ops/requests";
import { nextChunkSize } from "~/server/reevaluation/reevaluate";

describe("routeGroup", () => {
  it("maps every path to one of a fixed set of groups", () => {
    expect(routeGroup("/api/agent/v1/checkin")).toEqual({ api: "agent", route: "checkin" });
    expect(routeGroup("/api/agent/v1/enroll/")).toEqual({ api: "agent", route: "enroll" });
    expect(routeGroup("/api/agent/v1/anything-else")).toEqual({ api: "agent", route: "other" });
    expect(routeGroup("/healthz")).toEqual({ api: "ops", route: "healthz" });
    expect(routeGroup("/api/trpc/reports.preview,overview.get")).toEqual({ api: "dashboard", route: "trpc" });
    expect(routeGroup("/api/auth/callback/oidc")).toEqual({ api: "dashboard", route: "auth" });
    expect(routeGroup("/_next/static/chunks/x.js")).toEqual({ api: "dashboard", route: "static" });
    expect(routeGroup("/reports/12/endpoints.csv")).toEqual({ api: "dashboard", route: "report_file" });
    expect(routeGroup("/endpoints/export")).toEqual({ api: "dashboard", route: "export" });
    expect(routeGroup("/endpoints/dev_abc123")).toEqual({ api: "dashboard", route: "page" });
    const groups = new Set(Array.from({ length: 500 }, (_, i) => JSON.stringify(routeGroup(`/x${i}/${"y".repeat(i % 7)}`))));
    expect(groups.size).toBe(1);
  });
});

describe("prettyLine", () => {
  it("prints time, level, message and fields, and the stack of an error below", () => {
    const line = prettyLine(JSON.stringify({ level: 50, time: Date.UTC(2026, 0, 2, 3, 4, 5), msg: "request failed", status: 500, err: { message: "boom", stack: "Error: boom\n    at x" } }));
    expect(line).toBe("03:04:05 ERROR request failed status=500\n  Error: boom\n    at x\n");
    expect(prettyLine("not json")).toBe("not json");
  });
});

describe("nextChunkSize", () => {
  it("aims at the target time per transaction, within bounds", () => {
    // 1,000 endpoints took 20 ms: about 5,000 fit in 100 ms; the step is damped and at most 4x.
    expect(nextChunkSize(1000, 20, 100, 25_000)).toBe(3000);
    // Too slow: shrink towards the target.
    expect(nextChunkSize(10_000, 1000, 100, 25_000)).toBe(5500);
    // Never above the maximum, never below 1,000 (fixed costs per chunk would dominate).
    expect(nextChunkSize(20_000, 1, 100, 25_000)).toBe(25_000);
    expect(nextChunkSize(1000, 10_000, 100, 25_000)).toBe(1000);
    let size = 1000;
    for (let i = 0; i < 20; i++) size = nextChunkSize(size, size / 40, 100, 25_000); // 40 endpoints a millisecond
    expect(size).toBeGreaterThan(3900);
    expect(size).toBeLessThan(4100);
  });
});
