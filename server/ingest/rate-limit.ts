// In-memory limits: a token bucket per device for check-ins, and a fixed window per client address
// for failed enrollment attempts. One server process serves the agent API, so memory is the
// right place; entries that went idle are pruned by the maintenance loop.

export class TokenBuckets {
  private buckets = new Map<string, { tokens: number; at: number }>();

  /** `capacity` tokens at most, refilled at `perMinute` per minute. */
  constructor(
    readonly capacity: number,
    readonly perMinute: number,
  ) {}

  /** 0 when allowed (a token was taken), else the seconds to wait. */
  take(key: string, now: number): number {
    if (this.capacity <= 0) return 0;
    const refill = this.perMinute / 60_000;
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = { tokens: this.capacity, at: now }));
    else {
      b.tokens = Math.min(this.capacity, b.tokens + Math.max(0, now - b.at) * refill);
      b.at = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return refill > 0 ? Math.ceil((1 - b.tokens) / refill / 1000) : 60;
  }

  /** Drops buckets that are full again (idle long enough): they would behave as new ones. */
  prune(now: number): void {
    const refill = this.perMinute / 60_000;
    for (const [k, b] of this.buckets) if (b.tokens + (now - b.at) * refill >= this.capacity) this.buckets.delete(k);
  }

  get size(): number {
    return this.buckets.size;
  }
}

export class FailureWindow {
  private windows = new Map<string, { count: number; start: number }>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Seconds until `key` may try again, or 0. */
  blockedFor(key: string, now: number): number {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs || w.count < this.max) return 0;
    return Math.ceil((w.start + this.windowMs - now) / 1000);
  }

  /** Counts a failure; returns the number of failures in the current window. */
  fail(key: string, now: number): number {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) this.windows.set(key, (w = { count: 0, start: now }));
    return ++w.count;
  }

  prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
