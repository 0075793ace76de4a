// Scale on PostgreSQL: the dashboard at national scale (1,000,000 endpoints, lib/national.ts) on
// PostgreSQL, next to the same pages on SQLite measured in the same run. The national SQLite
// database is copied into a new PostgreSQL database in bulk (server/db/sqlite-to-pg.ts: seeding through the
// app on PostgreSQL runs at about 20 endpoints/s), then one Muster server (production build) runs
// on each engine, the same users sign in on both, and every page and tRPC query of scale.ts is
// timed on both, the two servers taking turns request by request. PostgreSQL runs in a temporary
// cluster (tests/support/postgres.ts, fsync on) with the settings below; statements over 50 ms
// are taken from its log.
// Target (the issue): every dashboard page under 300 ms p95 on PostgreSQL, as on SQLite.
//
//   node --require ./server/runtime/preload.cjs --import tsx tests/bench/scale-postgres.ts [--endpoints N] [--db FILE] [--runs 10] [--explain 3]
//
// --db: the SQLite database to copy and serve (run-all.ts passes its scratch copy); without it the
// cached national seed is copied first, so it stays pristine. --explain N prints EXPLAIN ANALYZE
// of the N slowest statements PostgreSQL logged.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { startPostgres } from "../support/postgres";
import { type RunningServer, startServer } from "../support/server";
import { dashboardPages, readFixture, type Subject, slowest, type Timed, timeRequests, trpcQueries } from "./lib/dashboard";
import { ADMIN, ensureNationalDb, MINISTRY_OFFICER, PASSWORD, WORK } from "./lib/national";
import { LOG_PREFIX, slowStatements, withParams } from "./lib/pg-slow-log";
import { finish, int, mib, ms, newResult } from "./lib/results";
import { processMemory, requireBuild, serverPid, session } from "./lib/server";
import { copySqliteToPostgres } from "~/server/db/sqlite-to-pg";

const { values } = parseArgs({ options: { endpoints: { type: "string" }, db: { type: "string" }, runs: { type: "string" }, explain: { type: "string" } } });
const N = Number(values.endpoints ?? 1_000_000);
const RUNS = Number(values.runs ?? 10);
const EXPLAIN = Number(values.explain ?? 0);
const SLOW_MS = 50;

/**
 * The cluster's settings beyond tests/support/postgres.ts's (fsync on): a buffer cache sized for a
 * national database on a server of its own rather than the tests' 32 MB; WAL room for the bulk
 * load (no checkpoint every gigabyte); the slow statements logged. Everything else is PostgreSQL's
 * default (work_mem, random_page_cost, jit).
 */
const SETTINGS = {
  shared_buffers: "1GB",
  max_wal_size: "8GB",
  log_min_duration_statement: `${SLOW_MS}ms`,
  log_line_prefix: LOG_PREFIX,
};

const ENGINES = ["SQLite", "PostgreSQL"] as const;

