import { describe, expect, it } from "vitest";
import { backoffDelay, isTransientStatus, parseRetryAfter, withRetry, type Attempt, type Clock, type RetryPolicy } from "~/agent/src/transport/retry";

const policy: RetryPolicy = { tries: 3, baseMs: 1000, capMs: 10_000, budgetMs: 30_000 };

/** A clock whose sleep advances time instantly and records each delay. */
function fakeClock(start = 0): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe("backoff", () => {
  it("doubles per retry, jitters within the upper half, and is capped", () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(500);
    expect(backoffDelay(0, policy, () => 1)).toBe(1000);
    expect(backoffDelay(1, policy, () => 0)).toBe(1000);
    expect(backoffDelay(2, policy, () => 1)).toBe(4000);
    expect(backoffDelay(10, policy, () => 1)).toBe(10_000);
    for (let i = 0; i < 50; i++) {
      const d = backoffDelay(3, policy);
      expect(d).toBeGreaterThanOrEqual(4000);
      expect(d).toBeLessThanOrEqual(8000);
    }
  });

  it("Retry-After in seconds or as an HTTP date", () => {
    expect(parseRetryAfter("7")).toBe(7000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:10 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(10_000);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });

  it("what is retried in the same run", () => {
    expect([408, 429, 500, 502, 503].every(isTransientStatus)).toBe(true);
    expect([200, 400, 401, 403, 409, 413].some(isTransientStatus)).toBe(false);
  });
});

describe("withRetry", () => {
  const answers = (...list: Attempt<number>[]) => {
    let i = 0;
    const calls = { n: 0 };
    return {
      calls,
      attempt: async () => {
        calls.n++;
        return list[Math.min(i++, list.length - 1)]!;
      },
    };
  };

  it("retries transient answers and returns the first final one", async () => {
    const clock = fakeClock();
    const { attempt, calls } = answers({ value: 503, transient: true }, { value: 200, transient: false });
    expect(await withRetry(attempt, policy, 30_000, clock, () => 0)).toBe(200);
    expect(calls.n).toBe(2);
    expect(clock.slept).toEqual([500]);
  });

  it("honours Retry-After instead of its own backoff", async () => {
    const clock = fakeClock();
    const { attempt } = answers({ value: 429, transient: true, retryAfterMs: 2000 }, { value: 200, transient: false });
    await withRetry(attempt, policy, 30_000, clock);
    expect(clock.slept).toEqual([2000]);
  });

  it("gives up after the allowed tries and returns the last transient answer", async () => {
    const clock = fakeClock();
    const { attempt, calls } = answers({ value: 503, transient: true });
    expect(await withRetry(attempt, policy, 30_000, clock, () => 0)).toBe(503);
    expect(calls.n).toBe(3);
    expect(clock.slept).toEqual([500, 1000]);
  });

  it("stops rather than wait past the run's deadline", async () => {
    const clock = fakeClock();
    const { attempt, calls } = answers({ value: 429, transient: true, retryAfterMs: 3_600_000 });
    expect(await withRetry(attempt, policy, 30_000, clock)).toBe(429);
    expect(calls.n).toBe(1);
    expect(clock.slept).toEqual([]);
  });

  it("rethrows the last network error", async () => {
    const clock = fakeClock();
    const { attempt, calls } = answers({ error: new Error("ECONNREFUSED") });
    await expect(withRetry(attempt, policy, 30_000, clock)).rejects.toThrow("ECONNREFUSED");
    expect(calls.n).toBe(3);
  });
});
