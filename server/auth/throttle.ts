// Failed sign-in throttling, per account and per client address, persisted so a restart
// does not reset it.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { authThrottle } from "../db/schema";

export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxPerAccount: 5,
  maxPerAddress: 50,
};

const limitFor = (key: string) => (key.startsWith("acct:") ? THROTTLE.maxPerAccount : THROTTLE.maxPerAddress);

/** Milliseconds until the key may try again, or 0. */
export function lockedFor(db: Db, key: string, now = Date.now()): number {
  const row = db.select().from(authThrottle).where(eq(authThrottle.key, key)).get();
  if (!row?.lockedUntil) return 0;
  return Math.max(0, row.lockedUntil - now);
}

/** Counts one failure; returns true when this failure locked the key. */
export function recordFailure(db: Db, key: string, now = Date.now()): boolean {
  const row = db.select().from(authThrottle).where(eq(authThrottle.key, key)).get();
  const fresh = !row || now - row.windowStart > THROTTLE.windowMs;
  const failures = fresh ? 1 : row.failures + 1;
  const lock = failures >= limitFor(key);
  db.insert(authThrottle)
    .values({ key, failures, windowStart: fresh ? now : row.windowStart, lockedUntil: lock ? now + THROTTLE.lockMs : null })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        failures,
        windowStart: fresh ? now : sql`${authThrottle.windowStart}`,
        lockedUntil: lock ? now + THROTTLE.lockMs : null,
      },
    })
    .run();
  return lock;
}

export function clearFailures(db: Db, key: string): void {
  db.delete(authThrottle).where(eq(authThrottle.key, key)).run();
}
