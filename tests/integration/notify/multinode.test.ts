// Several app nodes on one database (issue 15; on SQLite: several processes on one file), as far as
// notifications go. Delivery: a message is leased in the database by the node sending it, taken with
// a conditional update, so a node starting while another sends leaves that send alone, a node that
// was killed during a send has the message sent again by another (once, with the same id) only when
// its lease ran out, and two nodes delivering from one outbox send each message once. Real SMTP relay
// (STARTTLS + AUTH) as the other notification tests; the other nodes are processes of their own
// (tests/support/notify-worker.ts). Digests: digest-multinode.test.ts.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Database from "better-sqlite3";
import { type Db, isPostgresUrl, openSqlite, schema } from "~/server/db/client";
import { PgCompatDatabase } from "~/server/db/pg-compat";
import { claimDue, finishAttempt, insertMessage } from "~/server/notify/outbox";
import { dueMessages, leaseMessage } from "~/server/notify/store-outbox";
import { readPreferences, writePreferences } from "~/server/notify/preferences";
import { startNotifier } from "~/server/notify/worker";
import { ROOT, TS_NODE_ARGS } from "../../support/server";
import { waitFor } from "../reliability/support";
import { makeWorld, PEOPLE, type World } from "./world";

let w: World;
/** A second connection to the database: the node running in this process. */
let other: Db;
/** How long the relay holds its reply after DATA (the send is under way meanwhile). */
let relayDelayMs = 0;
const children: ChildProcess[] = [];

beforeAll(async () => {
  w = await makeWorld({ env: { MUSTER_DIGEST_HOUR: "23" }, relay: { delayMs: () => relayDelayMs } });
  other = secondConnection(w.file);
  // The nodes here run on the real clock, and the world's digest hour (23 UTC) comes once a day: no
  // digests, so that only the messages each test queues are sent (digests: digest-multinode.test.ts).
  for (const [who, p] of Object.entries(PEOPLE) as [keyof typeof PEOPLE, (typeof PEOPLE)[keyof typeof PEOPLE]][]) {
    const prefs = readPreferences(w.db, w.users[who], p.role);
    writePreferences(w.db, w.users[who], { ...prefs, dailyDigest: false, weeklySummary: false }, Date.now());
  }
}, 60_000);
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  other?.$client.close();
  await w?.close();
});

/** A connection of its own to the test database (a SQLite file, or on PostgreSQL a session of its own). */
function secondConnection(location: string): Db {
  const client = isPostgresUrl(location) ? (new PgCompatDatabase(location, "node B") as unknown as Database.Database) : openSqlite(location);
  return drizzle(client, { schema }) as Db;
}

/** Starts a delivery worker in a process of its own on the test database; resolves once it runs. */
function workerProcess(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TS_NODE_ARGS, path.join(ROOT, "tests/support/notify-worker.ts"), w.file], {
      cwd: ROOT,
      env: { ...process.env, MUSTER_NOTIFY_POLL_MS: "50" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let err = "";
    child.stderr!.on("data", (d) => (err += d));
    child.stdout!.on("data", (d) => String(d).includes("ready") && resolve(child));
    child.once("error", reject);
    child.once("exit", (code, signal) => reject(new Error(`worker exited (${code ?? signal}):\n${err}`)));
  });
}

function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

/** Writes `n` e-mails to the outbox, due now; their uids. */
function queue(n: number, label: string): string[] {
  const now = Date.now();
  const ids = Array.from({ length: n }, (_, i) =>
    insertMessage(w.db, { channel: "email", kind: "test", recipient: PEOPLE.admin.email, subject: `${label} ${i}`, body: `Message ${i} of ${label}.`, agencyIds: [] }, now),
  );
  return ids.map((id) => (w.db.$client.prepare("select uid from notify_messages where id = ?").get(id) as { uid: string }).uid);
}

const attemptsOf = (uids: string[]) =>
  uids.map(
    (uid) => w.db.$client.prepare("select a.outcome from notify_attempts a join notify_messages m on m.id = a.message_id where m.uid = ? order by a.id").all(uid) as { outcome: string | null }[],
  );
const statusOf = (uids: string[]) => uids.map((uid) => (w.db.$client.prepare("select status from notify_messages where uid = ?").get(uid) as { status: string }).status);
/** How many times each uid reached the relay among mails[since…]. */
const arrivals = (uids: string[], since = 0) => {
  const ids = w.relay.mails.slice(since).map((m) => /^<(msg_[^@]+)@/.exec(m.messageId)?.[1] ?? m.messageId);
  return uids.map((uid) => ids.filter((id) => id === uid).length);
};

