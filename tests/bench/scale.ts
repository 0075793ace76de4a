// Scale benchmark: the national database (1,000,000 endpoints in 50 agencies, 90 days of history,
// seeded through the ingest service in bulk: see lib/national.ts), then the real server on it
// (production build): response time of every dashboard page and of the main tRPC queries
// (p50, p95), the database's size on disk and per endpoint, and the server's RSS.
// Targets: every page < 300 ms p95; < 2 KB per endpoint plus history; server RSS < 1 GB.
//
//   node --require ./server/runtime/preload.cjs --import tsx tests/bench/scale.ts [--endpoints N] [--db FILE] [--runs 10]
//
// --db measures a copy of the national database (run-all.ts passes one, so the cached seed stays
// pristine); without it the cached database itself is served.
import fs from "node:fs";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { startServer } from "../support/server";
import { ADMIN, ensureNationalDb, MINISTRY_OFFICER, PASSWORD } from "./lib/national";
import { finish, int, mib, ms, newResult, summarize } from "./lib/results";
import { processMemory, requireBuild, serverPid, session, timedGet } from "./lib/server";

const { values } = parseArgs({ options: { endpoints: { type: "string" }, db: { type: "string" }, runs: { type: "string" } } });
const N = Number(values.endpoints ?? 1_000_000);
const RUNS = Number(values.runs ?? 10);

function tableSizes(file: string): { name: string; table: string; bytes: number }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare('select s.name, coalesce(m.tbl_name, s.name) as "table", sum(s.pgsize) as bytes from dbstat s left join sqlite_master m on m.name = s.name group by s.name order by bytes desc')
      .all() as { name: string; table: string; bytes: number }[];
  } catch {
    return [];
  } finally {
    db.close();
  }
}

