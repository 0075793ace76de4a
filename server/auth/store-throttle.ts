// Sign-in throttling's rows (throttle.ts): per key, the failures in the current window, when the
// window began and until when the key is locked.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { authThrottle } from "../db/schema";

export type ThrottleRow = typeof authThrottle.$inferSelect;

export function throttleRow(db: Db, key: string): ThrottleRow | undefined {
  return db.select().from(authThrottle).where(eq(authThrottle.key, key)).get();
}

/**
 * Writes a key's count. `freshWindow`: a new window starts at `windowStart`; otherwise an
 * existing row keeps the start it has.
 */
export function saveAttemptCount(db: Db, key: string, failures: number, windowStart: number, freshWindow: boolean, lockedUntil: number | null): void {
  db.insert(authThrottle)
    .values({ key, failures, windowStart, lockedUntil })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: { failures, windowStart: freshWindow ? windowStart : sql`${authThrottle.windowStart}`, lockedUntil },
    })
    .run();
}

export function deleteThrottle(db: Db, key: string): void {
  db.delete(authThrottle).where(eq(authThrottle.key, key)).run();
}

/** One failure given back; the lock lifts once the count is under `maxFailures`. */
export function giveBackAttempt(db: Db, key: string, maxFailures: number): void {
  db.update(authThrottle)
    .set({
      failures: sql`max(0, ${authThrottle.failures} - 1)`,
      lockedUntil: sql`case when ${authThrottle.failures} - 1 < ${maxFailures} then null else ${authThrottle.lockedUntil} end`,
    })
    .where(eq(authThrottle.key, key))
    .run();
}
