// Ingest benchmark: sustained check-ins over HTTP against the real server (custom server +
// production Next build), from a load generator in a separate process, then the same load against
// the bare baseline (tests/bench/baseline/server.ts) in the same run, in alternating rounds. Prints
// check-ins/s, p50/p99 latency, errors and the ratio. Targets: >= 4,000/s, p99 < 50 ms, ratio >= 0.6.
//
//   npm run build      # once (npm run bench builds into .next-bench and sets NEXT_DIST_DIR)
//   node --require ./server/runtime/preload.cjs --import tsx tests/bench/ingest.ts \
//     [--devices 20000] [--seconds 15] [--rounds 2] [--connections 64] [--no-baseline] [--keep]
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT, TS_NODE_ARGS, freePort, startServer } from "../support/server";
import { finish, int, newResult, type BenchResult } from "./lib/results";
import { requireBuild } from "./lib/server";

const { values } = parseArgs({
  options: {
    devices: { type: "string" },
    seconds: { type: "string" },
    rounds: { type: "string" },
    connections: { type: "string" },
    "no-baseline": { type: "boolean" },
    keep: { type: "boolean" },
  },
});
const DEVICES = Number(values.devices ?? 20_000);
const SECONDS = Number(values.seconds ?? 15);
const ROUNDS = Number(values.rounds ?? 2);
const CONNECTIONS = Number(values.connections ?? 64);

type LoadResult = { requests: number; ok: number; perSecond: number; p50: number; p99: number; max: number; errors: number; statuses: Record<string, number>; avgEntries: number; avgBytes: number };

function run(args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...TS_NODE_ARGS, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(" ")} exited with ${code}`))));
  });
}

async function load(url: string, devicesFile: string): Promise<LoadResult> {
  const out = await run(["tests/bench/ingest-load.ts", "--url", url, "--devices", devicesFile, "--seconds", String(SECONDS), "--connections", String(CONNECTIONS)]);
  return JSON.parse(out.trim().split("\n").pop()!) as LoadResult;
}

async function main() {
  const distDir = requireBuild();
  let musterCheck = "";
  const result = newResult("ingest", "Ingest over HTTP");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "muster-bench-ingest-"));
  const dbFile = path.join(work, "muster.db");
  const devicesFile = path.join(work, "devices.json");
  console.log(`work folder ${work}; ${DEVICES} devices, ${SECONDS} s, ${CONNECTIONS} connections, ${os.cpus().length} CPUs`);

  // Seed in a child process (the same services the server uses): agency, token, devices, BOD 17-01
  // in force, one report per device so the load measures a fleet already reporting.
  const t0 = Date.now();
  await run(["tests/bench/ingest-seed.ts", "--devices", String(DEVICES), "--out", devicesFile], { DATABASE_PATH: dbFile, MUSTER_ADMIN_PASSWORD: "bench-password-123" });
  console.log(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // Every server runs ROUNDS times, alternating, each time on a fresh copy of the seeded database;
  // the best round counts (another process on a 2-core machine can only slow a round down) and
  // every round is listed in the notes.
  const runMuster = async (file: string) => {
    const server = await startServer({ databasePath: file, env: { NEXT_DIST_DIR: distDir } });
    try {
      return await load(server.url, devicesFile);
    } finally {
      await server.stop();
    }
  };
  const runBaseline = (digest: boolean) => async (file: string) => {
    const port = await freePort();
    const baseline = spawn(process.execPath, [...TS_NODE_ARGS, "tests/bench/baseline/server.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: file, PORT: String(port), BASELINE_DIGEST: digest ? "1" : "0" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => baseline.stdout.on("data", (d: Buffer) => d.toString().includes("listening") && resolve()));
    try {
      return await load(`http://127.0.0.1:${port}`, devicesFile);
    } finally {
      baseline.kill("SIGTERM");
    }
  };
  const servers = [
    { label: "Muster (custom server + production Next build)", short: "Muster", run: runMuster },
    ...(values["no-baseline"]
      ? []
      : [
          { label: "bare baseline: node:http + better-sqlite3, upserting every entry", short: "baseline", run: runBaseline(false) },
          { label: "bare baseline with Muster's one shortcut (identical report: no upserts)", short: "baseline with the shortcut", run: runBaseline(true) },
        ]),
  ];
  const rounds: LoadResult[][] = servers.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, s] of servers.entries()) {
      const file = path.join(work, `round-${round}-${i}.db`);
      fs.copyFileSync(dbFile, file);
      const r = await s.run(file);
      console.log(`round ${round + 1}/${ROUNDS} ${s.short}: ${int(r.perSecond)}/s, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors`);
      rounds[i]!.push(r);
      if (i === 0) musterCheck = (await run(["tests/bench/ingest-seed.ts", "--check"], { DATABASE_PATH: file })).trim();
      fs.rmSync(file, { force: true });
    }
  }
  const best = rounds.map((rs) => rs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a)));
  const muster = best[0]!;
  const rows = servers.map((s, i) => row(s.label, best[i]!));
  result.notes.push(`every round (check-ins/s, p99): ${servers.map((s, i) => `${s.short} ${rounds[i]!.map((r) => `${int(r.perSecond)}/s ${r.p99.toFixed(1)} ms`).join(", ")}`).join("; ")}`);
  result.notes.push(musterCheck);
  for (const [i, label] of [
    [1, "bare baseline"],
    [2, "bare baseline with the shortcut"],
  ] as const) {
    const base = best[i];
    if (!base) continue;
    const ratio = muster.perSecond / base.perSecond;
    result.targets.push({ what: `throughput ratio Muster / ${label}`, target: ">= 0.6", measured: ratio.toFixed(2), met: ratio >= 0.6 });
  }
  result.tables.push({
    title: `Ingest: ${int(DEVICES)} devices, ${CONNECTIONS} keep-alive connections, ${SECONDS} s after a 2 s warm-up, ${os.cpus().length} CPUs (load generator in its own process); best of ${ROUNDS} rounds`,
    columns: ["server", "check-ins/s", "p50", "p99", "max", "errors", "entries/report"],
    rows,
  });
  result.targets.unshift(
    { what: "Muster check-ins per second", target: ">= 4,000/s", measured: `${int(muster.perSecond)}/s`, met: muster.perSecond >= 4000 },
    { what: "Muster check-in latency p99", target: "< 50 ms", measured: `${muster.p99.toFixed(1)} ms`, met: muster.p99 < 50 },
  );
  finish(result);
  if (!values.keep) fs.rmSync(work, { recursive: true, force: true });
}

function row(label: string, r: LoadResult): (string | number)[] {
  const errors = r.errors ? `${r.errors} ${JSON.stringify(r.statuses)}` : "0";
  return [label, int(r.perSecond), `${r.p50.toFixed(1)} ms`, `${r.p99.toFixed(1)} ms`, `${r.max.toFixed(0)} ms`, errors, r.avgEntries.toFixed(1)];
}

export type { BenchResult };

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
