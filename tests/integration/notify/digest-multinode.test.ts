// Digests with several app nodes on one database (issue 15; on SQLite: several processes on one
// file): which people are due is read before each digest's transaction, but the day is marked sent
// by a conditional update inside it (server/notify/store-preferences.ts markDigestDay), which
// decides whether the digest is written. So two nodes writing digests at the same moment, both
// having read the same list of who is due, write one per person and day. Delivered through the real
// SMTP relay (STARTTLS + AUTH); the nodes are processes of their own (tests/support/notify-digests.ts).
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPostgresUrl } from "~/server/db/client";
import { SyncPgConnection } from "~/server/db/pg-sync";
import { runScriptAsync } from "../../support/cli";
import { sleep } from "../reliability/support";
import { makeWorld, PEOPLE, T0, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await makeWorld({ env: { MUSTER_DIGEST_HOUR: "23" } });
}, 60_000);
afterAll(async () => {
  await w?.close();
});

/** Runs one digest pass at `now` in a process of its own, starting at `startAt`; what it wrote. */
async function digestsInProcess(now: number, startAt: number): Promise<{ daily: number; weekly: number }> {
  const r = await runScriptAsync("tests/support/notify-digests.ts", [w.file, String(now), String(startAt)]);
  if (r.code !== 0) throw new Error(`digests exited with ${r.code}:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim()) as { daily: number; weekly: number };
}

/**
 * Holds off every other connection's writes (reads go on) until the returned function is called.
 * SQLite: the write lock (an immediate transaction). PostgreSQL: a transaction holding the
 * preferences and messages tables in share mode, which lets reads through and makes every insert
 * or update of them wait (markDigestDay is a digest's first write).
 */
function holdWrites(location: string): () => void {
  if (isPostgresUrl(location)) {
    const c = new SyncPgConnection(location);
    c.query("begin");
    c.query("lock table notify_preferences, notify_messages in share mode");
    return () => {
      c.query("rollback");
      c.close();
    };
  }
  const lock = new Database(location);
  lock.pragma("busy_timeout = 5000");
  lock.exec("BEGIN IMMEDIATE");
  return () => {
    lock.exec("ROLLBACK");
    lock.close();
  };
}

describe("digests with several nodes on one database", () => {
  it("two nodes writing digests at the same moment write one per person and day", async () => {
    // Monday 23:30 UTC, after the digest hour: everyone's daily digest and the auditor's weekly summary are due.
    const now = T0 + 14.5 * 3_600_000;
    const startAt = Date.now() + 4000; // both processes loaded and waiting by then
    // Both read who is due, then wait for the writes this connection holds off: each goes on with
    // the same, now outdated, list of who is due.
    const release = holdWrites(w.file);
    const passes = Promise.all([digestsInProcess(now, startAt), digestsInProcess(now, startAt)]);
    await sleep(Math.max(0, startAt - Date.now()) + 1500);
    release();
    const [p1, p2] = await passes;
    const written = w.db.$client.prepare("select user_id as userId, kind, count(*) as n from notify_messages where kind in ('daily', 'weekly') group by user_id, kind").all() as {
      userId: number;
      kind: string;
      n: number;
    }[];
    expect(written.length).toBe(5); // four daily digests (officers, admin) and the auditor's weekly summary
    expect(written.every((r) => r.n === 1)).toBe(true);
    expect(p1!.daily + p2!.daily).toBe(4);
    expect(p1!.weekly + p2!.weekly).toBe(1);
    // Delivered through the relay: one digest per person.
    const mark = w.relay.mails.length;
    w.clock.now = now;
    await w.flush();
    const digests = w.relay.mails.slice(mark).filter((m) => /digest|summary/.test(m.subject));
    expect(digests.flatMap((m) => m.to).sort()).toEqual(
      Object.values(PEOPLE)
        .map((p) => p.email)
        .sort(),
    );
    // A later pass the same day, on either node, writes nothing.
    expect(await digestsInProcess(now + 600_000, 0)).toEqual({ daily: 0, weekly: 0 });
  }, 120_000);
});
