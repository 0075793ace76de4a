// Notification benchmark, on its own database (no national seed needed):
// 1. What the outbox costs the check-in path: the same batches of check-ins (1,000 per group
//    commit, synchronous=FULL as the server runs) with notifications on and off, alternating. Each
//    measured round brings banned software back onto every device (a reinstall per device: the
//    hook writes to every agency's counter in every batch, its worst case); the rounds between take
//    it away again.
// 2. Aggregation at scale: N endpoints (default 300,000) in 50 agencies carry Dr.Web while no
//    policy covers it; one officer and one agency officer per agency are subscribed, plus a webhook.
//    Putting Ukraine's decree 133 in force re-evaluates them in chunks (as the server does); then
//    the events are dispatched: one message per subscriber and one for the webhook.
//
//   node --require ./server/runtime/preload.cjs --import tsx tests/bench/notify.ts [--endpoints 300000] [--devices 20000] [--rounds 3]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { CheckinRequest, Platform, SoftwareEntry } from "~/agent/shared/protocol";
import { ALL } from "~/server/access/scope";
import { createAgency } from "~/server/agencies/service";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { notifyConfig } from "~/server/config";
import { closeDb, type Db, getDb, migrateDb } from "~/server/db/client";
import { createToken } from "~/server/enrollment/tokens";
import { checkCounters } from "~/server/findings/counters";
import { enrollDevice, ingestCheckins } from "~/server/ingest/bulk";
import { syncCatalogVersion } from "~/server/ingest/catalog-sync";
import { dispatchDue } from "~/server/notify/dispatch";
import { hookStats } from "~/server/findings/counters";
import { createWebhook } from "~/server/notify/webhooks";
import { seedPolicies } from "~/server/policy/seed";
import { getPolicy } from "~/server/policy/service";
import { setPolicyActive } from "~/server/reevaluation/policy-change";
import { createUser } from "~/server/users/service";
import { finish, int, newResult } from "./lib/results";

const { values } = parseArgs({ options: { endpoints: { type: "string" }, devices: { type: "string" }, rounds: { type: "string" } } });
const ENDPOINTS = Number(values.endpoints ?? 300_000);
const DEVICES = Number(values.devices ?? 20_000);
const ROUNDS = Number(values.rounds ?? 3);
const AGENCIES = 50;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

Object.assign(process.env, {
  AUTH_SECRET: "bench-auth-secret-0123456789abcdef0123",
  NEXTAUTH_URL: "https://muster.bench.test",
  MUSTER_SMTP_HOST: "127.0.0.1",
  MUSTER_SMTP_FROM: "Muster <muster@bench.test>",
  MUSTER_NOTIFY_AGGREGATE_SECONDS: "0",
});

type Dev = { deviceId: string; secret: string; seq: number };

function freshDb(file: string): Db {
  const db = getDb(file);
  migrateDb(db);
  seedPolicies(db);
  syncCatalogVersion(db);
  return db;
}

function agencies(db: Db): number[] {
  return Array.from({ length: AGENCIES }, (_, i) => createAgency(db, SYSTEM_ACTOR, { code: `AG-${String(i).padStart(2, "0")}`, name: `Agency ${i}` }).id);
}

/** Enrolls `n` Linux devices round-robin over the agencies (one transaction, unsynced: setup). */
function enrollMany(db: Db, ids: number[], n: number, now: number): Dev[] {
  const tokens = ids.map((agencyId) => createToken(db, SYSTEM_ACTOR, ALL, { agencyId, expiresInMs: 86_400_000 }).token);
  const devs: Dev[] = [];
  db.$client.pragma("synchronous = OFF");
  db.$client.transaction(() => {
    for (let i = 0; i < n; i++) {
      const r = enrollDevice(
        db,
        {
          enrollToken: tokens[i % tokens.length]!,
          hostname: `ws-${i}`,
          hardwareId: `hw-${String(i).padStart(8, "0")}`,
          agentVersion: "1.0.0",
          os: { platform: "linux" as Platform, name: "Debian", version: "12", arch: "x64" },
        },
        { now },
      );
      devs.push({ deviceId: r.deviceId, secret: r.deviceSecret, seq: 0 });
    }
  })();
  db.$client.pragma("synchronous = FULL");
  return devs;
}

