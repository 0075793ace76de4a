import { describe, expect, it } from "vitest";
import { FailureWindow, TokenBuckets } from "~/server/ingest/rate-limit";

describe("token buckets", () => {
  it("allows a burst, then refills at the configured rate", () => {
    const b = new TokenBuckets(3, 60); // 1 per second
    expect([0, 0, 0].map(() => b.take("d", 0))).toEqual([0, 0, 0]);
    expect(b.take("d", 0)).toBe(1);
    expect(b.take("d", 1000)).toBe(0);
    expect(b.take("other", 0)).toBe(0); // per device
    b.prune(10_000);
    expect(b.size).toBe(0);
  });

  it("capacity 0 disables the limit", () => {
    const b = new TokenBuckets(0, 0);
    for (let i = 0; i < 100; i++) expect(b.take("d", 0)).toBe(0);
  });
});

describe("failure window", () => {
  it("blocks after max failures for the rest of the window", () => {
    const w = new FailureWindow(2, 60_000);
    expect(w.blockedFor("ip", 0)).toBe(0);
    w.fail("ip", 0);
    w.fail("ip", 1000);
    expect(w.blockedFor("ip", 1000)).toBe(59);
    expect(w.blockedFor("ip", 60_000)).toBe(0);
  });
});
