// Event-loop stalls at national scale: one process serves agents and people, so nothing may hold
// its event loop for long. On the national database (1,000,000 endpoints) the real server runs
// the long operations an officer or administrator starts from the dashboard: a draft report, a
// publication, the published report's endpoints CSV (over 100 MB), the banned-endpoints CSV export,
// an inventory import (a 1,000,000-row Intune export, --import-rows), and a policy change that
// re-evaluates every endpoint with a Kaspersky product (answered at once; the bench waits for the
// re-evaluation to finish). During each, a
// prober asks /healthz every 20 ms and 40 agents send check-ins; the server's own event-loop lag
// (p99 and max, from monitorEventLoopDelay through /metrics) is read right before and after.
// Twice: as shipped (long work on the work thread, re-evaluation in ~100 ms transactions), and the
// baseline as before (MUSTER_WORK_THREAD=0: everything on the event loop; 25k-endpoint chunks).
// Target: event-loop lag max < 200 ms during each operation. It writes to the database (a report,
// the policy change): run-all.ts passes a scratch copy with --db.
//
//   node --require ./server/runtime/preload.cjs --import tsx tests/bench/stalls.ts --db COPY.db [--only publish,csv,import] [--shipped-only] [--import-rows N]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { BUILTIN_CATALOG } from "~/agent/shared/catalog";
import { createAgentClient } from "~/server/fleet/agent-client";
import { dayOf } from "~/server/lib/time";
import { trpcMutation, trpcQuery } from "../integration/reports/http";
import { ROOT, type RunningServer, startServer, TS_NODE_ARGS } from "../support/server";
import { ADMIN, PASSWORD } from "./lib/national";
import { finish, ms, newResult, summarize } from "./lib/results";
import { requireBuild, session } from "./lib/server";

const { values } = parseArgs({ options: { db: { type: "string" }, only: { type: "string" }, "shipped-only": { type: "boolean" }, "import-rows": { type: "string" } } });
if (!values.db) throw new Error("--db FILE (a copy of the national database: this benchmark changes it)");
const FILE = path.resolve(values.db);
const TOKEN = "bench-metrics-token-0123456789";
const only = values.only ? new Set(values.only.split(",")) : null;
const IMPORT_ROWS = Number(values["import-rows"] ?? 1_000_000);
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

type Mode = { name: string; env: Record<string, string> };
const MODES: Mode[] = [
  { name: "as shipped (work thread)", env: {} },
  { name: "baseline: on the event loop", env: { MUSTER_WORK_THREAD: "0", MUSTER_REEVAL_CHUNK_MS: "100000" } },
];

type Probe = { stop: () => Promise<{ health: number[]; checkins: number[]; checkinErrors: number }> };

/** /healthz every 20 ms and check-ins from `devices` every 25 ms (one at a time each), until stop(). */
function startProbes(server: RunningServer, devices: { deviceId: string; secret: string; seq: number }[]): Probe {
  let running = true;
  const health: number[] = [];
  const checkins: number[] = [];
  let checkinErrors = 0;
  const client = createAgentClient(server.url, { maxSockets: 8 });
  const healthLoop = (async () => {
    while (running) {
      const t0 = performance.now();
      const ok = await fetch(`${server.url}/healthz`).then(
        (r) => r.arrayBuffer().then(() => r.ok),
        () => false,
      );
      if (ok) health.push(performance.now() - t0);
      await sleep(20);
    }
  })();
  let next = 0;
  const checkinLoop = (async () => {
    while (running) {
      const d = devices[next++ % devices.length]!;
      const report = {
        deviceId: d.deviceId,
        seq: ++d.seq,
        collectedAt: new Date().toISOString(),
        agentVersion: "1.0.0",
        hostname: `stall-${d.deviceId.slice(-4)}`,
        os: { platform: "linux" as const, name: "Debian", version: "12", arch: "x64" },
        catalogVersion: BUILTIN_CATALOG.version,
        collectors: [{ name: "dpkg" as const, ok: true }],
        software: [{ source: "dpkg" as const, name: "clamav", version: "1.0.7", identifier: "clamav" }],
      };
      const r = await client.checkin(d.secret, report);
      if (r.status === 200) checkins.push(r.ms);
      else checkinErrors++;
      await sleep(25);
    }
  })();
  return {
    async stop() {
      running = false;
      await Promise.all([healthLoop, checkinLoop]);
      client.close();
      return { health, checkins, checkinErrors };
    },
  };
}

