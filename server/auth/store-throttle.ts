// Sign-in throttling's rows (throttle.ts): per key, the failures in the current window, when the
// window began and until when the key is locked.
import { eq, sql } from "drizzle-orm";
import { type Db, isPostgres } from "../db/client";
import { authThrottle } from "../db/schema";
import { prep } from "../db/sql";

export type ThrottleRow = typeof authThrottle.$inferSelect;

/** pg_advisory_xact_lock's first key: sign-in throttling's class of locks (its second key is the throttle key's hash). */
const THROTTLE_LOCK_CLASS = 0x4d550002;
const LOCK_KEY = `select pg_advisory_xact_lock(${THROTTLE_LOCK_CLASS}, hashtext(cast(? as text)))`;

/**
 * Serialises the attempts on these keys across nodes until the transaction ends. SQLite's
 * immediate transaction already holds the one write lock from its start; PostgreSQL's BEGIN takes
 * none, and two sessions would both read the same count (or both find no row) and both write it
 * back, letting attempts past the limit. A row lock (`select … for update`) cannot cover a key
 * whose row does not exist yet, so each key takes a transaction-level advisory lock instead, in a
 * fixed order (sorted) so that two attempts never wait on each other in a cycle.
 */
export function lockThrottleKeys(db: Db, keys: string[]): void {
  if (!isPostgres(db)) return;
  for (const key of [...keys].sort()) prep(db, LOCK_KEY).get(key);
}

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
