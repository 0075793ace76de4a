// Ingest on PostgreSQL (issue 15): sustained check-ins over HTTP against two Muster app nodes
// (custom server + production Next build) on one PostgreSQL 15 (Debian's, started in a temporary
// folder, fsync on), half the fleet on each node, each half from its own load process; then the
// same load against the bare baseline (tests/bench/baseline/server-pg.ts: node:http + node-postgres)
// on the same cluster, in alternating rounds, each on a fresh copy of the seeded database
// (CREATE DATABASE … TEMPLATE). Prints check-ins/s, p50/p99, errors and the ratio; then both
// servers again under a steady open-loop load at half the baseline's capacity, for latency.
// Targets: ratio >= 0.6, p99 < 100 ms (at the steady load; at saturation, reported too).
//
//   npm run build      # once
//   node --require ./server/runtime/preload.cjs --import tsx tests/bench/ingest-postgres.ts \
//     [--devices 5000] [--seconds 15] [--rounds 2] [--connections 32]
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startPostgres } from "../support/postgres";
import { freePort, ROOT, startServer, TS_NODE_ARGS } from "../support/server";
import { finish, int, newResult } from "./lib/results";
import { requireBuild } from "./lib/server";

const { values } = parseArgs({ options: { devices: { type: "string" }, seconds: { type: "string" }, rounds: { type: "string" }, connections: { type: "string" } } });
const DEVICES = Number(values.devices ?? 5_000);
const SECONDS = Number(values.seconds ?? 15);
const ROUNDS = Number(values.rounds ?? 2);
const CONNECTIONS = Number(values.connections ?? 32);

type LoadResult = { requests: number; ok: number; perSecond: number; p50: number; p99: number; max: number; errors: number; statuses: Record<string, number>; avgEntries: number };

