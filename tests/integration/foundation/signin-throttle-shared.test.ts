// Sign-in throttling holds across app nodes: failed attempts and locks live in the database
// (auth_throttle, auth/throttle.ts), counted in one immediate transaction before the password is
// checked, so two connections to one database (two server processes) share one count and one lock,
// and nodes attempting at the same moment cannot together get past the limit. (On SQLite: two
// connections to one file, serialised by the immediate transaction; on PostgreSQL, with
// MUSTER_TEST_ENGINE=postgres, two sessions, serialised per key by an advisory lock:
// auth/store-throttle.ts lockThrottleKeys.) The HTTP side is tests/integration/foundation/signin.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Attempt, attemptKeys, attemptSucceeded, beginAttempt, lockedFor, THROTTLE } from "~/server/auth/throttle";
import { throttleRow } from "~/server/auth/store-throttle";
import type { Db } from "~/server/db/client";
import { createTempDb, type TempDb } from "../../support/db";
import { secondConnection } from "../../support/second-connection";
import { runScriptAsync } from "../../support/cli";

let temp: TempDb;
/** A second, separate connection to the same file: what another node would hold. */
let other: Db;

beforeAll(() => {
  temp = createTempDb();
  other = secondConnection(temp.file);
});

afterAll(() => {
  other?.$client.close();
  temp?.cleanup();
});

/** Runs `count` attempts (accounts `emails`, comma-separated, in turn) in a process of its own (tests/support/throttle-attempts.ts), starting at `startAt`. */
async function attemptsInProcess(emails: string, ip: string, count: number, startAt: number): Promise<Attempt[]> {
  const r = await runScriptAsync("tests/support/throttle-attempts.ts", [temp.file, emails, ip, String(count), String(startAt)]);
  if (r.code !== 0) throw new Error(`attempts exited with ${r.code}:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim()) as Attempt[];
}

describe("sign-in throttling across nodes (one database, several connections)", () => {
  it("two connections share one count: failures on either add up, and the lock one sets refuses on the other", () => {
    const keys = attemptKeys("shared@x.gov", "192.0.2.10");
    const now = Date.now();
    const seen: Attempt[] = [];
    for (let i = 0; i < THROTTLE.maxPerAccountAddress; i++) seen.push(beginAttempt(i % 2 === 0 ? temp.db : other, keys, now + i));
    expect(seen.map((a) => a.failures)).toEqual(Array.from({ length: THROTTLE.maxPerAccountAddress }, (_, i) => i + 1));
    expect(seen.at(-1)!.locked).toBe(true);
    // Locked for both connections, and a further attempt on either is refused without being counted.
    for (const db of [temp.db, other]) {
      expect(lockedFor(db, keys.pair, now + 10)).toBeGreaterThan(THROTTLE.lockMs - 1000);
      expect(beginAttempt(db, keys, now + 10)).toEqual({ wait: expect.any(Number), failures: 0, locked: false });
    }
    expect(throttleRow(temp.db, keys.pair)?.failures).toBe(THROTTLE.maxPerAccountAddress);
    // The lock ends for both at once.
    const after = now + THROTTLE.lockMs + 1000;
    expect([lockedFor(temp.db, keys.pair, after), lockedFor(other, keys.pair, after)]).toEqual([0, 0]);
  });

  it("a success on one connection starts the pair over for the other", () => {
    const keys = attemptKeys("reset@x.gov", "192.0.2.11");
    const now = Date.now();
    for (let i = 0; i < THROTTLE.maxPerAccountAddress - 1; i++) beginAttempt(temp.db, keys, now + i);
    expect(throttleRow(other, keys.pair)?.failures).toBe(THROTTLE.maxPerAccountAddress - 1);
    attemptSucceeded(other, keys);
    expect(throttleRow(temp.db, keys.pair)).toBeUndefined();
    expect(beginAttempt(temp.db, keys, now + 10).failures).toBe(1);
  });

  it("two processes attempting at the same moment together count exactly up to the limit, then both are refused", async () => {
    const per = 3 * THROTTLE.maxPerAccountAddress;
    const startAt = Date.now() + 4000; // both processes loaded and waiting by then
    const [a, b] = await Promise.all([attemptsInProcess("race@x.gov", "192.0.2.12", per, startAt), attemptsInProcess("race@x.gov", "192.0.2.12", per, startAt)]);
    const counted = [...a, ...b].filter((r) => r.wait === 0);
    const refused = [...a, ...b].filter((r) => r.wait > 0);
    // Every attempt was counted once (no lost update between the processes) and none past the limit.
    expect(counted.length).toBe(THROTTLE.maxPerAccountAddress);
    expect(counted.map((r) => r.failures).sort((x, y) => x - y)).toEqual(Array.from({ length: THROTTLE.maxPerAccountAddress }, (_, i) => i + 1));
    expect(counted.filter((r) => r.locked).length).toBe(1);
    expect(refused.length).toBe(2 * per - THROTTLE.maxPerAccountAddress);
    const keys = attemptKeys("race@x.gov", "192.0.2.12");
    expect(throttleRow(temp.db, keys.pair)?.failures).toBe(THROTTLE.maxPerAccountAddress);
    expect(throttleRow(temp.db, keys.ip)?.failures).toBe(THROTTLE.maxPerAccountAddress);
  });

  it("two processes spraying accounts from one address at the same moment stop together at the address's limit", async () => {
    const emails = Array.from({ length: 40 }, (_, i) => `spray${i}@x.gov`);
    const startAt = Date.now() + 4000;
    const [a, b] = await Promise.all([attemptsInProcess(emails.join(","), "192.0.2.13", 40, startAt), attemptsInProcess([...emails].reverse().join(","), "192.0.2.13", 40, startAt)]);
    // 80 attempts, no account reaching its own limit (2 each): the address's count decides, shared.
    expect([...a, ...b].filter((r) => r.wait === 0).length).toBe(THROTTLE.maxPerAddress);
    expect([...a, ...b].filter((r) => r.locked).length).toBe(1);
    expect(throttleRow(temp.db, attemptKeys("x", "192.0.2.13").ip)?.failures).toBe(THROTTLE.maxPerAddress);
    const pairs = emails.map((e) => throttleRow(temp.db, attemptKeys(e, "192.0.2.13").pair)?.failures ?? 0);
    expect(pairs.reduce((x, y) => x + y, 0)).toBe(THROTTLE.maxPerAddress);
  });
});
