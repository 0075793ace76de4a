// Benchmark of the agent packages: executable size per target and installer size per format
// (compressed, as `npm run agent:package` builds them by default), scan wall time and peak RSS of
// the Linux single executable against `node muster-agent.js` measured in the same run, and the
// self-update round trip (a 0.1.9 executable updating itself to 0.2.0 from a local server; what
// must be refused is covered by tests/integration/packages/self-update.test.ts).
// Run: node --require ./server/runtime/preload.cjs --import tsx tests/bench/packages.ts [--fast] [--no-build] [runs]
// (--no-build reuses the packages of the previous run in tests/bench/.work/packages.)
// Needs a production build of the server (`npm run build`) for the round trip. Prints figures; it
// is not a test and never fails on them.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { sh } from "../../agent/packaging/tools";
import { currentBuild, olderBuild, testKeys } from "../support/packages";
import { ROOT } from "../support/server";
import { run, sha256, startMuster } from "../integration/packages/helpers";
import { finish, newResult } from "./lib/results";

const fast = process.argv.includes("--fast");
const reuse = process.argv.includes("--no-build");
const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 15);
const result = newResult("packages", "Agent packages");
const out = path.join(ROOT, "tests", "bench", ".work", "packages");
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

async function main() {
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}; ${fast ? "fast (gzip)" : "default (xz)"} compression`,
  );
  // 1. Every target and format, as an operator builds them (signed with the test keys).
  const keys = testKeys();
  const t0 = performance.now();
  const built = reuse && fs.existsSync(path.join(out, "release.json"));
  const b = built
    ? { status: 0 }
    : spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "agent/packaging/main.ts", "--out", out, ...(fast ? ["--fast"] : [])], {
        cwd: ROOT,
        stdio: ["ignore", "inherit", "inherit"],
        env: { ...process.env, GNUPGHOME: keys.gnupgHome, MUSTER_RELEASE_KEY: keys.releaseKey, MUSTER_GPG_KEY: keys.gpgKey, MUSTER_SIGN_CERT: keys.cert, MUSTER_SIGN_KEY: keys.key },
      });
  if (b.status !== 0) throw new Error("agent:package failed");
  const buildS = (performance.now() - t0) / 1000;
  const index = JSON.parse(fs.readFileSync(path.join(out, "release.json"), "utf8")) as { files: { file: string; format: string; target: string; size: number }[] };
  result.tables.push({
    title: built ? "Executables and installers (from the previous run's build)" : `Executables and installers (built in ${buildS.toFixed(0)} s on this machine)`,
    columns: ["target", "format", "file", "size"],
    rows: index.files.map((f) => [f.target, f.format, f.file, mb(f.size)]),
  });

  // 2. Scan: the Linux executable against node + the bundle, same machine, same run.
  const gnuTime = fs.existsSync("/usr/bin/time");
  const exe = path.join(out, index.files.find((f) => f.format === "sea" && f.target === "linux-x64")!.file);
  const bundle = path.join(out, index.files.find((f) => f.format === "js")!.file);
  const state = fs.mkdtempSync(path.join(out, "state-"));
  const measure = (argv: string[]) => {
    const t = process.hrtime.bigint();
    const r = spawnSync(gnuTime ? "/usr/bin/time" : argv[0]!, gnuTime ? ["-f", "MAXRSS_KB=%M CPU_S=%U+%S", ...argv] : argv.slice(1), { encoding: "utf8", maxBuffer: 64 << 20 });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.status !== 0) throw new Error(`${argv.join(" ")}: ${r.stderr}`);
    // CPU time (user + system) barely depends on what else the machine runs; wall time does.
    const c = /CPU_S=([\d.]+)\+([\d.]+)/.exec(r.stderr);
    return { ms, cpu: c ? (Number(c[1]) + Number(c[2])) * 1000 : NaN, rss: Number(/MAXRSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024 };
  };
  const median = (xs: number[]) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)]!;
  const args = ["scan", "--json", "--state-dir", state];
  const builds = [
    [process.execPath, bundle, ...args],
    [exe, ...args],
  ];
  // A file the build has just written, in large writes, sits in the page cache in large folios,
  // and each page fault then maps a whole folio of the executable into the process: the same scan
  // shows 17-40 MB more RSS, all of it shared, clean file pages (the anonymous memory is the same,
  // about 21 MB). An endpoint runs an executable it reads from disk, so the builds are measured
  // that way: their files are written back and dropped from the page cache, then read once by the
  // warm-up. The figure before the drop is printed too.
  const fresh = Math.max(...[0, 1, 2].map(() => measure(builds[1]!).rss));
  // sh() throws when a command fails: a drop that did not happen must not be printed as "read from disk".
  sh("sync", []);
  for (const file of [exe, bundle, fs.realpathSync(process.execPath)]) sh("dd", [`if=${file}`, "iflag=nocache", "count=0", "status=none"]);
  for (const argv of builds) measure(argv); // read them back into the page cache
  // Interleaved, so both see the same machine load.
  const samples: { ms: number; cpu: number; rss: number }[][] = [[], []];
  for (let i = 0; i < runs; i++) builds.forEach((argv, k) => samples[k]!.push(measure(argv)));
  const summary = (s: { ms: number; cpu: number; rss: number }[]) => ({ ms: median(s.map((x) => x.ms)), cpu: median(s.map((x) => x.cpu)), rss: Math.max(...s.map((x) => x.rss)) });
  const [js, sea] = [summary(samples[0]!), summary(samples[1]!)];
  result.tables.push({
    title: `scan --json on this machine (${runs} runs each, interleaved, files read from disk, after a warm-up; peak RSS via ${gnuTime ? "GNU time" : "–"}; load average ${loadavg()[0]!.toFixed(1)})`,
    columns: ["build", "wall p50", "CPU p50", "peak RSS (max)"],
    rows: [
      [`node ${process.version} muster-agent.js`, `${js.ms.toFixed(0)} ms`, `${js.cpu.toFixed(0)} ms`, `${js.rss.toFixed(1)} MB`],
      ["single executable (Node 22.23.2)", `${sea.ms.toFixed(0)} ms`, `${sea.cpu.toFixed(0)} ms`, `${sea.rss.toFixed(1)} MB`],
      ["the same, before its file is dropped from the page cache (3 runs)", "", "", `${fresh.toFixed(1)} MB`],
    ],
  });
  result.targets.push(
    {
      what: "executable scan wall time vs node + bundle",
      target: "within 10%",
      measured: `${(((sea.ms - js.ms) / js.ms) * 100).toFixed(0)}% (${sea.ms.toFixed(0)} vs ${js.ms.toFixed(0)} ms)`,
      met: sea.ms <= js.ms * 1.1,
    },
    { what: "executable scan wall time", target: "< 300 ms", measured: `${sea.ms.toFixed(0)} ms (CPU ${sea.cpu.toFixed(0)} ms, load ${loadavg()[0]!.toFixed(1)})`, met: sea.ms < 300 },
    { what: "executable scan peak RSS", target: "< 60 MB", measured: `${sea.rss.toFixed(1)} MB`, met: sea.rss < 60 },
  );

  // 3. Update round trip: 0.1.9 -> 0.2.0 from a local server, and a release signed with another key.
  const v1 = olderBuild();
  const v2 = currentBuild();
  const muster = await startMuster({ MUSTER_AGENT_PACKAGES: v2.dir });
  try {
    const dir = fs.mkdtempSync(path.join(muster.dir, "agent-"));
    const agent = path.join(dir, "muster-agent");
    fs.copyFileSync(v1.file("muster-agent-0.1.9-linux-x64"), agent);
    fs.chmodSync(agent, 0o755);
    const st = path.join(dir, "state");
    run(agent, ["enroll", "--server", muster.server.url, "--token", muster.token("BENCH-UPD"), "--state-dir", st]);
    const t = performance.now();
    const r = run(agent, ["run", "--state-dir", st]);
    const roundTrip = performance.now() - t;
    const updated = sha256(agent) === sha256(v2.file("muster-agent-0.2.0-linux-x64"));
    result.tables.push({
      title: "Self-update round trip (check-in, offer, 119 MB download over loopback, SHA-256 and signature checks, swap, first run of the new version)",
      columns: ["case", "time", "outcome"],
      rows: [["0.1.9 -> 0.2.0", `${(roundTrip / 1000).toFixed(1)} s`, updated && r.code === 0 ? "updated, server sees 0.2.0" : `NOT updated: ${r.stderr.slice(0, 200)}`]],
    });
    result.targets.push({ what: "self-update round trip on this machine", target: "updates", measured: updated ? `${(roundTrip / 1000).toFixed(1)} s` : "failed", met: updated });
  } finally {
    await muster.stop();
  }
  result.notes.push(`bad signatures, wrong hashes, truncated downloads and failed first runs: tests/integration/packages/self-update.test.ts`);
  finish(result);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
