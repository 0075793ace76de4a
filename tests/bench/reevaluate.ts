// Re-evaluation benchmark: N endpoints (default 1,000,000) seeded in bulk through the real
// services (enrollDevice + ingestCheckins, realistic 5-30 entry reports, about a third with
// Kaspersky), then the time to re-evaluate after policy changes. Target: < 60 s for 1M endpoints.
//
//   node --require ./server/runtime/preload.cjs --import tsx tests/bench/reevaluate.ts [--endpoints 1000000] [--db FILE]
//
// --db keeps the seeded database at FILE and reuses it on the next run (seeding 1M endpoints takes
// a few minutes); it is reset to "no policy active" before measuring.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Platform } from "~/agent/src/protocol";
import { ALL } from "~/server/access/scope";
import { createAgency } from "~/server/agencies/service";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { closeDb, getDb, migrateDb } from "~/server/db/client";
import { createToken } from "~/server/enrollment/tokens";
import { checkCounters } from "~/server/findings/counters";
import { syncCatalogVersion } from "~/server/ingest/catalog-sync";
import { enrollDevice, ingestCheckins } from "~/server/ingest/bulk";
import { markReevaluationPending, runPendingReevaluation } from "~/server/policy/reevaluate";
import { seedPolicies } from "~/server/policy/seed";
import { getPolicy, listPolicies, previewPolicyChange, setPolicyActive } from "~/server/policy/service";
import { buildFleetReports, type BenchDevice } from "./ingest-fleet";

const { values } = parseArgs({ options: { endpoints: { type: "string" }, db: { type: "string" }, "skip-full": { type: "boolean" } } });
const N = Number(values.endpoints ?? 1_000_000);
const file = values.db ? path.resolve(values.db) : path.join(fs.mkdtempSync(path.join(os.tmpdir(), "muster-bench-reeval-")), "muster.db");
const CHUNK = 5000;
const AGENCIES = 20;

const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rss = () => `${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB RSS`;

async function seed() {
  // Seeding is not what is measured: relax durability for it (the measurement below runs FULL).
  const db = getDb(file);
  db.$client.pragma("synchronous = OFF");
  migrateDb(db);
  seedPolicies(db);
  syncCatalogVersion(db);
  const t0 = Date.now();
  const agencies = Array.from({ length: AGENCIES }, (_, i) => createAgency(db, SYSTEM_ACTOR, { code: `BENCH-${i}`, name: `Bench agency ${i}` }));
  const tokens = agencies.map((a) => createToken(db, SYSTEM_ACTOR, ALL, { agencyId: a.id, maxUses: null, expiresInMs: 86_400_000 }).token);
  const platforms: Platform[] = ["windows", "windows", "windows", "linux", "darwin"];
  const now = Date.now();
  for (let start = 0; start < N; start += CHUNK) {
    const devices: BenchDevice[] = [];
    db.$client.transaction(() => {
      for (let i = start; i < Math.min(N, start + CHUNK); i++) {
        const platform = platforms[i % platforms.length]!;
        const r = enrollDevice(
          db,
          { enrollToken: tokens[i % AGENCIES]!, hostname: `ws-${i}`, hardwareId: `hw-${String(i).padStart(10, "0")}`, agentVersion: "1.0.0", os: { platform, name: platform, version: "1", arch: "x64" } },
          { now },
        );
        devices.push({ deviceId: r.deviceId, secret: r.deviceSecret, platform });
      }
    })();
    const fleet = buildFleetReports(devices, start + 1);
    const replies = ingestCheckins(db, fleet.map((f) => ({ report: f.next(new Date(now).toISOString()) })), now, { trusted: true, chunkSize: CHUNK });
    const bad = replies.find((r) => r.status !== 200);
    if (bad) throw new Error(`seeding check-in failed: ${JSON.stringify(bad.body)}`);
    if ((start / CHUNK) % 20 === 19) console.log(`  seeded ${start + CHUNK} endpoints in ${fmt(Date.now() - t0)} (${rss()})`);
  }
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  console.log(`seeded ${N} endpoints in ${fmt(Date.now() - t0)}`);
}