async function main() {
  const distDir = requireBuild();
  const result = newResult("scale-postgres", `Scale on PostgreSQL: ${int(N)} endpoints, next to SQLite`);
  const seeded = await ensureNationalDb(N);
  const own = !values.db;
  const file = values.db ?? path.join(WORK, "scale-postgres.db");
  if (own) {
    for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
    fs.copyFileSync(seeded.file, file);
  }
  const ro = new Database(file, { readonly: true });
  const fixture = readFixture(ro);
  const endpoints = ro.prepare("select count(*) from endpoints").pluck().get() as number;
  ro.close();

  const cluster = await startPostgres({ settings: SETTINGS });
  const servers: RunningServer[] = [];
  const scratch = fs.mkdtempSync(path.join(WORK, "scale-postgres-"));
  try {
    const url = await cluster.createDatabase("muster");
    console.log(`PostgreSQL ${cluster.major} started in ${cluster.startMs} ms; copying ${path.basename(file)} into it ...`);
    const copy = await copySqliteToPostgres(file, url);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const size = Number((await admin.query("select pg_database_size(current_database()) as b")).rows[0].b);
    const largest = (
      await admin.query<{ name: string; b: string }>(
        "select c.relname as name, pg_relation_size(c.oid) as b from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' order by 2 desc limit 8",
      )
    ).rows;
    const rows = copy.tables.reduce((a, t) => a + t.rows, 0);
    const big = copy.tables.filter((t) => t.rows >= 100_000).sort((a, b) => b.rows - a.rows);
    result.tables.push({
      title: `The national database copied into PostgreSQL ${cluster.major}`,
      columns: ["", "value"],
      rows: [
        ["source", `${path.basename(seeded.file)}: ${int(endpoints)} endpoints, SQLite file ${mib(fs.statSync(file).size)}`],
        ["copy time (migrations, COPY of every table, indexes built again, ANALYZE, checkpoint)", `${(copy.ms / 60000).toFixed(1)} min, ${int(rows)} rows (${int(rows / (copy.ms / 1000))} rows/s)`],
        ["  of which indexes built again", `${(copy.indexMs / 1000).toFixed(0)} s`],
        ["  of which ANALYZE and checkpoint", `${(copy.analyzeMs / 1000).toFixed(0)} s`],
        ["largest tables", big.map((t) => `${t.table} ${int(t.rows)} rows in ${(t.ms / 1000).toFixed(0)} s`).join(", ")],
        ["PostgreSQL database size (pg_database_size)", `${mib(size)} (${(size / endpoints / 1024).toFixed(2)} KB per endpoint, all included)`],
        ["largest tables and indexes", largest.map((r) => `${r.name} ${mib(Number(r.b))}`).join(", ")],
        [
          "settings beyond the defaults",
          `fsync=on, ${Object.entries(SETTINGS)
            .filter(([k]) => !k.startsWith("log_"))
            .map(([k, v]) => `${k}=${v}`)
            .join(", ")}`,
        ],
      ],
    });

    // One server at a time: each start-up on two shared cores without the other one.
    servers.push(await startServer({ databasePath: file, env: { NEXT_DIST_DIR: distDir }, timeoutMs: 300_000 }));
    const env = { DATABASE_URL: url, DATABASE_PATH: path.join(scratch, "unused.db"), AUTH_SECRET: crypto.randomBytes(32).toString("base64"), NEXT_DIST_DIR: distDir };
    servers.push(await startServer({ databasePath: "", env, timeoutMs: 300_000 }));
    const pids = servers.map(serverPid);
    const startedRss = pids.map((pid) => processMemory(pid).rss);
    const signIn = async (email: string): Promise<Subject[]> => Promise.all(servers.map(async (s) => ({ url: s.url, cookie: await session(s, email, PASSWORD) })));
    const admins = await signIn(ADMIN);
    const officers = await signIn(MINISTRY_OFFICER);
    const loadBefore = os.loadavg();
    const logFrom = cluster.log().length;
    const outputFrom = servers.map((s) => s.output().length);

    const measure = async (title: string, subjects: Subject[], list: [string, string][], target: number | null) => {
      const timed = await timeRequests(subjects, list, RUNS);
      result.tables.push({ title: `${title} (${RUNS} runs each after a warm-up, the two servers taking turns)`, ...sideBySide(timed, target) });
      return timed;
    };
    const pages = [
      await measure("Dashboard pages, administrator", admins, pairs(dashboardPages(fixture, "admin")), 300),
      await measure(`Dashboard pages, agency officer of ${fixture.ministry}`, officers, pairs(dashboardPages(fixture, "officer")), 300),
    ].flat();
    await measure("tRPC queries, administrator", admins, trpcQueries(fixture), null);

    result.notes.push(
      `load average (1, 5, 15 min) before the timed requests ${loadBefore.map((l) => l.toFixed(2)).join(", ")}, after ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(", ")} (${os.cpus().length} CPUs)`,
    );
    const mem = pids.map((pid) => processMemory(pid));
    result.tables.push({
      title: "Muster server memory",
      columns: ["", ...ENGINES],
      rows: [
        ["RSS after start-up", ...startedRss.map(mib)],
        ["RSS after the requests above", ...mem.map((m) => mib(m.rss))],
        ["peak RSS (VmHWM)", ...mem.map((m) => mib(m.peak))],
      ],
    });
    // A page that failed inside still answers 200 (its error boundary): the servers' error log says.
    const errors = servers.map((s, k) => serverErrors(s.output().slice(outputFrom[k])));
    result.tables.push({
      title: "Errors the servers logged during the timed requests",
      columns: ["engine", "errors", "messages"],
      rows: ENGINES.map((e, k) => [e, errors[k]!.count, [...errors[k]!.messages].map(([m, n]) => `${n}× ${m}`).join("; ")]),
    });
    const slow = slowStatements(cluster.log().slice(logFrom));
    result.tables.push({
      title: `PostgreSQL: statements over ${SLOW_MS} ms during the timed requests (log_min_duration_statement)`,
      columns: ["statement", "times", "max", "total"],
      rows: slow.length ? slow.slice(0, 15).map((s) => [s.sql.length > 160 ? `${s.sql.slice(0, 157)}...` : s.sql, s.count, ms(s.maxMs), ms(s.totalMs)]) : [["none", "", "", ""]],
    });
    await explainSlowest(admin, slow, EXPLAIN);
    await admin.end();

    result.notes.push("size: each server's last run; one server's page differs by some KB from run to run (streamed in other chunks), so two sizes are no sign of different data");
    const [lite, post] = [slowest(pages, 0), slowest(pages, 1)];
    result.targets.push({
      what: "slowest dashboard page p95 on PostgreSQL",
      target: "< 300 ms",
      measured: `${ms(post.p95)} (${post.label}); SQLite in the same run ${ms(lite.p95)} (${lite.label})${errors[1]!.count ? `; ${errors[1]!.count} server errors on PostgreSQL` : ""}`,
      met: post.p95 < 300 && errors[1]!.count === 0,
    });
  } finally {
    for (const s of servers) await s.stop();
    await cluster.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
    if (own) for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
  }
  finish(result);
}

