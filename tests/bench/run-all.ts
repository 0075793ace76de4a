// `npm run bench`: every benchmark on this machine, one after the other, against a production
// build (.next-bench), then tests/bench/results.md with their tables and the targets met or
// missed. The national database (1M endpoints) is seeded once and cached under tests/bench/.work/;
// the benchmarks that write to it get a scratch copy. It first checks that the machine has what the
// chosen benchmarks run (Chromium, PostgreSQL's server, the packaging tools) and stops, naming the
// Debian packages, before anything is built or seeded.
//
//   npm run bench [-- --endpoints 1000000] [--no-build] [--only scale,report]
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { neededTools, parseOptions } from "../../agent/packaging/main";
import { requireTools } from "../../agent/packaging/tools";
import { requireChromium } from "../../server/lib/chromium";
import { findPostgresBinDir } from "../support/postgres";
import { ROOT, TS_NODE_ARGS } from "../support/server";
import { nationalDbPath, readSeedMeta, WORK } from "./lib/national";
import { type BenchResult, markdownTable, targetsTable } from "./lib/results";

const { values } = parseArgs({ options: { endpoints: { type: "string" }, "no-build": { type: "boolean" }, only: { type: "string" } } });
const N = Number(values.endpoints ?? 1_000_000);
const DIST = ".next-bench";
const only = values.only ? new Set(values.only.split(",")) : null;
const started = performance.now();
const loadStart = os.loadavg();
const min = (t0: number) => `${((performance.now() - t0) / 60000).toFixed(1)} min`;

