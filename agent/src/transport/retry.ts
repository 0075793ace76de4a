// Retries within one run: exponential backoff with jitter, Retry-After honoured, everything
// bounded by a number of tries and a time budget shared by the whole run. What is still failing
// at the end stays in the spool for the next run.

export type RetryPolicy = { tries: number; baseMs: number; capMs: number; budgetMs: number };

export const DEFAULT_RETRY: RetryPolicy = { tries: 3, baseMs: 1000, capMs: 10_000, budgetMs: 30_000 };

/** Delay before retry number `retry` (0 = first retry): half fixed, half random ("equal jitter"). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\s*\d+\s*$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** Statuses worth retrying in the same run: overloaded, rate-limited, or a server-side failure. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export type Clock = { now(): number; sleep(ms: number): Promise<void> };
export const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export type Attempt<T> = { value: T; transient: boolean; retryAfterMs?: number } | { error: Error; final?: boolean };

/** The policy a run uses. MUSTER_AGENT_RETRY_BASE_MS shortens the backoff (tests) without changing its shape. */
export function retryPolicyFromEnv(env: Record<string, string | undefined> = process.env): RetryPolicy {
  const base = Number(env.MUSTER_AGENT_RETRY_BASE_MS);
  return Number.isFinite(base) && base > 0 ? { ...DEFAULT_RETRY, baseMs: base, capMs: base * 10 } : DEFAULT_RETRY;
}

/**
 * Calls `attempt` until it gives a non-transient answer, the tries run out or the run's deadline
 * would pass. Returns the last answer or throws the last network error.
 */
export async function withRetry<T>(attempt: () => Promise<Attempt<T>>, policy: RetryPolicy, deadline: number, clock: Clock = realClock, random: () => number = Math.random): Promise<T> {
  for (let i = 0; ; i++) {
    const r = await attempt();
    const last = i + 1 >= policy.tries;
    if ("value" in r && !r.transient) return r.value;
    if ("error" in r && r.final) throw r.error;
    const delay = "value" in r && r.retryAfterMs !== undefined ? r.retryAfterMs : backoffDelay(i, policy, random);
    if (last || clock.now() + delay > deadline) {
      if ("error" in r) throw r.error;
      return r.value;
    }
    await clock.sleep(delay);
  }
}