/** The server's event-loop lag since the last call, and how many group commits so far took over 250 ms (held the loop). */
/** Reading /metrics resets the lag histogram: nothing else scrapes it during an operation. */
async function loopLag(server: RunningServer): Promise<{ p99: number; max: number; slowCommits: number; reevaluated: number }> {
  const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
  const slowCommits = read("muster_ingest_group_commit_seconds_count") - read('muster_ingest_group_commit_seconds_bucket\\{le="0.25"\\}');
  // Re-evaluated endpoints are counted on the work thread and reported to the main thread's registry.
  return { p99: read("nodejs_eventloop_lag_p99_seconds") * 1000, max: read("nodejs_eventloop_lag_max_seconds") * 1000, slowCommits, reevaluated: read("muster_reevaluated_endpoints_total") };
}

type Diagnosis = { slowCommits: string; checkpointer: string; slowChunks: string };

/**
 * What the server logged during an operation (JSON lines after `from` in its output): group commits
 * over 200 ms with where their time went (BEGIN, the check-ins, COMMIT with any automatic
 * checkpoint), the checkpointer falling behind, re-evaluation chunks holding the lock over 1 s.
 */
function diagnose(output: string): Diagnosis {
  const lines = output.split("\n").flatMap((l) => {
    try {
      return [JSON.parse(l) as Record<string, number | string>];
    } catch {
      return [];
    }
  });
  const commits = lines.filter((l) => l.msg === "ingest: slow group commit");
  const worst = commits.sort((a, b) => Number(b.beginMs) + Number(b.workMs) + Number(b.commitMs) - (Number(a.beginMs) + Number(a.workMs) + Number(a.commitMs)))[0];
  const sum = (k: string) => Math.round(commits.reduce((t, c) => t + Number(c[k]), 0));
  const cps = lines.filter((l) => l.msg === "checkpointer: slow or behind");
  const chunks = lines.filter((l) => l.msg === "re-evaluation: slow chunk held the write lock");
  return {
    slowCommits: commits.length
      ? `${commits.length} (total BEGIN ${sum("beginMs")} ms, work ${sum("workMs")} ms, COMMIT ${sum("commitMs")} ms; worst: BEGIN ${worst!.beginMs}, work ${worst!.workMs}, COMMIT ${worst!.commitMs} ms, WAL ${(Number(worst!.walBytesAfter) / 1e6).toFixed(0)} MB)`
      : "0",
    checkpointer: cps.length
      ? `max ${Math.max(...cps.map((c) => Number(c.ms)))} ms, max ${Math.max(...cps.map((c) => Number(c.frames) - Number(c.copied))).toLocaleString("en-GB")} frames left uncopied, WAL up to ${(Math.max(...cps.map((c) => Number(c.walBytes))) / 1e6).toFixed(0)} MB`
      : "kept up",
    slowChunks: chunks.length ? `${chunks.length} (max ${Math.max(...chunks.map((c) => Number(c.ms)))} ms)` : "0",
  };
}

async function trpc(server: RunningServer, cookie: string, proc: string, input: unknown, mutation: boolean): Promise<unknown> {
  const r = mutation ? await trpcMutation(server.url, cookie, proc, input) : await trpcQuery(server.url, cookie, proc, input);
  if (!r.ok) throw new Error(`${proc}: ${r.status} ${r.message}`);
  return r.data;
}

/** Intune export of `rows` rows (10 a device), generated once by the import benchmark's generator. */
function importFile(rows: number): string {
  const file = path.join(path.dirname(FILE), `stalls-intune-${rows}.csv`);
  if (!fs.existsSync(file)) {
    execFileSync(process.execPath, [...TS_NODE_ARGS, "tests/bench/import.ts", "--child", "generate", "--file", file, "--rows", String(rows), "--devices", String(rows / 10)], {
      cwd: ROOT,
      stdio: "inherit",
    });
  }
  return file;
}