function run(cmd: string, args: string[], opts: { env?: Record<string, string>; quiet?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    p.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (!opts.quiet) process.stdout.write(d);
    });
    p.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(cmd)} ${args.slice(-3).join(" ")} exited with ${code}`))));
  });
}

/** `next build` into .next-bench; Next rewrites tsconfig.json for another distDir: put it back. */
async function build() {
  const tsconfig = path.join(ROOT, "tsconfig.json");
  const saved = fs.readFileSync(tsconfig);
  try {
    await run(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], { env: { NEXT_DIST_DIR: DIST, NODE_ENV: "production" }, quiet: true });
  } finally {
    if (!fs.readFileSync(tsconfig).equals(saved)) fs.writeFileSync(tsconfig, saved);
  }
}

/** `needs` throws, saying what to install, when the machine lacks what the benchmark runs. */
type Bench = { name: string; file: string; args?: string[]; node?: string[]; standalone?: boolean; needs?: () => unknown };

/** What the chosen benchmarks lack on this machine, found before minutes of building and seeding. */
function missingTools(benches: Bench[]): string[] {
  const missing: string[] = [];
  for (const b of benches) {
    try {
      b.needs?.();
    } catch (err) {
      missing.push(`${b.name}: ${(err as Error).message}`);
    }
  }
  return missing;
}

async function main() {
  fs.mkdirSync(WORK, { recursive: true });
  const scratch = path.join(WORK, "scratch.db");
  const benches: Bench[] = [
    { name: "agent", file: "tests/bench/agent.ts", standalone: true },
    { name: "ingest", file: "tests/bench/ingest.ts" },
    { name: "ingest-postgres", file: "tests/bench/ingest-postgres.ts", needs: findPostgresBinDir },
    { name: "scale", file: "tests/bench/scale.ts", args: ["--db", scratch, "--endpoints", String(N)] },
    // Right after scale, before the benchmarks that change the scratch copy: both engines get the data scale timed.
    { name: "scale-postgres", file: "tests/bench/scale-postgres.ts", args: ["--db", scratch, "--endpoints", String(N)], needs: findPostgresBinDir },
    { name: "report", file: "tests/bench/report.ts", args: ["--db", scratch, "--endpoints", String(N)], node: ["--max-old-space-size=8192"], needs: requireChromium },
    { name: "reevaluate", file: "tests/bench/reevaluate.ts", args: ["--db", scratch] },
    { name: "stalls", file: "tests/bench/stalls.ts", args: ["--db", scratch] },
    { name: "catalog-match", file: "tests/bench/catalog-match.ts", standalone: true },
    // These need neither the server build nor the national seed (an empty database of their own, or none).
    // Every target and format, GPG-signed with throwaway keys.
    { name: "packages", file: "tests/bench/packages.ts", standalone: true, needs: () => requireTools(neededTools(parseOptions([]), true)) },
    { name: "notify", file: "tests/bench/notify.ts", standalone: true },
    { name: "import", file: "tests/bench/import.ts", standalone: true },
  ].filter((b) => !only || only.has(b.name));
  const standalone = benches.every((b) => b.standalone);
  const missing = missingTools(benches);
  if (missing.length) {
    console.error(
      `npm run bench: this machine lacks what ${missing.length === 1 ? "a benchmark needs" : "benchmarks need"} (nothing was built or seeded):\n${missing.map((m) => `  ${m}`).join("\n")}`,
    );
    process.exit(1);
  }
  console.log(`npm run bench: ${os.cpus().length} CPUs, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, node ${process.version}, load average ${loadStart.map((l) => l.toFixed(2)).join(" ")}`);
  const seededBefore = standalone ? null : readSeedMeta(nationalDbPath(N));
  // The build and the seed overlap (two cores; the seed is one thread); benchmarks then run alone.
  const t0 = performance.now();
  const steps: Promise<unknown>[] = [];
  if (!standalone && (!values["no-build"] || !fs.existsSync(path.join(ROOT, DIST, "BUILD_ID")))) {
    console.log(`building the production server into ${DIST} ...`);
    steps.push(build().then(() => console.log(`built in ${min(t0)}`)));
  }
  if (!standalone) {
    console.log(seededBefore ? "national database: cached" : `seeding the national database (${N.toLocaleString("en-GB")} endpoints) through the ingest service ...`);
    steps.push(run(process.execPath, ["--max-old-space-size=12288", "--max-semi-space-size=64", ...TS_NODE_ARGS, "tests/bench/seed.ts", "--endpoints", String(N)]));
  }
  await Promise.all(steps);
  const prepared = performance.now() - t0;
  const file = nationalDbPath(N);
  const meta = standalone ? null : readSeedMeta(file)!;

  // The seed leaves gigabytes of dirty pages the kernel writes back in the background: let that
  // finish before anything is timed. The agent's scan, the figure most sensitive to a busy
  // machine, goes first.
  const ts = performance.now();
  spawnSync("sync");
  console.log(`sync: ${((performance.now() - ts) / 1000).toFixed(1)} s`);
  const results: BenchResult[] = [];
  const failures: string[] = [];
  for (const b of benches) {
    if (b.args?.includes(scratch) && !fs.existsSync(scratch)) {
      for (const s of ["-wal", "-shm"]) fs.rmSync(scratch + s, { force: true });
      fs.copyFileSync(file, scratch);
    }
    const out = path.join(WORK, `result-${b.name}.json`);
    fs.rmSync(out, { force: true });
    console.log(`\n=== ${b.name} ===`);
    const tb = performance.now();
    try {
      await run(process.execPath, [...(b.node ?? []), ...TS_NODE_ARGS, b.file, ...(b.args ?? [])], {
        env: { NEXT_DIST_DIR: DIST, BENCH_RESULT_FILE: out, ...(seededBefore ? {} : { BENCH_SEEDED_BY_RUN: "1" }) },
      });
      const r = JSON.parse(fs.readFileSync(out, "utf8")) as BenchResult;
      r.seconds = (performance.now() - tb) / 1000;
      results.push(r);
    } catch (err) {
      failures.push(`${b.name}: ${(err as Error).message}`);
      console.error(err);
    }
  }
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(scratch + s, { force: true });

  const total = (performance.now() - started) / 1000;
  const loadEnd = os.loadavg();
  const md: string[] = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` (tests/bench/run-all.ts) on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC. Figures, not tests: the machine is shared, so read them with the load average.`,
    "",
    "| | |",
    "|---|---:|",
    `| machine | ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "CPU"}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, ${os.platform()} ${os.release()} |`,
    `| Node.js | ${process.version} |`,
    `| load average at start (1, 5, 15 min) | ${loadStart.map((l) => l.toFixed(2)).join(", ")} |`,
    `| load average at end | ${loadEnd.map((l) => l.toFixed(2)).join(", ")} |`,
    `| total run time | ${(total / 60).toFixed(1)} min |`,
    ...(meta
      ? [
          `| build + national seed (overlapping) | ${(prepared / 60000).toFixed(1)} min |`,
          `| national seed (${meta.endpoints.toLocaleString("en-GB")} endpoints, ${meta.checkins.toLocaleString("en-GB")} check-ins) | ${seededBefore ? `reused the cached seed of ${meta.seededAt.slice(0, 16).replace("T", " ")} UTC, which took` : "seeded in this run:"} ${(meta.seedMs / 60000).toFixed(1)} min${meta.cpuMs ? ` (CPU ${(meta.cpuMs / 60000).toFixed(1)} min${meta.shards && meta.shards > 1 ? ` in ${meta.shards} processes` : ""})` : ""} |`,
        ]
      : []),
    ...results.map((r) => `| ${r.name} | ${(r.seconds! / 60).toFixed(1)} min |`),
    "",
    "## Targets",
    "",
    markdownTable({ ...targetsTable(results.flatMap((r) => r.targets)), title: "" }),
    "",
  ];
  if (failures.length) md.push("## Failures", "", ...failures.map((f) => `- ${f}`), "");
  for (const r of results) {
    md.push(`## ${r.title}`, "");
    for (const t of r.tables) md.push(`**${t.title}**`, "", markdownTable(t), "");
    for (const n of r.notes) md.push(`- ${n}`);
    if (r.notes.length) md.push("");
  }
  fs.writeFileSync(path.join(ROOT, "tests/bench/results.md"), md.join("\n"));
  console.log(
    `\nall benchmarks in ${(total / 60).toFixed(1)} min (load average ${loadStart.map((l) => l.toFixed(2)).join(" ")} -> ${loadEnd.map((l) => l.toFixed(2)).join(" ")}); results in tests/bench/results.md`,
  );
  if (failures.length) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
