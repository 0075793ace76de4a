// Re-evaluation benchmark: on the national database (lib/national.ts, 1,000,000 endpoints, the
// BOD 17-01 ban in force), the time to re-evaluate every endpoint when a ban is lifted and put in
// force again, as an administrator does from the Policies page. Target: < 60 s at 1M endpoints.
// It changes the database: run it on a copy (run-all.ts passes --db with one). Baseline, same run
// and copy: the writes alone, without evaluating anything (bareWrites).
//
//   node --require ./server/runtime/preload.cjs --import tsx tests/bench/reevaluate.ts --db COPY.db
import { parseArgs } from "node:util";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { closeDb, type Db, getDb } from "~/server/db/client";
import { checkCounters } from "~/server/findings/counters";
import { getPolicy, previewPolicyChange } from "~/server/policy/service";
import { setPolicyActive } from "~/server/reevaluation/policy-change";
import { POLICIES } from "./lib/national";
import { finish, int, mib, newResult } from "./lib/results";

const { values } = parseArgs({ options: { db: { type: "string" } } });
if (!values.db) throw new Error("--db FILE (a copy of the national database: this benchmark changes it)");
const s = (v: number) => `${(v / 1000).toFixed(1)} s`;

/**
 * The bare baseline: the writes a policy change implies, without evaluating anything. Every endpoint
 * with an open or excepted finding gets its state written and each such finding its status, by
 * prepared UPDATEs committed per 100,000 endpoints as the re-evaluation commits: first as lifting
 * the ban would (clean, withdrawn), then back to the values read before, so the copy ends as it was.
 */
function bareWrites(db: Db): { endpoints: number; findings: number; off: number; on: number } {
  const c = db.$client;
  const live = "(select endpoint_id from findings where status in ('open', 'excepted'))";
  const eps = c.prepare(`select id, state, state_changed_at from endpoints where id in ${live} order by id`).raw(true).all() as [number, string, number][];
  const byEndpoint = new Map<number, [number, string, number | null, number][]>();
  for (const [id, eid, status, waiver, changed] of c.prepare("select id, endpoint_id, status, waiver_id, last_changed_at from findings where status in ('open', 'excepted')").raw(true).all() as [
    number,
    number,
    string,
    number | null,
    number,
  ][]) {
    let list = byEndpoint.get(eid);
    if (!list) byEndpoint.set(eid, (list = []));
    list.push([id, status, waiver, changed]);
  }
  const setState = c.prepare("update endpoints set state = ?, state_changed_at = ? where id = ?");
  const setStatus = c.prepare("update findings set status = ?, waiver_id = ?, last_changed_at = ? where id = ?");
  const now = Date.now();
  const pass = (lift: boolean) => {
    const t0 = performance.now();
    for (let i = 0; i < eps.length; i += 100_000) {
      c.transaction(() => {
        for (const [id, state, changedAt] of eps.slice(i, i + 100_000)) {
          setState.run(lift ? "clean" : state, lift ? now : changedAt, id);
          for (const [fid, status, waiver, changed] of byEndpoint.get(id) ?? []) setStatus.run(lift ? "withdrawn" : status, lift ? null : waiver, lift ? now : changed, fid);
        }
      }).immediate();
    }
    return performance.now() - t0;
  };
  const off = pass(true);
  const on = pass(false);
  return { endpoints: eps.length, findings: [...byEndpoint.values()].reduce((n, l) => n + l.length, 0), off, on };
}

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
  const cpu0 = process.cpuUsage();
  const bare = bareWrites(db);
  const bareCpu = process.cpuUsage(cpu0);
  rows.push([
    `bare baseline: the writes alone, lift then restore (${int(bare.findings)} findings)`,
    "",
    "",
    int(bare.endpoints),
    int(bare.endpoints),
    `${s(bare.off)} / ${s(bare.on)}`,
    s((bareCpu.user + bareCpu.system) / 1000),
  ]);
  result.tables.push({ title: result.title, columns: ["change", "affected (preview)", "preview", "re-evaluated", "changed", "re-evaluation", "CPU"], rows });
  result.notes.push(
    `activation / bare baseline's restore (the same endpoints' state and findings' status written back, no evaluation): ${(activation / bare.on).toFixed(2)}; the baseline shows how fast this machine writes these rows in this run`,
  );
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