/** Errors (level 50 and up) in a server's JSON log lines, counted by message. */
function serverErrors(output: string): { count: number; messages: Map<string, number> } {
  const messages = new Map<string, number>();
  let count = 0;
  for (const line of output.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string };
      if ((entry.level ?? 0) < 50) continue;
      count++;
      messages.set(entry.msg ?? "", (messages.get(entry.msg ?? "") ?? 0) + 1);
    } catch {
      // not a log line
    }
  }
  return { count, messages };
}

const pairs = (pages: string[]): [string, string][] => pages.map((p) => [p, p]);

/** One row per request: both engines' p50 and p95 and PostgreSQL's p95 over SQLite's. */
function sideBySide(timed: Timed[], target: number | null) {
  const rows = timed.map(({ label, timings }) => {
    const [l, p] = [timings[0]!, timings[1]!];
    const same = (a: string, b: string) => (a === b ? a : `${a} / ${b}`);
    return [
      label,
      same(String(l.status), String(p.status)),
      same(`${(l.bytes / 1024).toFixed(0)} KB`, `${(p.bytes / 1024).toFixed(0)} KB`),
      ms(l.p50),
      ms(l.p95),
      ms(p.p50),
      ms(p.p95),
      `${(p.p95 / l.p95).toFixed(1)}×`,
      target === null || p.p95 < target ? "" : "over",
    ];
  });
  return { columns: ["request", "status", "size", "SQLite p50", "SQLite p95", "PostgreSQL p50", "PostgreSQL p95", "PG/SQLite p95", ""], rows };
}

/** EXPLAIN ANALYZE of the `n` slowest read statements, with the parameters they were logged with. */
async function explainSlowest(client: pg.Client, slow: ReturnType<typeof slowStatements>, n: number): Promise<void> {
  for (const s of slow.filter((x) => /^(select|with)\b/i.test(x.sql) && !/\b(insert|update|delete)\b/i.test(x.sql)).slice(0, n)) {
    const sql = withParams(s.sql, s.params);
    try {
      const plan = await client.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${sql}`);
      console.log(`\n--- ${ms(s.maxMs)} at most, ${s.count} times:\n${sql}\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
    } catch (err) {
      console.log(`\n--- ${sql}\n(could not explain: ${(err as Error).message})`);
    }
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
