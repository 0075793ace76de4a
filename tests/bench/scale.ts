// Scale benchmark: the national database (1,000,000 endpoints in 50 agencies, 90 days of history,
// seeded through the ingest service in bulk: see lib/national.ts), then the real server on it
// (production build): response time of every dashboard page and of the main tRPC queries
// (p50, p95), the database's size on disk and per endpoint, and the server's RSS.
// Targets: every page < 300 ms p95; < 2 KB per endpoint plus history; server RSS < 1 GB.
//
//   node --require ./server/runtime/preload.cjs --import tsx tests/bench/scale.ts [--endpoints N] [--db FILE] [--runs 10]
//
// --db measures a copy of the national database (run-all.ts passes one, so the cached seed stays
// pristine); without it the cached database itself is served. A copy with its own seed record
// (FILE.json beside it) is measured as it is, even when the seed key has moved on since.
import fs from "node:fs";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { startServer } from "../support/server";
import { ADMIN, MINISTRY_OFFICER, PASSWORD, seedOf } from "./lib/national";
import { dashboardPages, readFixture, slowest, timeRequests, trpcQueries } from "./lib/dashboard";
import { finish, int, mib, ms, newResult } from "./lib/results";
import { processMemory, requireBuild, serverPid, session } from "./lib/server";

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
  const { file, meta, reused } = await seedOf(N, values.db);

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
  const fixture = readFixture(ro);
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
      ["this run", !reused ? "seeded now" : process.env.BENCH_SEEDED_BY_RUN ? "seeded by this `npm run bench`, before the benchmarks" : `reused the cached seed of ${meta.seededAt}`],
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
    let lastPeak = processMemory(pid).peak;
    const measure = async (title: string, who: string, cookie: string, list: [string, string][], target: number | null) => {
      // The server's high-water mark after each request's runs: which request raises it.
      const peaks = new Map<string, number>();
      const timed = await timeRequests([{ url: server.url, cookie }], list, RUNS, (label) => peaks.set(label, processMemory(pid).peak));
      const rows = timed.map(({ label, timings }) => {
        const t = timings[0]!;
        const peak = peaks.get(label)!;
        const rose = peak > lastPeak ? mib(peak) : "";
        lastPeak = Math.max(lastPeak, peak);
        return [label, t.status, `${(t.bytes / 1024).toFixed(0)} KB`, ms(t.p50), ms(t.p95), rose, target === null ? "" : t.p95 < target ? "" : "over"];
      });
      result.tables.push({ title: `${title}, ${who} (${RUNS} runs after a warm-up)`, columns: ["request", "status", "size", "p50", "p95", "peak RSS rose to", ""], rows });
      return slowest(timed, 0);
    };
    const adminCookie = await session(server, ADMIN, PASSWORD);
    const officerCookie = await session(server, MINISTRY_OFFICER, PASSWORD);
    const w1 = await measure(
      "Dashboard pages",
      "administrator",
      adminCookie,
      dashboardPages(fixture, "admin").map((p) => [p, p]),
      300,
    );
    const w2 = await measure(
      "Dashboard pages",
      `agency officer of ${fixture.ministry}`,
      officerCookie,
      dashboardPages(fixture, "officer").map((p) => [p, p]),
      300,
    );
    await measure("tRPC queries", "administrator", adminCookie, trpcQueries(fixture), null);
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