/** Pushes an inventory file with an import token, over node:http (no answer timeout); returns the import's summary. */
function pushImport(server: RunningServer, token: string, file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${server.url}/api/import/v1/inventory?source=intune&name=stalls.csv`,
      { method: "POST", headers: { authorization: `Bearer ${token}`, "content-length": fs.statSync(file).size } },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => {
          const r = JSON.parse(text) as { import?: { status: string; rows: number; created: number }; error?: string; message?: string };
          if (res.statusCode === 201 && r.import) resolve(`${r.import.rows.toLocaleString("en-GB")} rows, ${r.import.created.toLocaleString("en-GB")} endpoints created`);
          else reject(new Error(`import: ${res.statusCode} ${text.slice(0, 300)}`));
        });
      },
    );
    req.on("error", reject);
    fs.createReadStream(file).pipe(req);
  });
}

/** A tRPC mutation over node:http, which has no answer timeout (fetch gives up after 300 s). */
function longMutation(server: RunningServer, cookie: string, proc: string, input: unknown): Promise<unknown> {
  const body = JSON.stringify({ json: input });
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}/api/trpc/${proc}`, { method: "POST", headers: { cookie, "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => {
        const parsed = JSON.parse(text) as { result?: { data: { json: unknown } }; error?: { json: { message: string } } };
        if (parsed.result) resolve(parsed.result.data.json);
        else reject(new Error(`${proc}: ${res.statusCode} ${parsed.error?.json.message}`));
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function download(server: RunningServer, cookie: string, p: string): Promise<string> {
  const res = await fetch(`${server.url}${p}`, { headers: { cookie } });
  const bytes = (await res.arrayBuffer()).byteLength;
  if (res.status !== 200) throw new Error(`${p}: ${res.status}`);
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

async function main() {
  const sqlite = new Database(FILE, { readonly: true });
  const policy = sqlite.prepare("select id, active from policies where slug = 'us-bod-17-01'").get() as { id: number; active: number };
  const agency = sqlite.prepare("select id from agencies order by id limit 1").get() as { id: number };
  const endpoints = (sqlite.prepare("select count(*) as n from endpoints").get() as { n: number }).n;
  sqlite.close();
  const result = newResult("stalls", `Event-loop stalls during long operations at ${endpoints.toLocaleString("en-GB")} endpoints`);
  const rows: (string | number)[][] = [];
  const worst = new Map<string, number>();
  const diagnoses: string[][] = [];
  let active = policy.active === 1;
  // The re-evaluations last: the first one lifts the ban, which empties the reports and exports.
  // --shipped-only: without the event-loop baseline (comparing two versions of the code, run after run).
  const modes = values["shipped-only"] ? MODES.slice(0, 1) : MODES;
  const phases = [...modes.map((mode) => ({ mode, reevaluate: false })), ...modes.map((mode) => ({ mode, reevaluate: true }))];

  for (const [phase, { mode, reevaluate }] of phases.entries()) {
    // With --only, a phase none of whose operations is asked for is skipped (no server started).
    const wanted = only ? [...only].some((k) => (k === "reevaluate") === reevaluate) : true;
    if (!wanted) continue;
    const server = await startServer({
      databasePath: FILE,
      env: { NEXT_DIST_DIR: requireBuild(), MUSTER_METRICS_TOKEN: TOKEN, MUSTER_DEVICE_BURST: "0", ...mode.env },
      timeoutMs: 300_000,
    });
    try {
      const cookie = await session(server, ADMIN, PASSWORD);
      const { token } = (await trpc(server, cookie, "enrollment.create", { agencyId: agency.id, label: "stall probes" }, true)) as { token: string };
      const client = createAgentClient(server.url);
      const devices = [];
      for (let i = 0; i < 40; i++) {
        const r = await client.enroll({
          enrollToken: token,
          hostname: `stall-${i}`,
          hardwareId: `stall-${phase}-${i}`,
          agentVersion: "1.0.0",
          os: { platform: "linux", name: "Debian", version: "12", arch: "x64" },
        });
        const b = r.body as { deviceId: string; deviceSecret: string };
        devices.push({ deviceId: b.deviceId, secret: b.deviceSecret, seq: 0 });
      }
      client.close();
      let reportId = 0;
      const asOf = dayOf(Date.now());
      const ops: { key: string; what: string; run: () => Promise<string> }[] = [
        // What the machine alone does to the figures (other processes, the maintenance loop).
        { key: "idle", what: "nothing (10 s idle, for comparison)", run: async () => (await sleep(10_000), "") },
        { key: "draft", what: "draft report, whole deployment", run: async () => (await trpc(server, cookie, "reports.preview", { agencyId: null, asOf }, false), "") },
        {
          key: "publish",
          what: "publish report, whole deployment",
          run: async () => `report ${(reportId = ((await trpc(server, cookie, "reports.publish", { agencyId: null, asOf, confirm: true }, true)) as { id: number }).id)}`,
        },
        { key: "csv", what: "published report's endpoints CSV", run: () => download(server, cookie, `/reports/${reportId}/endpoints.csv`) },
        { key: "export", what: "CSV export of banned endpoints", run: () => download(server, cookie, "/endpoints/export?state=banned") },
        {
          key: "import",
          what: `inventory import, ${IMPORT_ROWS.toLocaleString("en-GB")} rows (Intune)`,
          run: async () => {
            // Into an agency of its own per server run: the same file again would be a duplicate.
            const code = `STALL-${phase}`;
            const created = (await trpc(server, cookie, "agencies.create", { code, name: `Stalls import ${phase}` }, true)) as { id: number };
            const { token } = (await trpc(server, cookie, "imports.createToken", { agencyId: created.id, label: "stalls" }, true)) as { token: string };
            return pushImport(server, token, importFile(IMPORT_ROWS));
          },
        },
        {
          key: "reevaluate",
          what: "policy change re-evaluating endpoints",
          run: async () => {
            active = !active;
            const t0 = performance.now();
            await longMutation(server, cookie, "policies.setActive", { policyId: policy.id, active });
            const answered = performance.now() - t0;
            // Answered once committed; the endpoints are re-evaluated afterwards: wait for that too.
            let total = 0;
            for (;;) {
              const s = (await trpc(server, cookie, "policies.reevaluation", undefined, false)) as { pending: boolean; total: number };
              total = Math.max(total, s.total);
              if (!s.pending) break;
              await sleep(250);
            }
            return `${active ? "activate" : "deactivate"}: answered in ${ms(answered)}; the Policies page showed ${total.toLocaleString("en-GB")} endpoints to re-evaluate`;
          },
        },
      ];
      for (const op of ops) {
        if ((op.key === "reevaluate") !== reevaluate) continue;
        if (only && !only.has(op.key) && !(op.key === "publish" && only.has("csv"))) continue;
        await sleep(1500);
        const before = await loopLag(server); // resets the server's lag histogram
        const logFrom = server.output().length;
        const probes = startProbes(server, devices);
        const t0 = performance.now();
        let note = await op.run();
        const took = performance.now() - t0;
        const lag = await loopLag(server);
        if (op.key === "reevaluate") note += `; ${(lag.reevaluated - before.reevaluated).toLocaleString("en-GB")} re-evaluated`;
        const p = await probes.stop();
        const h = summarize(p.health);
        const c = summarize(p.checkins);
        const why = diagnose(server.output().slice(logFrom));
        console.log(
          `${mode.name}: ${op.what}: ${(took / 1000).toFixed(1)} s, lag p99 ${ms(lag.p99)} max ${ms(lag.max)}, check-ins ${p.checkins.length} (+${p.checkinErrors} refused) max ${ms(c.max)}`,
        );
        console.log(`  slow group commits: ${why.slowCommits}; checkpointer: ${why.checkpointer}; slow re-evaluation chunks: ${why.slowChunks}`);
        diagnoses.push([op.what, mode.name, why.slowCommits, why.checkpointer, why.slowChunks]);
        rows.push([
          op.what,
          mode.name,
          `${(took / 1000).toFixed(1)} s`,
          ms(lag.p99),
          ms(lag.max),
          ms(h.p99),
          ms(h.max),
          `${p.checkins.length}${p.checkinErrors ? ` (+${p.checkinErrors} refused)` : ""}`,
          ms(c.p99),
          ms(c.max),
          lag.slowCommits - before.slowCommits,
          note,
        ]);
        if (mode === MODES[0] && op.key !== "idle") worst.set(op.what, lag.max);
      }
    } finally {
      await server.stop();
    }
  }
  result.tables.push({
    title: result.title,
    columns: ["operation", "server", "took", "loop lag p99", "loop lag max", "/healthz p99", "/healthz max", "check-ins", "check-in p99", "check-in max", "group commits > 250 ms", ""],
    rows,
  });
  result.tables.push({
    title: "Where the time went (the server's log during each operation)",
    columns: ["operation", "server", "group commits > 200 ms", "checkpointer", "re-evaluation chunks > 1 s"],
    rows: diagnoses,
  });
  result.notes.push("loop lag: the server's monitorEventLoopDelay (10 ms resolution) over the operation, read from /metrics; /healthz and check-ins: round trips seen by clients meanwhile");
  for (const [what, max] of worst) result.targets.push({ what: `event-loop lag max: ${what}`, target: "< 200 ms", measured: ms(max), met: max < 200 });
  finish(result);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
