// The maintenance pass with several app nodes on one database (issue 15; on SQLite: several
// processes on one file in WAL mode). The pass (stale marking, waiver expiry, check-in archive,
// pending re-evaluation, interrupted imports) and the agency watch run on the node holding the
// "maintenance" lease (table job_leases), taken or renewed by one conditional upsert
// (server/work/store-leases.ts claimLease): two nodes ticking at the same moment run one pass; a
// node that stops releases the lease, and one that was killed loses it when it lapses, to the next
// node that ticks. The other nodes are processes of their own (tests/support/multinode-node.ts).
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/server/db/client";
import { createMaintenance, MAINTENANCE_LEASE, startMaintenance } from "~/server/work/maintenance-schedule";
import { claimLease, leaseRow } from "~/server/work/store-leases";
import { runScriptAsync } from "../../support/cli";
import { createTempDb, type TempDb } from "../../support/db";
import { holdWriteLock, secondConnection } from "../../support/second-connection";
import { ROOT, TS_NODE_ARGS } from "../../support/server";
import { sleep } from "../reliability/support";

const SCRIPT = "tests/support/multinode-node.ts";
let t: TempDb;
/** A second connection: the node running in this process. */
let other: Db;
const children: ChildProcess[] = [];

beforeAll(() => {
  t = createTempDb();
  other = secondConnection(t.file);
});
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  other?.$client.close();
  t?.cleanup();
});

const pending = () => t.db.$client.prepare("select value from settings where key = 'reevaluation_pending'").get() !== undefined;
const markPending = () =>
  t.db.$client.prepare("insert into settings (key, value) values ('reevaluation_pending', ?) on conflict (key) do update set value = excluded.value").run(JSON.stringify({ all: true }));
const clearLease = () => t.db.$client.prepare("delete from job_leases").run();

/** The script's own lines (JSON with `key`) among the log's records on its stdout. */
function said<T>(stdout: string, key: string): T[] {
  return stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((o) => key in o && !("msg" in o)) as T[];
}

/** One tick of the maintenance loop in a process of its own, starting at `startAt`. */
async function tickInProcess(startAt: number): Promise<{ outcome: string; node: string; locked: number }> {
  const r = await runScriptAsync(SCRIPT, ["tick", t.file, String(startAt)]);
  if (r.code !== 0) throw new Error(`tick exited with ${r.code}:\n${r.stderr}`);
  return said<{ outcome: string; node: string; locked: number }>(r.stdout, "outcome").pop()!;
}

/** A node running the maintenance loop (every 100 ms, lease `leaseMs`); resolves once it has run a pass. */
function servingNode(leaseMs: number): Promise<{ child: ChildProcess; node: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TS_NODE_ARGS, path.join(ROOT, SCRIPT), "serve", t.file, "0", String(leaseMs)], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let err = "";
    let out = "";
    child.stderr!.on("data", (d) => (err += d));
    child.stdout!.on("data", (d) => {
      out += d;
      const ran = said<{ outcome: string; node: string }>(out.slice(0, out.lastIndexOf("\n") + 1), "outcome").find((o) => o.outcome === "ran");
      if (ran) resolve({ child, node: ran.node });
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => reject(new Error(`node exited (${code ?? signal}):\n${err}`)));
  });
}

function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

