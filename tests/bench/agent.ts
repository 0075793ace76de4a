// Benchmark of the Muster agent: bundle size, `scan` wall time and peak RSS on this machine.
// Budgets (issue 3): scan < 300 ms wall and < 60 MB peak RSS; bundle < 300 KB.
// Run: node --require ./server/runtime/preload.cjs --import tsx tests/bench/agent.ts [runs]
// Prints figures; it is not a test and never fails on them.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { finish, newResult } from "./lib/results";

const repo = resolve(__dirname, "../..");
const bundle = join(repo, "agent/dist/muster-agent.js");
const runs = Number(process.argv[2] ?? 15);
const work = join(repo, "tests/bench/.work");
const result = newResult("agent", "Agent");
const rows: (string | number)[][] = [];
mkdirSync(work, { recursive: true });
const stateDir = mkdtempSync(join(tmpdir(), "muster-bench-"));

execFileSync(process.execPath, [join(repo, "agent/build.mjs")], { cwd: repo, stdio: "inherit" });
const bundleKb = statSync(bundle).size / 1024;

// Peak RSS from the kernel's own accounting: GNU time when present, else a preload that reports
// process.resourceUsage().maxRSS (kilobytes) when the agent exits.
const gnuTime = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
const preload = join(work, "report-rss.cjs");
writeFileSync(preload, 'process.on("exit", () => process.stderr.write(`\\nMAXRSS_KB=${process.resourceUsage().maxRSS}\\n`));\n');

function measure(args: string[]): { ms: number; cpuMs: number; rssMb: number; out: string } {
  const cmd = gnuTime ? gnuTime : process.execPath;
  const argv = gnuTime ? ["-f", "MAXRSS_KB=%M CPU_S=%U+%S", process.execPath, bundle, ...args] : ["--require", preload, bundle, ...args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd: repo, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`scan failed (${r.status}): ${r.stderr}`);
  const m = /MAXRSS_KB=(\d+)/.exec(r.stderr);
  // CPU time (user + system) barely depends on what else the machine runs; wall time does.
  const c = /CPU_S=([\d.]+)\+([\d.]+)/.exec(r.stderr);
  return { ms, cpuMs: c ? (Number(c[1]) + Number(c[2])) * 1000 : NaN, rssMb: m ? Number(m[1]) / 1024 : NaN, out: r.stdout };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function bench(label: string, args: string[]) {
  measure(args); // warm the page cache
  const samples = Array.from({ length: runs }, () => measure(args));
  const body = JSON.parse(samples[0]!.out) as { software: unknown[]; collectors: { name: string }[] };
  const ms = samples.map((s) => s.ms);
  const rss = samples.map((s) => s.rssMb);
  const cpu = samples.map((s) => s.cpuMs);
  rows.push([
    label,
    `${median(ms).toFixed(0)} ms`,
    `${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)} ms`,
    gnuTime ? `${median(cpu).toFixed(0)} ms` : "–",
    `${Math.max(...rss).toFixed(1)} MB`,
    body.software.length,
  ]);
  console.log(
    `${label.padEnd(28)} wall median ${median(ms).toFixed(0)} ms (min ${Math.min(...ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)}), ` +
      (gnuTime ? `CPU median ${median(cpu).toFixed(0)} ms, ` : "") +
      `peak RSS median ${median(rss).toFixed(1)} MB (max ${Math.max(...rss).toFixed(1)}), ${body.software.length} entries sent, collectors ${body.collectors.map((c) => c.name).join(",")}`,
  );
  return { ms: median(ms), rss: Math.max(...rss) };
}

const nodeBaseline = (() => {
  const t = Array.from({ length: 5 }, () => {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, ["-e", "0"]);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  });
  return median(t);
})();

console.log(`bundle agent/dist/muster-agent.js: ${bundleKb.toFixed(1)} KB (budget 300 KB)`);
console.log(
  `node ${process.version} start-up alone: ${nodeBaseline.toFixed(0)} ms; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}; ${runs} runs each, RSS via ${gnuTime ? "GNU time" : "process.resourceUsage()"}`,
);
const live = bench("scan --json (this machine)", ["scan", "--json", "--state-dir", stateDir]);
bench("scan --json (linux fixture)", ["scan", "--json", "--state-dir", stateDir, "--root", join(repo, "tests/fixtures/agent/roots/linux-kaspersky")]);
bench("scan --json (macos fixture)", ["scan", "--json", "--state-dir", stateDir, "--root", join(repo, "tests/fixtures/agent/roots/macos-kaspersky"), "--platform", "darwin"]);
console.log(`agent's own share of a scan (median minus node start-up): ${(live.ms - nodeBaseline).toFixed(0)} ms`);
result.tables.push({
  title: `Agent scan (${runs} runs each after a warm-up; node start-up alone ${nodeBaseline.toFixed(0)} ms)`,
  columns: ["scan", "wall p50", "wall range", "CPU p50", "peak RSS (max)", "entries"],
  rows,
});
result.notes.push(
  `bundle agent/dist/muster-agent.js: ${bundleKb.toFixed(1)} KB; agent's own share of a scan (median minus node start-up): ${(live.ms - nodeBaseline).toFixed(0)} ms; RSS via ${gnuTime ? "GNU time" : "process.resourceUsage()"}`,
);
result.targets.push(
  { what: "agent scan wall time (this machine)", target: "< 300 ms", measured: `${live.ms.toFixed(0)} ms`, met: live.ms < 300 },
  { what: "agent scan peak RSS", target: "< 60 MB", measured: `${live.rss.toFixed(1)} MB`, met: live.rss < 60 },
  { what: "agent bundle size", target: "< 300 KB", measured: `${bundleKb.toFixed(1)} KB`, met: bundleKb < 300 },
);
finish(result);
