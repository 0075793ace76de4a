// Shared by the reliability tests: a deterministic fleet (server/fleet) enrolled over the real
// agent API, a check-in load that behaves like agents (a report that got no answer is resent with
// the same seq), and the consistency checks run on a database after a crash, an outage or a backup.
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { BUILTIN_CATALOG } from "~/agent/shared/catalog";
import { closeDb, type Db, getDb, isPostgres, isPostgresUrl } from "~/server/db/client";
import * as schema from "~/server/db/schema";
import { createAgentClient } from "~/server/fleet/agent-client";
import { type EndpointPlan, planFleet, reportOn } from "~/server/fleet/plan";
import { DEMO_PROFILE_DEFAULTS } from "~/server/fleet/profiles";
import { type CounterMismatch, checkCounters } from "~/server/findings/counters";
import { evaluateStoredEndpoints } from "~/server/findings/stored";

export const DAY_MS = 86_400_000;

/** A small mixed fleet (Windows, macOS, Linux; Kaspersky removed, reinstalled, remnants) per agency. */
export function fleetPlans(agencies: string[], perAgency: number, seed = 8) {
  const days = 20;
  const spec = {
    seed,
    days,
    banDay: 1,
    startMs: Math.floor(Date.now() / DAY_MS) * DAY_MS - (days - 1) * DAY_MS,
    agencies: agencies.map((code) => ({ ...DEMO_PROFILE_DEFAULTS, code, endpoints: perAgency, kaspersky: 0.8, removed: 0.7, reinstall: 0.2, remnants: 0.2, never: 0, stale: 0 })),
  };
  return { spec, plans: planFleet(spec) };
}

export type LoadDevice = {
  plan: EndpointPlan;
  deviceId: string;
  secret: string;
  /** Last seq answered 200; every one of these must survive anything. */
  acked: number[];
  /** The report being delivered (resent unchanged, same seq, until it gets an answer). */
  pending: { seq: number; day: number } | null;
  day: number;
};

export async function enrollFleet(url: string, plans: EndpointPlan[], tokenFor: (agencyCode: string) => string): Promise<LoadDevice[]> {
  const client = createAgentClient(url, { maxSockets: 8 });
  try {
    const out: LoadDevice[] = [];
    for (let i = 0; i < plans.length; i += 16) {
      const chunk = plans.slice(i, i + 16);
      const replies = await Promise.all(chunk.map((p) => client.enroll({ enrollToken: tokenFor(p.agencyCode), hostname: p.hostname, hardwareId: p.hardwareId, agentVersion: "1.0.0", os: p.os })));
      replies.forEach((r, k) => {
        if (r.status !== 201) throw new Error(`enrollment refused: ${r.status} ${JSON.stringify(r.body)}`);
        const b = r.body as { deviceId: string; deviceSecret: string };
        out.push({ plan: chunk[k]!, deviceId: b.deviceId, secret: b.deviceSecret, acked: [], pending: null, day: 0 });
      });
    }
    return out;
  } finally {
    client.close();
  }
}

export type LoadStats = { sent: number; accepted: number; duplicates: number; noAnswer: number; unavailable: number; unexpected: string[] };

/**
 * Check-ins from every device, `concurrency` at a time, until stop(). Each device walks through its
 * plan's days (so software comes and goes). No answer or a 5xx: the same report is sent again, as
 * the agent's spool does; a 200 (duplicate included) records the seq as accepted.
 */