async function main() {
  if (!fs.existsSync(file)) await seed();
  else console.log(`reusing ${file}`);
  closeDb(file);
  const db = getDb(file); // synchronous=FULL again, as the server runs
  migrateDb(db); // a database kept from an earlier run gets the migrations added since
  const count = (sql: string) => (db.$client.prepare(sql).get() as { n: number }).n;
  // Start from "nothing in force" (a previous run may have left policies active or work pending).
  for (const p of listPolicies(db)) if (p.active) await setPolicyActive(db, SYSTEM_ACTOR, { policyId: p.id, active: false }, { reevaluate: "none" });
  runPendingReevaluation(db);
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} CPUs`);
  console.log(
    `${count("select count(*) as n from endpoints")} endpoints, ${count("select count(*) as n from observations")} observations, ` +
      `${count("select count(*) as n from software")} distinct software; database ${(fs.statSync(file).size / 1048576).toFixed(0)} MiB`,
  );

  const steps: [string, boolean][] = [
    ["us-bod-17-01", true], // every Kaspersky product: the big one
    ["nl-2018-kaspersky-antivirus", true], // overlaps: findings gain a policy id, nothing else
    ["us-bod-17-01", false], // back to antivirus only: Network Agent findings withdrawn
    ["nl-2018-kaspersky-antivirus", false], // nothing in force: every finding withdrawn
  ];
  const results: string[] = [];
  for (const [slug, active] of steps) {
    const policy = getPolicy(db, slug);
    const cpu0 = process.cpuUsage();
    const p0 = Date.now();
    const preview = previewPolicyChange(db, policy.id, active);
    const previewMs = Date.now() - p0;
    const r = await setPolicyActive(db, SYSTEM_ACTOR, { policyId: policy.id, active }, { reevaluate: "sync" });
    const cpu = process.cpuUsage(cpu0);
    const line =
      `${active ? "activate  " : "deactivate"} ${slug.padEnd(28)} ${String(preview.endpointsAffected).padStart(8)} affected (preview ${fmt(previewMs)}); ` +
      `re-evaluated ${r.reevaluation!.endpoints} endpoints in ${fmt(r.reevaluation!.ms)} (${r.reevaluation!.changed} changed); ` +
      `CPU for preview + change ${fmt((cpu.user + cpu.system) / 1000)} ${r.reevaluation!.ms < 60_000 ? "" : "  TARGET MISSED"}`;
    console.log(line);
    results.push(line);
  }
  // The server's way (async: smaller chunks, yielding to requests in between).
  {
    const bod = getPolicy(db, "us-bod-17-01");
    const r = await setPolicyActive(db, SYSTEM_ACTOR, { policyId: bod.id, active: true }, { reevaluate: "async" });
    console.log(`activate   us-bod-17-01 as the server does (async, 25k-endpoint chunks): re-evaluated ${r.reevaluation!.endpoints} endpoints in ${fmt(r.reevaluation!.ms)}`);
    await setPolicyActive(db, SYSTEM_ACTOR, { policyId: bod.id, active: false }, { reevaluate: "sync" });
  }
  if (!values["skip-full"]) {
    await setPolicyActive(db, SYSTEM_ACTOR, { policyId: getPolicy(db, "us-bod-17-01").id, active: true }, { reevaluate: "sync" });
    db.$client.transaction(() => markReevaluationPending(db, { all: true })).immediate();
    const cpu0 = process.cpuUsage();
    const r = runPendingReevaluation(db);
    const cpu = process.cpuUsage(cpu0);
    console.log(`full re-evaluation (catalog change) of ${r.endpoints} endpoints in ${fmt(r.ms)} (CPU ${fmt((cpu.user + cpu.system) / 1000)})`);
  }
  const c0 = Date.now();
  const mismatches = checkCounters(db);
  console.log(`counters vs recomputation: ${mismatches.length ? `${mismatches.length} MISMATCHES` : "consistent"} (checked in ${fmt(Date.now() - c0)}); ${rss()}`);
  closeDb(file);
  if (!values.db) fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