describe("the maintenance pass with several nodes on one database", () => {
  it("the lease statement: taken when there is none, renewed by its holder, refused to another until it lapses, then taken over", () => {
    clearLease();
    expect(claimLease(t.db, "test", "a", 1000, 2000)).toBe(true);
    expect(claimLease(other, "test", "b", 1500, 2500)).toBe(false);
    expect(claimLease(t.db, "test", "a", 1500, 2500)).toBe(true);
    expect(leaseRow(t.db, "test")).toEqual({ name: "test", holder: "a", expiresAt: 2500 });
    expect(claimLease(other, "test", "b", 2499, 3499)).toBe(false);
    expect(claimLease(other, "test", "b", 2500, 3500)).toBe(true);
    expect(leaseRow(t.db, "test")).toEqual({ name: "test", holder: "b", expiresAt: 3500 });
    expect(claimLease(t.db, "test", "a", 3000, 4000)).toBe(false);
  });

  it("two nodes ticking at the same moment run the pass once; the pending re-evaluation is done", async () => {
    clearLease();
    markPending();
    const startAt = Date.now() + 4000; // both processes loaded and waiting by then
    // Both claim while another connection holds the write lock (PostgreSQL: the lease table's):
    // they find it taken, try again every 100 ms, and claim once it is free.
    const release = holdWriteLock(t.file, "lock table job_leases in exclusive mode");
    const ticks = Promise.all([tickInProcess(startAt), tickInProcess(startAt)]);
    await sleep(Math.max(0, startAt - Date.now()) + 1500);
    release();
    const results = await ticks;
    expect(results.map((r) => r.outcome).sort()).toEqual(["ran", "skipped"]);
    for (const r of results) expect(r.locked).toBeGreaterThan(0);
    expect(results[0]!.node).not.toBe(results[1]!.node);
    const ran = results.find((r) => r.outcome === "ran")!;
    // The lease is still the node's (it lasts three intervals): a third node skips the pass too.
    expect(leaseRow(t.db, MAINTENANCE_LEASE)?.holder).toBe(ran.node);
    expect(pending()).toBe(false);
    markPending();
    expect(await createMaintenance(other, { holder: "node-c" }).tick()).toBe("skipped");
    expect(pending()).toBe(true);
  }, 60_000);

  it("a node killed while holding the lease: another node takes over once the lease has lapsed, not before", async () => {
    clearLease();
    const a = await servingNode(60_000);
    expect(leaseRow(t.db, MAINTENANCE_LEASE)?.holder).toBe(a.node);
    await exited(a.child, "SIGKILL");
    const lease = leaseRow(t.db, MAINTENANCE_LEASE)!;
    expect(lease.holder).toBe(a.node); // nothing released it
    markPending();
    let clock = lease.expiresAt - 1;
    const b = createMaintenance(other, { holder: "node-b", clock: () => clock });
    // Within the lease: B cannot tell a dead node from a slow one, and skips the pass.
    expect(await b.tick()).toBe("skipped");
    expect(pending()).toBe(true);
    // Once it has lapsed: B takes the lease and runs the pass.
    clock = lease.expiresAt;
    expect(await b.tick()).toBe("ran");
    expect(pending()).toBe(false);
    expect(leaseRow(t.db, MAINTENANCE_LEASE)).toEqual({ name: MAINTENANCE_LEASE, holder: "node-b", expiresAt: lease.expiresAt + 180_000 });
    await b.stop();
    expect(leaseRow(t.db, MAINTENANCE_LEASE)).toBeUndefined();
  }, 60_000);

  it("a node that stops releases the lease: another takes it over at once", async () => {
    clearLease();
    const a = await servingNode(60_000);
    expect(leaseRow(t.db, MAINTENANCE_LEASE)?.holder).toBe(a.node);
    await exited(a.child, "SIGTERM");
    expect(a.child.exitCode).toBe(0);
    expect(leaseRow(t.db, MAINTENANCE_LEASE)).toBeUndefined();
    markPending();
    const b = createMaintenance(other, { holder: "node-b" });
    expect(await b.tick()).toBe("ran");
    expect(pending()).toBe(false);
    await b.stop();
  }, 60_000);

  // The claim runs on the server's event loop. While the work thread holds the write lock (a
  // re-evaluation chunk, an import's transaction), a claim that waited in SQLite's busy handler
  // held every request of the node for as long (the stalls benchmark: 350-400 ms every minute).
  it("a claim while another connection holds the write lock does not wait for it: the tick says so, and the loop claims and runs the pass once the lock is free", async () => {
    clearLease();
    markPending();
    const release = holdWriteLock(t.file, "lock table job_leases in exclusive mode");
    let stop: (() => void) | null = null;
    try {
      const m = createMaintenance(other, { holder: "node-x" });
      const started = performance.now();
      expect(await m.tick()).toBe("locked");
      // busy_timeout is 5 s on SQLite: a claim that waited would take that long.
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(other.$client.pragma("busy_timeout", { simple: true })).toBe(5_000);
      // The server's loop: first tick 2 s after start, then again LOCKED_RETRY_MS after a locked one.
      stop = startMaintenance(other, { holder: "node-y" });
      await sleep(3_000);
      expect(leaseRow(t.db, MAINTENANCE_LEASE)).toBeUndefined();
      expect(pending()).toBe(true);
    } finally {
      release();
    }
    try {
      // Within a retry or two of the release, not at the next interval (a minute).
      const deadline = Date.now() + 10_000;
      while (pending() && Date.now() < deadline) await sleep(100);
      expect(pending()).toBe(false);
      expect(leaseRow(t.db, MAINTENANCE_LEASE)?.holder).toBe("node-y");
    } finally {
      stop?.();
      await sleep(200);
    }
  }, 60_000);
});
