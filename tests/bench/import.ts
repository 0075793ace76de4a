// Benchmark: importing a 1,000,000-row Intune "Discovered apps" export covering 100,000 devices
// into an empty database (one agency, the Kaspersky ban in force), then the same file again, then
// the same inventory exported again (rows in another order: a new file, so every device goes
// through matching and the diff, and nothing changes). Beside them, a baseline measured in the same
// run on the same file: a bare parse (decode + CSV records, nothing kept). Each step runs in its
// own process, so its peak RSS is its own. Prints figures; not a test.
// Run: node --require ./server/runtime/preload.cjs --import tsx tests/bench/import.ts [--devices 100000] [--rows 1000000]
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT, TS_NODE_ARGS } from "../support/server";
import { finish, int, newResult } from "./lib/results";

const { values } = parseArgs({ options: { devices: { type: "string" }, rows: { type: "string" }, child: { type: "string" }, file: { type: "string" }, db: { type: "string" } } });
const DEVICES = Number(values.devices ?? 100_000);
const ROWS = Number(values.rows ?? 1_000_000);
/** Scratch files (the national seed's folder, ignored by git). */
const WORK = path.join(ROOT, "tests/bench/.work");
const HEADER = "ApplicationKey,ApplicationName,ApplicationPublisher,ApplicationShortVersion,ApplicationVersion,DeviceId,DeviceName,OSDescription,OSVersion,Platform,UserId,EmailAddress,UserName";

// ---- the export ---------------------------------------------------------------------------------
/** 0 -> "A", 27 -> "AB": program names without digits (digits are versions to the slot rule). */
const letters = (n: number): string => (n < 26 ? "" : letters(Math.floor(n / 26) - 1)) + String.fromCharCode(65 + (n % 26));

/** Deterministic: a few thousand distinct programs (name x version), 20% of devices with Kaspersky. */
function writeExport(file: string, reverse: boolean) {
  const out = fs.openSync(file, "w");
  fs.writeSync(out, `\uFEFF${HEADER}\r\n`);
  const vendors = ["Microsoft Corporation", "Google LLC", "Adobe Inc.", "Mozilla", "Oracle Corporation", "Cisco Systems, Inc.", "Zoom Video Communications, Inc.", "Citrix Systems, Inc."];
  const perDevice = ROWS / DEVICES;
  let buf = "";
  for (let k = 0; k < DEVICES; k++) {
    const d = reverse ? DEVICES - 1 - k : k;
    const mac = d % 10 === 9;
    const id = `${((d * 2654435761) >>> 0).toString(16).padStart(8, "0")}-4b7d-4e3a-9c1f-${d.toString(16).padStart(12, "0")}`;
    const name = `${mac ? "MAC" : "PC"}-BENCH-${String(d).padStart(6, "0")}`;
    const os = mac ? "macOS 14.4.1 (23E224),14.4.1,macOS" : "Windows 11 Enterprise,10.0.22631.3447,Windows";
    const user = `u-${d},user${d}@bench.example.gov,Bench User ${d}`;
    for (let i = 0; i < perDevice; i++) {
      let app: string;
      if (i === 0 && d % 5 === 0)
        app = mac ? "com.kaspersky.kes,Kaspersky Endpoint Security for Mac,Kaspersky,12.0.0,12.0.0.367" : "k,Kaspersky Endpoint Security for Windows,AO Kaspersky Lab,11.11.0,11.11.0.452";
      else {
        const p = (d * 7 + i * 131) % 600;
        const v = `${1 + (p % 9)}.${(d + i) % 5}.${p % 3}`;
        app = `k${p},"Business Application ${letters(p)}${p % 4 === 0 ? ", Enterprise" : ""}",${vendors[p % vendors.length]!.includes(",") ? `"${vendors[p % vendors.length]}"` : vendors[p % vendors.length]},${v},${v}.${i % 2}`;
      }
      buf += `${app},${id},${name},${os},${user}\r\n`;
    }
    if (buf.length > 1 << 20) {
      fs.writeSync(out, buf);
      buf = "";
    }
  }
  fs.writeSync(out, buf);
  fs.closeSync(out);
}

// ---- the steps, each in a child process ----------------------------------------------------------
type Step = { ms: number; cpuMs: number; maxRssMiB: number; detail: string };

async function childStep(kind: string, file: string, dbFile: string): Promise<Step> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let detail = "";
  if (kind === "parse") {
    const { decodeText } = await import("~/server/import/sources/text-stream");
    const { csvRecords } = await import("~/server/import/sources/csv");
    let n = 0;
    for await (const _ of csvRecords(decodeText(fs.createReadStream(file, { highWaterMark: 1 << 20 })))) n++;
    detail = `${int(n - 1)} records`;
  } else {
    const { getDb, migrateDb } = await import("~/server/db/client");
    const { importInventory } = await import("~/server/import/service");
    const db = getDb(dbFile);
    migrateDb(db);
    const agency = db.$client.prepare("select id from agencies where code = 'BENCH'").get() as { id: number };
    const r = await importInventory(db, { agencyId: agency.id, source: "intune", file, fileName: path.basename(file), actor: { userId: null, label: "bench" } });
    detail = `${r.status}: ${r.message}`;
  }
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMiB: process.resourceUsage().maxRSS / 1024, detail };
}