async function main() {
  const distDir = requireBuild();
  const result = newResult("scale", `Scale: ${int(N)} endpoints, 50 agencies, 90 days of history`);
  const seeded = await ensureNationalDb(N);
  const file = values.db ?? seeded.file;
  const meta = seeded.meta;

  // --- the database ---------------------------------------------------------------------------
  const ro = new Database(file, { readonly: true });
  const count = (sql: string) => (ro.prepare(sql).get() as { n: number }).n;
  const counts = {
    endpoints: count("select count(*) as n from endpoints"),
    checkins: count("select count(*) as n from checkins"),
    observations: count("select count(*) as n from observations"),
    findings: count("select count(*) as n from findings"),
    events: count("select count(*) as n from endpoint_events"),
    daily: count("select count(*) as n from agency_daily"),
    audit: count("select count(*) as n from audit_log"),
  };
  const device = (ro.prepare("select device_id as d from endpoints where state = 'banned' order by id limit 1").get() as { d: string }).d;
  const agency = (ro.prepare("select code from agencies where depth = 1 order by id limit 1").get() as { code: string }).code;
  const ministry = (ro.prepare("select code from agencies where depth = 0 order by id limit 1").get() as { code: string }).code;
  const states = ro.prepare("select state, count(*) as n from endpoints group by state order by n desc").all() as { state: string; n: number }[];
  ro.close();
  const sizes = tableSizes(file);
  const bytes = fs.statSync(file).size;
  const historyTables = new Set(["checkins", "endpoint_events", "agency_daily", "audit_log"]);
  const historyBytes = sizes.filter((s) => historyTables.has(s.table)).reduce((a, s) => a + s.bytes, 0);
  const perEndpoint = (bytes - historyBytes) / counts.endpoints;
  result.tables.push({
    title: "Seed (through the ingest service, in bulk)",
    columns: ["", "value"],
    rows: [
      ["endpoints", int(meta.endpoints)],
      [`check-ins replayed (sparse history: first and last days, change days${meta.heartbeatDays < meta.days ? `, every ${meta.heartbeatDays} days` : ""})`, int(meta.checkins)],
      ["waivers", int(meta.waivers)],
      ["rejected check-ins", int(meta.rejected)],
      ["seed time", `${(meta.seedMs / 60000).toFixed(1)} min (${int(meta.endpoints / (meta.seedMs / 1000))} endpoints/s, ${int(meta.checkins / (meta.seedMs / 1000))} check-ins/s incl. enrollment)`],
      ["seed processes (each replays its own agencies; their files are merged)", int(meta.shards ?? 1)],
      [
        "seed CPU time (all processes)",
        meta.cpuMs ? `${(meta.cpuMs / 60000).toFixed(1)} min${meta.loadAvg ? `; load average at its end ${meta.loadAvg.map((l) => l.toFixed(2)).join(", ")}` : ""}` : "not recorded",
      ],
      ["this run", !seeded.reused ? "seeded now" : process.env.BENCH_SEEDED_BY_RUN ? "seeded by this `npm run bench`, before the benchmarks" : `reused the cached seed of ${meta.seededAt}`],
      ["endpoint states", states.map((s) => `${s.state} ${int(s.n)}`).join(", ")],
    ],
  });
  result.tables.push({
    title: "Database on disk",
    columns: ["", "value"],
    rows: [
      ["file size", mib(bytes)],
      [
        "rows",
        Object.entries(counts)
          .map(([k, v]) => `${k} ${int(v)}`)
          .join(", "),
      ],
      ["history (check-ins, events, daily counts, audit) with indexes", mib(historyBytes)],
      ["per endpoint, without history", `${(perEndpoint / 1024).toFixed(2)} KB`],
      ["per endpoint, all", `${(bytes / counts.endpoints / 1024).toFixed(2)} KB`],
      [
        "largest tables and indexes",
        sizes
          .slice(0, 8)
          .map((s) => `${s.name} ${mib(s.bytes)}`)
          .join(", "),
      ],
    ],
  });
  result.targets.push({
    what: "database per endpoint (plus history)",
    target: "< 2 KB",
    measured: `${(perEndpoint / 1024).toFixed(2)} KB + ${(historyBytes / counts.endpoints / 1024).toFixed(2)} KB history`,
    met: perEndpoint < 2048,
  });

  // --- the server -----------------------------------------------------------------------------
  const server = await startServer({ databasePath: file, env: { NEXT_DIST_DIR: distDir }, timeoutMs: 180_000 });
  const pid = serverPid(server);
  const startedRss = processMemory(pid).rss;
  try {
    const pages = [
      "/",
      "/agencies",
      `/agencies/${agency}`,
      "/endpoints",
      "/endpoints?state=banned",
      "/endpoints?state=excepted&sort=-lastReport",
      `/endpoints?agency=${agency}`,
      "/endpoints?present=vendor:kaspersky",
      "/endpoints?needs=action",
      "/endpoints?needs=action&state=stale",
      `/endpoints?needs=action&agency=${agency}`,
      "/endpoints?os=darwin&olderThan=30",
      "/endpoints?q=1-ws-0001",
      `/endpoints/${device}`,
      "/changes?kind=removed",
      `/changes?kind=detected&from=${new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10)}`,
      "/findings",
      "/findings?status=resolved",
      `/findings?agency=${agency}&presence=remnants`,
      "/policies",
      "/enrollment",
      "/reports",
      "/reports/new",
      "/audit",
      "/audit?q=waiver",
      "/users",
    ];
    const q = (proc: string, input?: unknown) => `/api/trpc/${proc}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`;
    const queries: [string, string][] = [
      ["overview.get", q("overview.get")],
      ["overview.agencies", q("overview.agencies")],
      ["overview.agency", q("overview.agency", { code: agency })],
      ["endpoints.list", q("endpoints.list", {})],
      ["endpoints.list state=banned", q("endpoints.list", { state: "banned" })],
      ["endpoints.list present=kaspersky", q("endpoints.list", { present: "vendor:kaspersky" })],
      ["endpoints.list needs=action", q("endpoints.list", { needs: "action" })],
      ["overview.changes", q("overview.changes", {})],
      ["endpoints.list q=", q("endpoints.list", { q: "1-ws-0001" })],
      ["endpoints.byDeviceId", q("endpoints.byDeviceId", { deviceId: device })],
      ["endpoints.filterOptions", q("endpoints.filterOptions")],
      ["findings.list open", q("findings.list", { status: "open" })],
      ["findings.tabCounts", q("findings.tabCounts", {})],
      ["findings.waivers pending", q("findings.waivers", { status: "pending" })],
      ["catalog.unrecognized", q("catalog.unrecognized", {})],
      ["audit.list", q("audit.list", {})],
      ["policies.previewChange", q("policies.previewChange", { policyId: 1, active: true })],
    ];
    let lastPeak = processMemory(pid).peak;
    const measure = async (title: string, who: string, cookie: string, list: [string, string][], target: number | null) => {
      const rows: (string | number)[][] = [];
      let worst = { p95: 0, label: "" };
      for (const [label, path] of list) {
        await timedGet(server.url + path, cookie); // warm-up (first compile of the route, page cache)
        const runs: number[] = [];
        let status = 0;
        let size = 0;
        for (let i = 0; i < RUNS; i++) {
          const r = await timedGet(server.url + path, cookie);
          runs.push(r.ms);
          status = r.status;
          size = r.bytes;
        }
        const s = summarize(runs);
        if (s.p95 > worst.p95) worst = { p95: s.p95, label };
        // The server's high-water mark after this request's runs: which request raises it.
        const peak = processMemory(pid).peak;
        rows.push([label, status, `${(size / 1024).toFixed(0)} KB`, ms(s.p50), ms(s.p95), peak > lastPeak ? mib(peak) : "", target === null ? "" : s.p95 < target ? "" : "over"]);
        lastPeak = Math.max(lastPeak, peak);
      }
      result.tables.push({ title: `${title}, ${who} (${RUNS} runs after a warm-up)`, columns: ["request", "status", "size", "p50", "p95", "peak RSS rose to", ""], rows });
      return worst;
    };
    const adminCookie = await session(server, ADMIN, PASSWORD);
    const officerCookie = await session(server, MINISTRY_OFFICER, PASSWORD);
    const w1 = await measure(
      "Dashboard pages",
      "administrator",
      adminCookie,
      pages.map((p) => [p, p]),
      300,
    );
    const w2 = await measure(
      "Dashboard pages",
      `agency officer of ${ministry}`,
      officerCookie,
      pages.filter((p) => p !== "/users").map((p) => [p, p]),
      300,
    );
    await measure("tRPC queries", "administrator", adminCookie, queries, null);
    const worst = w1.p95 >= w2.p95 ? w1 : w2;
    result.targets.push({ what: "slowest dashboard page p95", target: "< 300 ms", measured: `${ms(worst.p95)} (${worst.label})`, met: worst.p95 < 300 });
    const mem = processMemory(pid);
    result.tables.push({
      title: "Server memory",
      columns: ["", "value"],
      rows: [
        ["RSS after start-up", mib(startedRss)],
        ["RSS after the requests above", mib(mem.rss)],
        ["  of which anonymous (JS heap, SQLite page cache, buffers)", mib(mem.anon)],
        ["  of which file-backed (code and the database file mapped by SQLite's mmap_size)", mib(mem.file)],
        ["peak RSS (VmHWM)", mib(mem.peak)],
      ],
    });
    result.targets.push({
      what: "server RSS (peak)",
      target: "< 1 GB",
      measured: `${mib(mem.peak)} (${mib(mem.anon)} anonymous + ${mib(mem.file)} mapped file at the end)`,
      met: mem.peak < 1024 ** 3,
    });
  } finally {
    await server.stop();
  }
  finish(result);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