const BASE: SoftwareEntry[] = [
  { source: "dpkg", name: "mdatp", version: "101.24092.0002", identifier: "mdatp" },
  { source: "linux-systemd", name: "mdatp.service", identifier: "mdatp.service" },
];
const KESL: SoftwareEntry = { source: "dpkg", name: "kesl", version: "12.1.0.1297", identifier: "kesl", publisher: "AO Kaspersky Lab" };
const DRWEB: SoftwareEntry = { source: "dpkg", name: "drweb-workstations", version: "11.1", identifier: "drweb-workstations" };

function report(d: Dev, software: SoftwareEntry[], at: number): { report: CheckinRequest; secret: string; now: number } {
  d.seq++;
  return {
    secret: d.secret,
    now: at,
    report: {
      deviceId: d.deviceId,
      seq: d.seq,
      collectedAt: new Date(at).toISOString(),
      agentVersion: "1.0.0",
      hostname: "ws",
      os: { platform: "linux", name: "Debian", version: "12", arch: "x64" },
      catalogVersion: "bench",
      collectors: ["dpkg", "rpm", "linux-systemd", "linux-path"].map((name) => ({ name: name as "dpkg", ok: true })),
      software,
    },
  };
}

function ingest(db: Db, devs: Dev[], software: SoftwareEntry[], at: number): number {
  const t0 = performance.now();
  const replies = ingestCheckins(
    db,
    devs.map((d) => report(d, software, at)),
    at,
    { chunkSize: 1000 },
  );
  const bad = replies.filter((r) => r.status !== 200).length;
  if (bad) throw new Error(`${bad} check-ins refused`);
  return performance.now() - t0;
}

async function ingestCost(work: string) {
  const db = freshDb(path.join(work, "ingest.db"));
  const ids = agencies(db);
  let at = Date.now() - 86_400_000;
  const devs = enrollMany(db, ids, DEVICES, at);
  await setPolicyActive(db, SYSTEM_ACTOR, { policyId: getPolicy(db, "lt-2017-kaspersky").id, active: true }, { now: at, reevaluate: "sync" });
  const tick = () => (at += 60_000);
  ingest(db, devs, BASE, tick()); // first reports
  ingest(db, devs, [...BASE, KESL], tick()); // warm-up: detections
  ingest(db, devs, BASE, tick()); // verified removals
  const times = { on: [] as number[], off: [] as number[] };
  const hook = { ms: 0, upserts: 0, calls: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    for (const mode of r % 2 ? (["off", "on"] as const) : (["on", "off"] as const)) {
      process.env.MUSTER_NOTIFY = mode;
      const before = { ...hookStats };
      times[mode].push(ingest(db, devs, [...BASE, KESL], tick())); // a reinstall on every device
      if (mode === "on") for (const k of ["ms", "upserts", "calls"] as const) hook[k] += hookStats[k] - before[k];
      process.env.MUSTER_NOTIFY = "on";
      ingest(db, devs, BASE, tick()); // removed again (not measured)
    }
  }
  const events = db.$client.prepare("select count(*) as n, sum(count) as c from notify_events where kind = 'finding.reinstalled'").get() as { n: number; c: number };
  const mismatches = checkCounters(db).length;
  closeDb(path.join(work, "ingest.db"));
  const rate = (ms: number) => (DEVICES / ms) * 1000;
  const best = (xs: number[]) => Math.min(...xs);
  return { times, best, rate, events, mismatches, hook };
}

