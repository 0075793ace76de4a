// Sign-in throttling, persisted so a restart does not reset it. Keys: one account from one address
// ("pair:<email>|<ip>") and one address ("ip:<ip>"). Failures from one address lock that account
// only for that address, so nobody can lock an account (the administrator's included) out from
// everywhere; an address that sprays many accounts is stopped by its own key.
//
// An attempt is counted BEFORE the password is verified (one immediate transaction), so parallel
// attempts cannot all slip past the check while the slow hash runs; a success gives its count back.
import type { Db } from "../db/client";
import { deleteThrottle, giveBackAttempt, lockThrottleKeys, saveAttemptCount, throttleRow } from "./store-throttle";

export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxPerAccountAddress: 5,
  maxPerAddress: 50,
};

export type AttemptKeys = { pair: string; ip: string };

export function attemptKeys(email: string, ip: string): AttemptKeys {
  return { pair: `pair:${email}|${ip}`, ip: `ip:${ip}` };
}

const limitFor = (key: string) => (key.startsWith("pair:") ? THROTTLE.maxPerAccountAddress : THROTTLE.maxPerAddress);

/** Milliseconds until the key may try again, or 0. */
export function lockedFor(db: Db, key: string, now = Date.now()): number {
  const row = throttleRow(db, key);
  if (!row?.lockedUntil) return 0;
  return Math.max(0, row.lockedUntil - now);
}

/** Counts one attempt on a key; returns true when this attempt reached the limit (the key is then locked). */
function countAttempt(db: Db, key: string, now: number): boolean {
  const row = throttleRow(db, key);
  const fresh = !row || now - row.windowStart > THROTTLE.windowMs;
  const failures = fresh ? 1 : row.failures + 1;
  const lock = failures >= limitFor(key);
  saveAttemptCount(db, key, failures, fresh ? now : row.windowStart, fresh, lock ? now + THROTTLE.lockMs : null);
  return lock;
}

export type Attempt = { wait: number; failures: number; locked: boolean };

/**
 * Before verifying a password: refuses (wait > 0, nothing counted) while either key is locked;
 * otherwise counts the attempt on both keys and says whether it reached a limit.
 */
export function beginAttempt(db: Db, keys: AttemptKeys, now = Date.now()): Attempt {
  return db.$client
    .transaction(() => {
      lockThrottleKeys(db, [keys.pair, keys.ip]);
      const wait = Math.max(lockedFor(db, keys.pair, now), lockedFor(db, keys.ip, now));
      if (wait > 0) return { wait, failures: 0, locked: false };
      const locked = [countAttempt(db, keys.pair, now), countAttempt(db, keys.ip, now)].some(Boolean);
      const failures = throttleRow(db, keys.pair)?.failures ?? 1;
      return { wait: 0, failures, locked };
    })
    .immediate();
}

/** After a successful sign-in: the account/address pair starts over, the address gets its attempt back. */
export function attemptSucceeded(db: Db, keys: AttemptKeys): void {
  db.$client
    .transaction(() => {
      lockThrottleKeys(db, [keys.pair, keys.ip]);
      deleteThrottle(db, keys.pair);
      giveBackAttempt(db, keys.ip, THROTTLE.maxPerAddress);
    })
    .immediate();
}