describe("notification delivery with several nodes on one database", () => {
  it("a node starting while another sends leaves that send alone: each message is sent once", async () => {
    const uids = queue(3, "in progress");
    relayDelayMs = 3000;
    const a = await workerProcess();
    // Node A has claimed all three and its first send has reached the relay (whose reply waits).
    await waitFor("node A to be sending", () => w.relay.mails.length > 0 && attemptsOf(uids).every((x) => x.length === 1), 30_000);
    // Node B starts now (its first pass recovers interrupted attempts, then claims what is due).
    const b = startNotifier(other, { config: () => w.cfg, timers: false });
    await b.tick();
    await b.idle();
    expect(attemptsOf(uids)).toEqual(uids.map(() => [{ outcome: null }]));
    await waitFor("node A to deliver", () => statusOf(uids).every((s) => s === "delivered"), 60_000);
    await exited(a, "SIGTERM");
    await b.tick();
    await b.idle();
    expect(arrivals(uids)).toEqual([1, 1, 1]);
    expect(attemptsOf(uids)).toEqual(uids.map(() => [{ outcome: "delivered" }]));
  }, 120_000);

  it("a node killed during a send has the message sent once by another, only when its lease ran out", async () => {
    const uids = queue(2, "killed");
    relayDelayMs = 60_000;
    const a = await workerProcess();
    await waitFor("node A to be sending", () => w.relay.mails.length > 0 && arrivals(uids).some((n) => n === 1) && attemptsOf(uids).every((x) => x.length === 1), 30_000);
    await exited(a, "SIGKILL");
    const killedAt = Date.now();
    relayDelayMs = 0;
    const mark = w.relay.mails.length;
    let clock = Date.now();
    const b = startNotifier(other, { config: () => w.cfg, timers: false, clock: () => clock });
    // Within the lease: node B cannot tell a dead node from a slow one, and sends nothing.
    await b.tick();
    await b.idle();
    expect(w.relay.mails.length).toBe(mark);
    expect(attemptsOf(uids)).toEqual(uids.map(() => [{ outcome: null }]));
    // Once the lease has run out: B closes A's attempts as interrupted and sends each message once.
    clock = killedAt + w.cfg.leaseMs + 1000;
    for (let i = 0; i < 3; i++) {
      await b.tick();
      await b.idle();
    }
    expect(arrivals(uids, mark)).toEqual([1, 1]);
    expect(statusOf(uids)).toEqual(["delivered", "delivered"]);
    expect(attemptsOf(uids)).toEqual(uids.map(() => [{ outcome: "interrupted" }, { outcome: "delivered" }]));
  }, 120_000);

  it("a claim is conditional on the lease it read: a node that read a message before another claimed it cannot claim it", () => {
    const [uid] = queue(1, "conditional");
    const id = (w.db.$client.prepare("select id from notify_messages where uid = ?").get(uid) as { id: number }).id;
    const now = Date.now();
    const read = dueMessages(other, now, 1000).find((m) => m.id === id)!;
    const claimed = claimDue(w.db, now, 1000, w.cfg.leaseMs, new Set());
    expect(claimed.map((c) => c.message.id)).toEqual([id]);
    // `other` read the message as due before that claim committed; its conditional update now fails.
    expect(leaseMessage(other, id, read.leaseAt, now + w.cfg.leaseMs)).toBe(false);
    expect(claimDue(other, now, 1000, w.cfg.leaseMs, new Set())).toEqual([]);
    expect(attemptsOf([uid!])).toEqual([[{ outcome: null }]]);
    // The claiming node's send went through.
    expect(finishAttempt(w.db, claimed[0]!.attemptId, id, { ok: true, detail: "250 OK" }, { dead: false, retryAt: now }, now)).toBe("delivered");
  });

  it("a node whose lease ran out and whose send then fails does not move the lease of the node that took the message over", () => {
    const [uid] = queue(1, "taken over");
    const id = (w.db.$client.prepare("select id from notify_messages where uid = ?").get(uid) as { id: number }).id;
    const now = Date.now();
    const first = claimDue(w.db, now, 1000, w.cfg.leaseMs, new Set());
    const later = now + w.cfg.leaseMs + 1000;
    const second = claimDue(other, later, 1000, w.cfg.leaseMs, new Set());
    expect([first.map((c) => c.message.id), second.map((c) => c.message.id)]).toEqual([[id], [id]]);
    const lease = () => w.db.$client.prepare("select status, next_attempt_at as at from notify_messages where id = ?").get(id);
    expect(lease()).toEqual({ status: "pending", at: later + w.cfg.leaseMs });
    // The first node's late failure is recorded on its attempt; the message stays with the second.
    finishAttempt(w.db, first[0]!.attemptId, id, { ok: false, permanent: false, detail: "421 try later" }, { dead: false, retryAt: later + 1 }, later + 1);
    expect(lease()).toEqual({ status: "pending", at: later + w.cfg.leaseMs });
    expect(finishAttempt(other, second[0]!.attemptId, id, { ok: true, detail: "250 OK" }, { dead: false, retryAt: later + 2 }, later + 2)).toBe("delivered");
    expect(attemptsOf([uid!])).toEqual([[{ outcome: "failed" }, { outcome: "delivered" }]]);
  });

  it("two nodes delivering from one outbox at once send each message once", async () => {
    const uids = queue(40, "shared");
    relayDelayMs = 30;
    const nodes = await Promise.all([workerProcess(), workerProcess()]);
    await waitFor("every message to be delivered", () => statusOf(uids).every((s) => s === "delivered"), 90_000);
    await Promise.all(nodes.map((n) => exited(n, "SIGTERM")));
    expect(arrivals(uids)).toEqual(uids.map(() => 1));
    expect(attemptsOf(uids)).toEqual(uids.map(() => [{ outcome: "delivered" }]));
  }, 120_000);
});
