// Profiling aid for the scale benchmark (not run by run-all.ts): times every dashboard read
// service in process and prints the query plan (EXPLAIN QUERY PLAN) of each statement they run,
// so a plan that scans a big table shows up before a user notices. On the national database:
//   DATABASE_PATH=tests/bench/.work/national-1000000-<key>.db node --require ./server/runtime/preload.cjs --import tsx tests/bench/query-plans.ts [--plans] [--profile NAME]
import { performance } from "node:perf_hooks";
import { ALL, type Scope, subtreeIds } from "../../server/access/scope";
import { getDb } from "../../server/db/client";
import { getAgencyDetail } from "../../server/dashboard/agency-detail";
import { listUnrecognizedRanked } from "../../server/catalog/overview";
import { catalogWithPolicies } from "../../server/dashboard/catalog";
import { policyRows } from "../../server/policy/service";
import { previewPolicyChange } from "../../server/policy/service";
import { getEndpointDetail } from "../../server/dashboard/endpoint-detail";
import { listEndpoints } from "../../server/dashboard/endpoints-list";
import { filterOptions } from "../../server/dashboard/filter-options";
import { listFindings } from "../../server/dashboard/findings-list";
import { getOverview } from "../../server/dashboard/overview";
import { agencyProgress } from "../../server/findings/progress";
import { sqlTrace } from "../../server/db/sql";
import { listWaivers } from "../../server/dashboard/waivers";
import { listAudit } from "../../server/audit/log";
import { agentUpdatesOverview } from "../../server/agent-updates/service";
import { getChanges, listChanges } from "../../server/dashboard/changes";

const db = getDb();
const showPlans = process.argv.includes("--plans");
const sq = db.$client;
const firstMinistry = sq.prepare("select id, code from agencies where depth = 0 order by id limit 1").get() as { id: number; code: string };
const firstAgency = sq.prepare("select id, code from agencies where depth = 1 order by id limit 1").get() as { id: number; code: string };
const ministry: Scope = { kind: "agencies", ids: subtreeIds(db, firstMinistry.id), rootId: firstMinistry.id };
const agency: Scope = { kind: "agencies", ids: subtreeIds(db, firstAgency.id), rootId: firstAgency.id };
const device = (sq.prepare("select device_id as d from endpoints where state = 'banned' limit 1").get() as { d: string }).d;
const product = "product:kaspersky-endpoint-security";
const since90 = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
const page2 = (input: Parameters<typeof listEndpoints>[2], scope: Scope = ALL) => {
  const first = listEndpoints(db, scope, input);
  return first.nextCursor ? listEndpoints(db, scope, { ...input, after: first.nextCursor }) : first;
};