export function startLoad(url: string, devices: LoadDevice[], opts: { concurrency?: number; days: number }) {
  const stats: LoadStats = { sent: 0, accepted: 0, duplicates: 0, noAnswer: 0, unavailable: 0, unexpected: [] };
  let client = createAgentClient(url, { maxSockets: opts.concurrency ?? 24 });
  let running = true;
  let paused = false;
  let next = 0;
  const busy = new Set<LoadDevice>();

  async function worker() {
    while (running) {
      if (paused) {
        await sleep(20);
        continue;
      }
      const d = devices[next++ % devices.length]!;
      if (busy.has(d)) continue;
      busy.add(d);
      try {
        if (!d.pending) d.pending = { seq: (d.acked.at(-1) ?? 0) + 1, day: d.day };
        const { seq, day } = d.pending;
        const report = { ...reportOn(d.plan, day, Date.now(), BUILTIN_CATALOG.version), deviceId: d.deviceId, seq };
        stats.sent++;
        const r = await client.checkin(d.secret, report);
        if (r.status === 200) {
          if ((r.body as { duplicate?: boolean }).duplicate) stats.duplicates++;
          stats.accepted++;
          d.acked.push(seq);
          d.pending = null;
          d.day = (d.day + 1) % opts.days;
        } else if (r.status === 0) {
          stats.noAnswer++;
          await sleep(50);
        } else if (r.status === 503) {
          stats.unavailable++;
          await sleep(50);
        } else if (stats.unexpected.length < 20) {
          stats.unexpected.push(`${d.deviceId} seq ${seq}: ${r.status} ${JSON.stringify(r.body)}`);
        }
      } finally {
        busy.delete(d);
      }
    }
  }
  const workers = Array.from({ length: opts.concurrency ?? 24 }, () => worker());
  return {
    stats,
    /** Stops sending and waits for every request in flight to be answered or to fail. */
    async pause() {
      paused = true;
      while (busy.size) await sleep(10);
    },
    resume(newUrl = url) {
      client.close();
      client = createAgentClient(newUrl, { maxSockets: opts.concurrency ?? 24 });
      paused = false;
    },
    async stop() {
      running = false;
      await Promise.all(workers);
      client.close();
      return stats;
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(what: string, cond: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** The database at `file`: a SQLite file, or a postgres:// URL (through the server's own handle; close with closeDb). */
export function openDb(file: string, opts: { readonly?: boolean } = {}): Db {
  if (isPostgresUrl(file)) return getDb(file);
  const sqlite = new Database(file, { readonly: opts.readonly ?? false });
  sqlite.pragma("busy_timeout = 10000");
  return drizzle(sqlite, { schema }) as Db;
}

export type Consistency = {
  integrity: string;
  foreignKeyViolations: number;
  counterMismatches: CounterMismatch[];
  /** Endpoints whose stored findings or state differ from a re-evaluation of their observations. */
  stateDrift: number;
  endpoints: number;
};

/**
 * What must hold after any fault: the file is intact, the incremental counters and daily history
 * equal a recomputation, and re-evaluating every endpoint from its stored observations changes
 * nothing (done in a transaction that is rolled back).
 */
export function checkConsistency(file: string, now = Date.now()): Consistency {
  const db = openDb(file);
  try {
    const sqlite = db.$client;
    const postgres = isPostgresUrl(file);
    // PostgreSQL: no file to check, and foreign keys are enforced by every statement.
    const integrity = postgres ? "ok" : (sqlite.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
    const foreignKeyViolations = postgres ? 0 : (sqlite.pragma("foreign_key_check") as unknown[]).length;
    const counterMismatches = checkCounters(db);
    const ids = (sqlite.prepare("select id from endpoints").raw(true).all() as [number][]).map((r) => r[0]);
    sqlite.exec(postgres ? "begin" : "begin immediate");
    let stateDrift = 0;
    try {
      stateDrift = evaluateStoredEndpoints(db, ids, now).changed;
    } finally {
      sqlite.exec("rollback");
    }
    return { integrity, foreignKeyViolations, counterMismatches, stateDrift, endpoints: ids.length };
  } finally {
    if (isPostgresUrl(file)) closeDb(file);
    else db.$client.close();
  }
}

/** Accepted check-ins missing from the database: rows in `checkins` and each endpoint's last_seq. */
export function lostReports(file: string, devices: LoadDevice[]): { accepted: number; lost: string[] } {
  const db = isPostgresUrl(file) ? getDb(file).$client : new Database(file, { readonly: true });
  try {
    const ep = db.prepare("select id, last_seq as lastSeq from endpoints where device_id = ?");
    const row = db.prepare("select 1 from checkins where endpoint_id = ? and seq = ?");
    let accepted = 0;
    const lost: string[] = [];
    for (const d of devices) {
      const e = ep.get(d.deviceId) as { id: number; lastSeq: number } | undefined;
      for (const seq of d.acked) {
        accepted++;
        if (!e || !row.get(e.id, seq)) lost.push(`${d.deviceId} seq ${seq}: no check-in row`);
      }
      const last = d.acked.at(-1) ?? 0;
      if ((e?.lastSeq ?? 0) < last) lost.push(`${d.deviceId}: last_seq ${e?.lastSeq} < accepted ${last}`);
    }
    return { accepted, lost };
  } finally {
    if (isPostgresUrl(file)) closeDb(file);
    else db.close();
  }
}

/** Tables a running server writes on its own, whatever the requests: the maintenance lease it
 *  renews every minute (server/work/lease.ts). */
const SERVER_BOOKKEEPING = new Set(["job_leases"]);

/**
 * A digest of every table's content (rowid order), the server's own bookkeeping aside. `skip`
 * leaves rows out, e.g. the audit entries a rejected enrollment is expected to write. Digests are
 * compared only with digests of the same database made the same way.
 */
export function tableDigest(db: Database.Database, skip?: (table: string, row: Record<string, unknown>) => boolean): string {
  const h = createHash("sha256");
  const pg = isPostgres(db);
  const tables = db
    .prepare(
      pg
        ? "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name"
        : "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
    )
    .all() as { name: string }[];
  if (pg && !skip)
    return pgDigest(
      db,
      tables.map((t) => t.name).filter((n) => !SERVER_BOOKKEEPING.has(n)),
    );
  for (const { name } of tables) {
    if (SERVER_BOOKKEEPING.has(name)) continue;
    h.update(`#${name}\n`);
    const rows: string[] = [];
    for (const row of db.prepare(`select * from "${name}"`).iterate() as Iterable<Record<string, unknown>>) {
      if (!skip?.(name, row)) rows.push(`${JSON.stringify(row)}\n`);
    }
    // PostgreSQL has no rowid order: an unordered scan may return rows in any order, so they are sorted there.
    if (pg) rows.sort();
    for (const r of rows) h.update(r);
  }
  return h.digest("hex");
}

/** PostgreSQL hashes every table itself, each row as its text, sorted: one statement, instead of every row over the connection. */
function pgDigest(db: Database.Database, tables: string[]): string {
  const parts = tables.map((n) => `'#${n}' || coalesce((select md5(string_agg(t::text, chr(10) order by t::text)) from "${n}" t), '')`);
  return (db.prepare(`select md5(${parts.join(" || ")}) as d`).get() as { d: string }).d;
}