function run(args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...TS_NODE_ARGS, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(" ")} exited with ${code}`))));
  });
}

/** `part` "k/n": the load process sends for every n-th device from the k-th (one node's half). */
/** `rate`: open loop at that many reports per second (otherwise closed loop over `connections`). */
const load = async (url: string, devicesFile: string, connections: number, part = "0/1", rate?: number): Promise<LoadResult> =>
  JSON.parse(
    (
      await run([
        "tests/bench/ingest-load.ts",
        ...["--url", url, "--devices", devicesFile, "--seconds", String(SECONDS), "--connections", String(connections), "--part", part],
        // A steady load starts only once the servers are warm (5 s of it unmeasured): a report that
        // falls due while a fresh node compiles its first routes waits, and so would every later one.
        ...(rate ? ["--rate", String(rate), "--warmup", "5"] : []),
      ])
    )
      .trim()
      .split("\n")
      .pop()!,
  ) as LoadResult;

/** Two halves measured at once: their rates add up; the slower half's percentiles are kept. */
function combine(a: LoadResult, b: LoadResult): LoadResult {
  const statuses: Record<string, number> = { ...a.statuses };
  for (const [k, v] of Object.entries(b.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    requests: a.requests + b.requests,
    ok: a.ok + b.ok,
    perSecond: a.perSecond + b.perSecond,
    p50: Math.max(a.p50, b.p50),
    p99: Math.max(a.p99, b.p99),
    max: Math.max(a.max, b.max),
    errors: a.errors + b.errors,
    statuses,
    avgEntries: (a.avgEntries + b.avgEntries) / 2,
  };
}

async function main() {
  const distDir = requireBuild();
  const result = newResult("ingest-postgres", "Ingest over HTTP on PostgreSQL, two app nodes");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "muster-bench-ingest-pg-"));
  const cluster = await startPostgres({ maxConnections: 100 });
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  const secret = crypto.randomBytes(32).toString("base64");
  try {
    const seedUrl = await cluster.createDatabase("seed");
    const devicesFile = path.join(work, "devices.json");
    const t0 = Date.now();
    await run(["tests/bench/ingest-seed.ts", "--devices", String(DEVICES), "--out", devicesFile], {
      DATABASE_URL: seedUrl,
      DATABASE_PATH: path.join(work, "seed", "unused.db"),
      AUTH_SECRET: secret,
      MUSTER_ADMIN_PASSWORD: "bench-password-123",
    });
    console.log(`PostgreSQL ${cluster.major} started in ${cluster.startMs} ms; ${DEVICES} devices seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${os.cpus().length} CPUs`);
    let copies = 0;
    const copy = async () => {
      const name = `round_${++copies}`;
      await admin.query(`create database ${name} template seed`);
      const u = new URL(seedUrl);
      u.pathname = `/${name}`;
      return u.toString();
    };
    let musterCheck = "";
    const runMuster = async (url: string, rate?: number) => {
      const env = (n: string) => ({ DATABASE_URL: url, DATABASE_PATH: path.join(work, n, "unused.db"), AUTH_SECRET: secret, NEXT_DIST_DIR: distDir, MUSTER_DEVICE_BURST: "0" });
      const nodes = await Promise.all([startServer({ databasePath: "", env: env("a") }), startServer({ databasePath: "", env: env("b") })]);
      try {
        const [a, b] = await Promise.all(nodes.map((n, i) => load(n.url, devicesFile, CONNECTIONS / 2, `${i}/2`, rate && rate / 2)));
        return combine(a!, b!);
      } finally {
        await Promise.all(nodes.map((n) => n.stop()));
      }
    };
    const runBaseline = async (url: string, rate?: number) => {
      const port = await freePort();
      const baseline = spawn(process.execPath, [...TS_NODE_ARGS, "tests/bench/baseline/server-pg.ts"], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: url, PORT: String(port) },
        stdio: ["ignore", "pipe", "inherit"],
      });
      await new Promise<void>((resolve) => baseline.stdout.on("data", (d: Buffer) => d.toString().includes("listening") && resolve()));
      try {
        return await load(`http://127.0.0.1:${port}`, devicesFile, CONNECTIONS, "0/1", rate);
      } finally {
        baseline.kill("SIGTERM");
      }
    };
    const servers = [
      { label: "Muster, two app nodes (custom server + production Next build)", short: "Muster", run: runMuster },
      { label: "bare baseline: node:http + node-postgres, upserting every entry, two batches at once", short: "baseline", run: runBaseline },
    ];
    const rounds: LoadResult[][] = servers.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, s] of servers.entries()) {
        const url = await copy();
        const r = await s.run(url);
        console.log(`round ${round + 1}/${ROUNDS} ${s.short}: ${int(r.perSecond)}/s, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors`);
        rounds[i]!.push(r);
        if (i === 0) musterCheck = (await run(["tests/bench/ingest-seed.ts", "--check"], { DATABASE_URL: url, DATABASE_PATH: path.join(work, "check", "unused.db"), AUTH_SECRET: secret })).trim();
      }
    }
    const best = rounds.map((rs) => rs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a)));
    const muster = best[0]!;
    const base = best[1]!;
    // Latency under a steady load rather than at saturation (where a closed loop's latency is just
    // connections / throughput): reports fall due at half the bare baseline's capacity, on both.
    const rate = Math.max(1, Math.round(base.perSecond / 2));
    const steady: LoadResult[] = [];
    for (const s of servers) {
      const r = await s.run(await copy(), rate);
      console.log(`steady ${rate}/s ${s.short}: ${int(r.perSecond)}/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors`);
      steady.push(r);
    }
    result.tables.push({
      title: `Ingest on PostgreSQL ${cluster.major}: ${int(DEVICES)} devices, ${CONNECTIONS} keep-alive connections (half on each node), ${SECONDS} s after a 2 s warm-up, ${os.cpus().length} CPUs; best of ${ROUNDS} rounds`,
      columns: ["server", "check-ins/s", "p50", "p99", "max", "errors", "entries/report"],
      rows: servers.map((s, i) => {
        const r = best[i]!;
        return [
          s.label,
          int(r.perSecond),
          `${r.p50.toFixed(1)} ms`,
          `${r.p99.toFixed(1)} ms`,
          `${r.max.toFixed(0)} ms`,
          r.errors ? `${r.errors} ${JSON.stringify(r.statuses)}` : "0",
          r.avgEntries.toFixed(1),
        ];
      }),
    });
    result.tables.push({
      title: `The same servers under a steady load: a report due every ${(1000 / rate).toFixed(1)} ms (${rate}/s, half the bare baseline's best), open loop, ${SECONDS} s; latency from when each report was due`,
      columns: ["server", "check-ins/s", "p50", "p99", "max", "errors"],
      rows: servers.map((s, i) => {
        const r = steady[i]!;
        return [s.label, int(r.perSecond), `${r.p50.toFixed(1)} ms`, `${r.p99.toFixed(1)} ms`, `${r.max.toFixed(0)} ms`, r.errors ? `${r.errors} ${JSON.stringify(r.statuses)}` : "0"];
      }),
    });
    result.notes.push(`every round (check-ins/s, p99): ${servers.map((s, i) => `${s.short} ${rounds[i]!.map((r) => `${int(r.perSecond)}/s ${r.p99.toFixed(1)} ms`).join(", ")}`).join("; ")}`);
    result.notes.push(musterCheck);
    const ratio = muster.perSecond / base.perSecond;
    result.targets.push(
      { what: "throughput ratio Muster (two nodes) / bare baseline", target: ">= 0.6", measured: ratio.toFixed(2), met: ratio >= 0.6 },
      { what: `Muster check-in latency p99 at ${rate}/s (half the baseline's capacity)`, target: "< 100 ms", measured: `${steady[0]!.p99.toFixed(1)} ms`, met: steady[0]!.p99 < 100 },
      { what: `Muster check-in latency p99 at saturation (${CONNECTIONS} connections)`, target: "< 100 ms", measured: `${muster.p99.toFixed(1)} ms`, met: muster.p99 < 100 },
    );
    finish(result);
  } finally {
    await admin.end();
    await cluster.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
