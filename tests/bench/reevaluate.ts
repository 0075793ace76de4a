// Re-evaluation benchmark: on the national database (lib/national.ts, 1,000,000 endpoints, the
// BOD 17-01 ban in force), the time to re-evaluate every endpoint when a ban is lifted and put in
// force again, as an administrator does from the Policies page. Target: < 60 s at 1M endpoints.
// It changes the database: run it on a copy (run-all.ts passes --db with one).
//
//   node --require ./server/runtime/preload.cjs --import tsx tests/bench/reevaluate.ts --db COPY.db
import { parseArgs } from "node:util";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { closeDb, getDb } from "~/server/db/client";
import { checkCounters } from "~/server/findings/counters";
import { getPolicy, previewPolicyChange } from "~/server/policy/service";
import { setPolicyActive } from "~/server/reevaluation/policy-change";
import { POLICIES } from "./lib/national";
import { finish, int, mib, newResult } from "./lib/results";

const { values } = parseArgs({ options: { db: { type: "string" } } });
if (!values.db) throw new Error("--db FILE (a copy of the national database: this benchmark changes it)");
const s = (v: number) => `${(v / 1000).toFixed(1)} s`;

async function main() {
  const db = getDb(values.db!); // synchronous=FULL, as the server runs
  const endpoints = (db.$client.prepare("select count(*) as n from endpoints").get() as { n: number }).n;
  const result = newResult("reevaluate", `Policy re-evaluation at ${int(endpoints)} endpoints`);
  const rows: (string | number)[][] = [];
  let activation = NaN;
  const policy = getPolicy(db, POLICIES[0]!);
  for (const active of [false, true]) {
    const cpu0 = process.cpuUsage();
    const p0 = performance.now();
    const preview = previewPolicyChange(db, policy.id, active);
    const previewMs = performance.now() - p0;
    const r = await setPolicyActive(db, SYSTEM_ACTOR, { policyId: policy.id, active }, { reevaluate: "sync" });
    const cpu = process.cpuUsage(cpu0);
    const ms = r.reevaluation!.ms;
    if (active) activation = ms;
    rows.push([
      `${active ? "activate" : "deactivate"} ${policy.slug}`,
      int(preview.endpointsAffected),
      s(previewMs),
      int(r.reevaluation!.endpoints),
      int(r.reevaluation!.changed),
      s(ms),
      s((cpu.user + cpu.system) / 1000),
    ]);
  }
  result.tables.push({ title: result.title, columns: ["change", "affected (preview)", "preview", "re-evaluated", "changed", "re-evaluation", "CPU"], rows });
  const c0 = performance.now();
  const mismatches = checkCounters(db);
  result.notes.push(
    `counters vs recomputation after both changes: ${mismatches.length ? `${mismatches.length} MISMATCHES` : "consistent"} (checked in ${s(performance.now() - c0)}); process RSS ${mib(process.memoryUsage().rss)}`,
  );
  result.targets.push({ what: `re-evaluation on activating ${policy.slug}`, target: "< 60 s", measured: s(activation), met: activation < 60_000 });
  closeDb(values.db!);
  finish(result);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