const cases: [string, () => unknown][] = [
  ["overview (all)", () => getOverview(db, ALL)],
  ["overview (ministry)", () => getOverview(db, ministry)],
  ["agencies progress (all)", () => agencyProgress(db, ALL)],
  ["agency detail", () => getAgencyDetail(db, ALL, firstAgency.code)],
  ["endpoints: no filter", () => listEndpoints(db, ALL, {})],
  ["endpoints: page 2", () => page2({})],
  ["endpoints: -lastReport", () => page2({ sort: "-lastReport" })],
  ["endpoints: lastReport (never first)", () => page2({ sort: "lastReport" })],
  ["endpoints: state=banned", () => page2({ state: "banned" })],
  ["endpoints: state=excepted", () => page2({ state: "excepted" })],
  ["endpoints: agency", () => page2({ agency: firstAgency.code })],
  ["endpoints: ministry+banned", () => page2({ agency: firstMinistry.code, state: "banned" })],
  ["endpoints: agency officer scope", () => page2({}, agency)],
  ["endpoints: os=darwin", () => page2({ os: "darwin" })],
  ["endpoints: os=darwin + olderThan 30", () => page2({ os: "darwin", olderThan: 30 })],
  ["endpoints: os=windows + banned + agency", () => page2({ os: "windows", state: "banned", agency: firstMinistry.code })],
  ["endpoints: present kaspersky", () => page2({ present: product })],
  ["endpoints: present vendor crowdstrike", () => page2({ present: "vendor:crowdstrike" })],
  ["endpoints: present vendor kaspersky", () => page2({ present: "vendor:kaspersky" })],
  ["endpoints: present vendor kaspersky (ministry)", () => page2({ present: "vendor:kaspersky" }, ministry)],
  ["endpoints: olderThan 30", () => page2({ olderThan: 30 })],
  ["endpoints: q=WS-12", () => page2({ q: "WS-12" })],
  ["endpoints: q=srv-9 + banned", () => page2({ q: "srv-9", state: "banned" })],
  ["endpoints: banned + darwin + kaspersky", () => page2({ state: "banned", os: "darwin", present: product })],
  ["endpoint detail", () => getEndpointDetail(db, ALL, device)],
  ["changes: tiles (all, 90 days)", () => getChanges(db, ALL, { from: since90 })],
  ["changes: tiles (ministry, 90 days)", () => getChanges(db, ministry, { from: since90 })],
  ["changes: detected list (all, 90 days)", () => listChanges(db, ALL, { kind: "detected", from: since90 })],
  ["changes: removed list (ministry, 90 days)", () => listChanges(db, ministry, { kind: "removed", from: since90 })],
  ["enrollment: agent versions (all)", () => agentUpdatesOverview(db, ALL)],
  ["enrollment: agent versions (ministry)", () => agentUpdatesOverview(db, ministry)],
  ["findings: open", () => listFindings(db, ALL, { status: "open" })],
  ["findings: resolved agency", () => listFindings(db, ALL, { status: "resolved", agency: firstAgency.code })],
  ["findings: open ministry remnants", () => listFindings(db, ALL, { status: "open", agency: firstMinistry.code, presence: "remnants" })],
  ["findings: excepted vendor", () => listFindings(db, ALL, { status: "excepted", present: "vendor:kaspersky" })],
  ["waivers: pending", () => listWaivers(db, ALL, { status: "pending" })],
  ["policies + catalog", () => [policyRows(db), catalogWithPolicies(db)]],
  ["unrecognized (all)", () => listUnrecognizedRanked(db, ALL)],
  ["unrecognized (agency)", () => listUnrecognizedRanked(db, agency)],
  ["filter options", () => filterOptions(db, ALL)],
  ["audit (all)", () => listAudit(db, ALL, { limit: 50 })],
  ["audit (agency)", () => listAudit(db, agency, { limit: 50 })],
  ["audit search", () => listAudit(db, ALL, { limit: 50, q: "waiver" })],
  [
    "policy preview (confirmation dialog)",
    () => {
      const p = sq.prepare("select id from policies order by id limit 1").get() as { id: number } | undefined;
      return p ? previewPolicyChange(db, p.id, true) : null;
    },
  ],
];

// --profile NAME: time each statement of one case.
const profileIdx = process.argv.indexOf("--profile");
if (profileIdx > 0) {
  const wanted = process.argv[profileIdx + 1]!;
  const proto = Object.getPrototypeOf(sq.prepare("select 1"));
  for (const m of ["all", "get", "run"] as const) {
    const orig = proto[m];
    proto[m] = function (this: { source: string }, ...args: unknown[]) {
      const t = performance.now();
      const r = orig.apply(this, args);
      const ms = performance.now() - t;
      if (ms > 2) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${this.source.replace(/\s+/g, " ").slice(0, 220)}`);
      return r;
    };
  }
  for (const [name, fn] of cases)
    if (name.includes(wanted)) {
      console.log(name);
      fn();
    }
  process.exit(0);
}

const plans = new Map<string, string[]>();
for (const [name, fn] of cases) {
  const seen = new Set<string>();
  sqlTrace.onPrepare = (s) => seen.add(s);
  fn();
  sqlTrace.onPrepare = null;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(42)} median ${times[2]!.toFixed(1).padStart(7)} ms   max ${times[4]!.toFixed(1).padStart(7)} ms`);
  for (const s of seen) if (!plans.has(s)) plans.set(s, [name]);
}
if (showPlans) {
  for (const [s, names] of plans) {
    const params: Record<string, null> = {};
    for (const m of s.matchAll(/@(\w+)/g)) params[m[1]!] = null;
    const positional = (s.match(/\?/g) ?? []).map(() => null);
    const rows = sq.prepare(`explain query plan ${s}`).all(...(Object.keys(params).length ? [params] : positional)) as { detail: string }[];
    console.log(`\n-- ${names.join(", ")}\n${s.replace(/\s+/g, " ").slice(0, 400)}\n${rows.map((r) => `   ${r.detail}`).join("\n")}`);
  }
}