function runChild(kind: string, file: string, dbFile: string): Step {
  const r = spawnSync(process.execPath, [...TS_NODE_ARGS, __filename, "--child", kind, "--file", file, "--db", dbFile], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${kind} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as Step;
}

async function prepareDb(dbFile: string) {
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(dbFile + s, { force: true });
  const { getDb, migrateDb, closeDb } = await import("~/server/db/client");
  const { seedPolicies } = await import("~/server/policy/seed");
  const { syncCatalogVersion } = await import("~/server/ingest/catalog-sync");
  const { createAgency } = await import("~/server/agencies/service");
  const { getPolicy } = await import("~/server/policy/service");
  const { setPolicyActive } = await import("~/server/reevaluation/policy-change");
  const db = getDb(dbFile);
  migrateDb(db);
  seedPolicies(db);
  syncCatalogVersion(db);
  createAgency(db, { userId: null, label: "bench" }, { code: "BENCH", name: "Benchmark agency" });
  await setPolicyActive(db, { userId: null, label: "bench" }, { policyId: getPolicy(db, "us-bod-17-01").id, active: true }, { reevaluate: "sync" });
  closeDb(dbFile);
}

async function main() {
  if (values.child === "prepare") return prepareDb(values.db!);
  if (values.child === "generate") return writeExport(values.file!, false);
  if (values.child) {
    console.log(JSON.stringify(await childStep(values.child, values.file!, values.db!)));
    return;
  }
  fs.mkdirSync(WORK, { recursive: true });
  const file = path.join(WORK, `intune-${ROWS}.csv`);
  const reordered = path.join(WORK, `intune-${ROWS}-reordered.csv`);
  const dbFile = path.join(WORK, "import-bench.db");
  const t0 = performance.now();
  writeExport(file, false);
  writeExport(reordered, true);
  const genMs = performance.now() - t0;
  const bytes = fs.statSync(file).size;
  await prepareDb(dbFile);

  const parse = runChild("parse", file, dbFile);
  const first = runChild("import", file, dbFile);
  const same = runChild("import", file, dbFile);
  const again = runChild("import", reordered, dbFile);
  const { getDb } = await import("~/server/db/client");
  const db = getDb(dbFile);
  const q = (sql: string) => (db.$client.prepare(sql).get() as { n: number }).n;
  const endpoints = q("select count(*) as n from endpoints");
  const banned = q("select count(*) as n from endpoints where state = 'banned'");
  const observations = q("select count(*) as n from observations");
  const dbMiB = fs.statSync(dbFile).size / 1048576;

  const result = newResult("import", "Inventory import (Intune export, 1M rows, 100k devices)");
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const rate = (ms: number) => `${int(ROWS / (ms / 1000))} rows/s`;
  result.tables.push({
    title: `${int(ROWS)} rows, ${int(DEVICES)} devices, ${(bytes / 1048576).toFixed(0)} MiB CSV (generated in ${s(genMs)}); empty database, Kaspersky ban in force`,
    columns: ["step", "time", "CPU time", "rate", "peak RSS", "outcome"],
    rows: [
      ["baseline: bare parse of the file (decode + CSV records)", s(parse.ms), s(parse.cpuMs), rate(parse.ms), `${parse.maxRssMiB.toFixed(0)} MiB`, parse.detail],
      ["import into the empty database", s(first.ms), s(first.cpuMs), rate(first.ms), `${first.maxRssMiB.toFixed(0)} MiB`, first.detail],
      ["the same file again", s(same.ms), s(same.cpuMs), "", `${same.maxRssMiB.toFixed(0)} MiB`, same.detail],
      ["the same inventory, rows in another order (a new file)", s(again.ms), s(again.cpuMs), rate(again.ms), `${again.maxRssMiB.toFixed(0)} MiB`, again.detail],
    ],
  });
  result.tables.push({
    title: "Database after the imports",
    columns: ["what", "value"],
    rows: [
      ["endpoints", int(endpoints)],
      ["banned", int(banned)],
      ["observations", int(observations)],
      ["database file", `${dbMiB.toFixed(0)} MiB`],
    ],
  });
  result.targets.push(
    { what: "import 1M rows / 100k devices", target: "< 60 s", measured: s(first.ms), met: first.ms < 60_000 },
    { what: "import peak RSS", target: "< 500 MiB", measured: `${first.maxRssMiB.toFixed(0)} MiB`, met: first.maxRssMiB < 500 },
    { what: "re-import of the same file, no change", target: "< 30 s", measured: s(same.ms), met: same.ms < 30_000 && same.detail.startsWith("duplicate") },
    { what: "re-import of the same inventory in a new file, no change", target: "< 30 s", measured: s(again.ms), met: again.ms < 30_000 && / 0 created, 0 updated, /.test(again.detail) },
  );
  result.notes.push(
    `Load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")} on ${os.cpus().length} CPUs. Wall time stretches with the load; CPU time (user + system, including start-up) is what the step itself used.`,
  );
  result.notes.push(
    "Each step runs in a child process of its own: its peak RSS is its own. The same file is recognised by its SHA-256 and not applied twice; the reordered export goes through matching (by the device id remembered per source) and the per-device digest, and changes nothing.",
  );
  finish(result);
  if (!process.env.BENCH_KEEP_FILES) for (const f of [file, reordered]) fs.rmSync(f, { force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
