// The worker runs on the server's event loop. While the work thread holds the write lock for
// seconds (a million-row import is one transaction), a pass that waited in SQLite's busy handler
// would freeze every request for up to busy_timeout (5 s, seen in the stalls benchmark). It must
// give up at once, lose nothing, and deliver on the pass after the lock is released. PostgreSQL has
// no such lock, but a pass would wait as long for the rows another session's transaction holds (an
// import merging counts into the events a pass stamps): the same test, with those rows held.
import Database from "better-sqlite3";
import { afterEach, beforeEach, expect, it } from "vitest";
import { ALL } from "~/server/access/scope";
import { isPostgresUrl } from "~/server/db/client";
import { WRITE_LOCK_KEY } from "~/server/db/pg-compat";
import { SyncPgConnection } from "~/server/db/pg-sync";
import { dayOf } from "~/server/lib/time";
import { publishReport } from "~/server/reports/publish";
import { testEngine } from "../../support/db";
import { makeWorld, PEOPLE, type World } from "./world";

// A world per case: a second report in the same world would be folded into the first's message.
let w: World;
beforeEach(async () => {
  w = await makeWorld({ env: { MUSTER_DIGEST_HOUR: "23" } });
}, 60_000);
afterEach(async () => {
  await w?.close();
});

const messageCount = () => (w.db.$client.prepare("select count(*) as n from notify_messages").get() as { n: number }).n;

/**
 * Another connection's write transaction, open until the returned function is called. SQLite: the
 * write lock. PostgreSQL: the write lock every immediate transaction takes (another node's group
 * commit, the work thread's re-evaluation), or only the undispatched events written (locked) by
 * it, as an import merging counts into them would.
 */
function otherWriter(location: string, holds: "write lock" | "rows" = "write lock"): () => void {
  if (isPostgresUrl(location)) {
    const c = new SyncPgConnection(location);
    c.query("begin");
    if (holds === "write lock") c.query(`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
    else c.query("update notify_events set count = count where dispatched_at is null");
    return () => {
      c.query("rollback");
      c.close();
    };
  }
  const other = new Database(location);
  other.exec("BEGIN IMMEDIATE");
  return () => {
    other.exec("ROLLBACK");
    other.close();
  };
}

const HELD = testEngine() === "postgres" ? (["write lock", "rows"] as const) : (["write lock"] as const);

it.each(HELD)("does not hold the event loop while another connection holds the %s, and delivers once it is free", async (holds) => {
  publishReport(
    w.db,
    { id: w.users.officer, email: PEOPLE.officer.email, name: PEOPLE.officer.name, role: "officer", agencyId: null },
    ALL,
    w.actor("officer"),
    { agencyId: w.agencies["FIN-TAX"]!, asOf: dayOf(w.clock.now) },
    w.clock.now,
  );
  const release = otherWriter(w.file, holds);
  try {
    const started = performance.now();
    await w.notifier.tick();
    // The connection's busy_timeout is 5 s: a pass that waited for the lock takes that long.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(messageCount()).toBe(0);
  } finally {
    release();
  }
  const before = w.relay.mails.length;
  await w.notifier.tick();
  await w.notifier.idle();
  const to = w.relay.mails.slice(before).flatMap((m) => m.to);
  expect(to).toEqual(expect.arrayContaining([PEOPLE.admin.email, PEOPLE.tax.email]));
  expect(w.db.$client.pragma("busy_timeout", { simple: true })).toBe(5_000);
});