async function aggregation(work: string) {
  const file = path.join(work, "aggregation.db");
  const db = freshDb(file);
  const ids = agencies(db);
  for (let i = 0; i < AGENCIES; i++) {
    await createUser(db, SYSTEM_ACTOR, {
      email: `ao${i}@bench.test`,
      name: `Agency officer ${i}`,
      role: "agency_officer",
      agencyCode: `AG-${String(i).padStart(2, "0")}`,
      password: "bench-password-123",
    });
  }
  await createUser(db, SYSTEM_ACTOR, { email: "officer@bench.test", name: "Officer", role: "officer", password: "bench-password-123" });
  createWebhook(db, SYSTEM_ACTOR, { name: "soc", url: "https://soc.bench.test/hook", format: "standard", agencyId: null, events: ["finding.new"] });
  const t0 = performance.now();
  const devs = enrollMany(db, ids, ENDPOINTS, Date.now() - 3_600_000);
  db.$client.pragma("synchronous = OFF");
  ingest(db, devs, [...BASE, DRWEB], Date.now() - 3_500_000);
  db.$client.pragma("synchronous = FULL");
  const seeded = performance.now() - t0;
  const policy = getPolicy(db, "ua-decree-133-2017");
  const r = await setPolicyActive(db, SYSTEM_ACTOR, { policyId: policy.id, active: true }, { reevaluate: "sync" });
  const rows = db.$client.prepare("select count(*) as n, sum(count) as c from notify_events where kind = 'finding.new' and dispatched_at is null").get() as { n: number; c: number };
  const d0 = performance.now();
  const stats = dispatchDue(db, Date.now() + 1000, notifyConfig());
  const dispatchMs = performance.now() - d0;
  const perRecipient = db.$client.prepare("select max(n) as most, count(*) as recipients from (select recipient, count(*) as n from notify_messages group by recipient)").get() as {
    most: number;
    recipients: number;
  };
  const officerSubject = (db.$client.prepare("select subject from notify_messages where recipient = 'officer@bench.test'").get() as { subject: string }).subject;
  closeDb(file);
  return { seeded, reeval: r.reevaluation!, rows, stats, dispatchMs, perRecipient, officerSubject };
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "muster-bench-notify-"));
  const result = newResult("notify", "Notifications: check-in cost and aggregation");
  try {
    console.log(`work folder ${work}; ${int(DEVICES)} devices x ${ROUNDS} rounds each way; aggregation over ${int(ENDPOINTS)} endpoints`);
    const c = await ingestCost(work);
    const on = c.rate(c.best(c.times.on));
    const off = c.rate(c.best(c.times.off));
    result.tables.push({
      title: `Check-ins with a reinstall on every device (${int(DEVICES)} per round, ${AGENCIES} agencies, 1,000 per group commit, synchronous=FULL)`,
      columns: ["notifications", "rounds", "best round", "check-ins/s (best)", "all rounds"],
      rows: [
        ["off (baseline, same run)", c.times.off.length, s(c.best(c.times.off)), int(off), c.times.off.map(s).join(", ")],
        ["on", c.times.on.length, s(c.best(c.times.on)), int(on), c.times.on.map(s).join(", ")],
      ],
    });
    const onMs = c.times.on.reduce((a, b) => a + b, 0);
    const share = c.hook.ms / onMs;
    result.notes.push(
      `time inside the outbox hook in the measured rounds: ${c.hook.ms.toFixed(0)} ms of ${s(onMs)} (${(share * 100).toFixed(2)}%), ${int(c.hook.upserts)} upserts in ${int(c.hook.calls)} group commits ` +
        `(${(c.hook.ms / Math.max(1, c.hook.calls)).toFixed(2)} ms per commit of 1,000 check-ins); whole-round throughput on vs off ${(on / off).toFixed(2)} (best rounds; the machine is shared, see the load average)`,
    );
    result.notes.push(`${int(c.events.n)} counter rows absorbed ${int(c.events.c ?? 0)} reinstalls; counters vs recomputation: ${c.mismatches ? `${c.mismatches} MISMATCHES` : "consistent"}`);
    result.targets.push({ what: "check-in time spent writing the notification outbox (worst case)", target: "< 5%", measured: `${(share * 100).toFixed(2)}%`, met: share < 0.05 });

    const a = await aggregation(work);
    result.tables.push({
      title: `Putting a policy in force over ${int(ENDPOINTS)} endpoints in ${AGENCIES} agencies (${AGENCIES + 1} subscribers, 1 webhook)`,
      columns: ["step", "figure"],
      rows: [
        ["seeding (enrolments and first reports)", s(a.seeded)],
        ["re-evaluation (chunks, one transaction each)", `${int(a.reeval.endpoints)} endpoints, ${int(a.reeval.changed)} changed, ${s(a.reeval.ms)}`],
        ["event rows written (one counter per agency)", `${int(a.rows.n)} rows, ${int(a.rows.c ?? 0)} new findings counted`],
        ["dispatch (events to messages, one transaction)", `${int(a.stats.emails)} e-mails + ${int(a.stats.webhooks)} webhook message in ${Math.round(a.dispatchMs)} ms`],
        ["messages per recipient (most)", `${a.perRecipient.most} (${a.perRecipient.recipients} recipients)`],
        ["the officer's subject", a.officerSubject],
      ],
    });
    result.targets.push({
      what: `messages per subscriber when a policy flags ${int(ENDPOINTS)} endpoints`,
      target: "1",
      measured: String(a.perRecipient.most),
      met: a.perRecipient.most === 1 && a.perRecipient.recipients === AGENCIES + 2,
    });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  finish(result);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
