// Report benchmark: a national fleet (default 1,000,000 endpoints in 50 agencies) seeded through
// the real ingest bulk functions (enrollment, check-ins replayed day by day with removals,
// remnants, reinstalls, waivers and the nightly maintenance), then the deployment-wide report
// timed: data build, canonical JSON + SHA-256, publication, CSV files, and the PDF rendered by the
// real server in Chromium. Prints figures; it is not a test.
//
//   node --max-old-space-size=8192 --require ./server/runtime/preload.cjs --import tsx tests/bench/report.ts \
//     [--endpoints N] [--days D] [--db FILE] [--reseed] [--no-pdf]
//
// The seeded database is kept (default tests/bench/.work/report-<N>.db, about 3 GB for a million
// endpoints; seeding them took 75 minutes on the 2-core CI machine) and reused by later runs.
// The PDF part needs a production build (npm run build, or NEXT_DIST_DIR=... next build).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { BUILTIN_CATALOG } from "~/agent/src/catalog";
import { ALL } from "~/server/access/scope";
import { createAgency } from "~/server/agencies/service";
import type { Actor } from "~/server/audit/log";
import { closeDb, type Db, getDb, migrateDb } from "~/server/db/client";
import { createToken } from "~/server/enrollment/tokens";
import { approveWaiver, requestWaiver } from "~/server/findings/waivers";
import { type EndpointPlan, NEVER, planFleet, reportOn, reportsOn } from "~/server/fleet/plan";
import { nationalFleetSpec } from "~/server/fleet/profiles";
import { type BulkCheckin, enrollDevice, ingestCheckins } from "~/server/ingest/bulk";
import { syncCatalogVersion } from "~/server/ingest/catalog-sync";
import { DAY_MS, dayOf } from "~/server/lib/time";
import { runMaintenance } from "~/server/maintenance/run";
import { seedPolicies } from "~/server/policy/seed";
import { setPolicyActive } from "~/server/policy/service";
import { buildReportData } from "~/server/reports/build";
import { canonicalJson, sha256Hex } from "~/server/reports/canonical";
import { agenciesCsv, endpointsCsv } from "~/server/reports/csv";
import { loadReport, publishReport } from "~/server/reports/publish";
import { resolveReportScope } from "~/server/reports/scope";
import { createUser } from "~/server/users/service";
import { signInHttp } from "../support/auth";
import { ROOT, startServer } from "../support/server";

const { values } = parseArgs({
  options: {
    endpoints: { type: "string" },
    days: { type: "string" },
    db: { type: "string" },
    reseed: { type: "boolean" },
    "no-pdf": { type: "boolean" },
  },
});
const N = Number(values.endpoints ?? 1_000_000);
const DAYS = Number(values.days ?? 14);
const FILE = path.resolve(values.db ?? path.join(ROOT, "tests/bench/.work", `report-${N}.db`));
const PASSWORD = "bench-password-123";
const ADMIN = "bench-admin@report.bench";

const ms = (t0: number) => performance.now() - t0;
const fmt = (v: number) => `${v.toFixed(0).padStart(7)} ms`;

async function seed(db: Db) {
  const started = performance.now();
  const now = Date.now();
  seedPolicies(db);
  syncCatalogVersion(db);
  const system: Actor = { userId: null, label: "bench" };
  const spec = { ...nationalFleetSpec(now, N), days: DAYS, banDay: 2 };
  spec.startMs = Math.floor(now / DAY_MS) * DAY_MS - (DAYS - 1) * DAY_MS;
  // Ministries carry no deadline of their own; their agencies' deadlines fall 2 to 8 months out.
  const ids = new Map<string, number>();
  spec.agencies.forEach((a, i) => {
    const ministry = /^MIN-\d+$/.test(a.code);
    const deadline = ministry ? null : dayOf(now + (60 + (i % 7) * 30) * DAY_MS);
    const parentCode = ministry ? undefined : a.code.replace(/-AG-\d+$/, "");
    ids.set(a.code, createAgency(db, system, { code: a.code, name: ministry ? `Ministry ${a.code.slice(4)}` : `Agency ${a.code.slice(4)}`, parentCode, deadline }).id);
  });
  const admin = (await createUser(db, system, { email: ADMIN, name: "Bench Admin", role: "admin", password: PASSWORD })).user;
  const officer = (await createUser(db, system, { email: "bench-officer@report.bench", name: "Bench Officer", role: "officer", password: PASSWORD })).user;
  const asAdmin: Actor = { userId: admin.id, label: ADMIN };
  const policy = db.$client.prepare("select id from policies where slug = 'lt-2017-kaspersky'").get() as { id: number };
  await setPolicyActive(db, asAdmin, { policyId: policy.id, active: true }, { now: spec.startMs, reevaluate: "sync" });
  const tokens = new Map([...ids].map(([code, id]) => [code, createToken(db, asAdmin, ALL, { agencyId: id, expiresInMs: 300 * DAY_MS }).token]));

  const plans = planFleet(spec);
  // The national profile spreads enrollments over more days than this shorter history: enroll
  // the latecomers on the last day so the fleet has its full size.
  for (const p of plans) {
    if (p.enrollDay < spec.days) continue;
    p.enrollDay = spec.days - 1;
    if (p.lastReportDay >= 0 && p.lastReportDay < p.enrollDay) p.lastReportDay = p.enrollDay;
  }
  console.log(`planned ${plans.length.toLocaleString("en-GB")} endpoints in ${spec.agencies.length} agencies over ${DAYS} days (${(ms(started) / 1000).toFixed(1)} s)`);
  const devices: ({ deviceId: string; seq: number } | undefined)[] = new Array(plans.length);
  const today = spec.days - 1;
  let checkins = 0;
  let batch: BulkCheckin[] = [];
  const flush = () => {
    if (!batch.length) return;
    const bad = ingestCheckins(db, batch, Date.now(), { trusted: true, chunkSize: 2000 }).find((r) => r.status !== 200);
    if (bad) throw new Error(`check-in refused: ${JSON.stringify(bad.body)}`);
    checkins += batch.length;
    batch = [];
  };
  for (let d = 0; d < spec.days; d++) {
    const dayStart = spec.startMs + d * DAY_MS;
    const at = (p: EndpointPlan) => Math.min(dayStart + p.minuteOfDay * 60_000 + (p.key % 60) * 1000, now - 60_000 - (p.key % 3600) * 1000);
    const enroll = plans.filter((p) => p.enrollDay === d);
    for (let i = 0; i < enroll.length; i += 5000) {
      db.$client.transaction(() => {
        for (const p of enroll.slice(i, i + 5000)) {
          const r = enrollDevice(db, { enrollToken: tokens.get(p.agencyCode)!, hostname: p.hostname, hardwareId: p.hardwareId, agentVersion: "1.0.0", os: p.os }, { now: at(p) - 60_000 });
          devices[p.key] = { deviceId: r.deviceId, seq: 0 };
        }
      })();
    }
    const waivers: EndpointPlan[] = [];
    for (const p of plans) {
      if (!reportsOn(p, d, today)) continue;
      const dev = devices[p.key]!;
      dev.seq++;
      batch.push({ report: { ...reportOn(p, d, at(p), BUILTIN_CATALOG.version), deviceId: dev.deviceId, seq: dev.seq }, secret: null, now: at(p) });
      if (batch.length >= 20_000) flush();
      if (p.waiverDay === d && p.waiverDay !== NEVER) waivers.push(p);
    }
    flush();
    for (const p of waivers) {
      const f = db.$client
        .prepare("select f.id from findings f join endpoints e on e.id = f.endpoint_id where e.device_id = ? and f.status = 'open' order by f.id limit 1")
        .get(devices[p.key]!.deviceId) as { id: number } | undefined;
      if (!f) continue;
      const t = at(p) + 1000;
      const w = requestWaiver(db, { id: officer.id, role: "officer" }, { userId: officer.id, label: officer.email }, ALL, {
        findingId: f.id,
        justification: "Isolated laboratory network; the instrument vendor certifies only this antivirus.",
        expiresAt: t + 120 * DAY_MS,
      }, t);
      approveWaiver(db, { id: admin.id, role: "admin" }, asAdmin, ALL, { waiverId: w.id }, t + 60_000);
    }
    runMaintenance(db, Math.min(dayStart + DAY_MS - 1, now - 1000));
    console.log(`  day ${d + 1}/${spec.days}: ${checkins.toLocaleString("en-GB")} check-ins so far (${(ms(started) / 1000).toFixed(0)} s)`);
  }
  runMaintenance(db, now);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  console.log(`seeded through ingest: ${plans.length.toLocaleString("en-GB")} endpoints, ${checkins.toLocaleString("en-GB")} check-ins in ${(ms(started) / 1000).toFixed(0)} s`);
}

async function main() {
  fs.mkdirSync(path.dirname(FILE), { recursive: true });
  if (values.reseed) for (const s of ["", "-wal", "-shm"]) fs.rmSync(FILE + s, { force: true });
  const fresh = !fs.existsSync(FILE);
  process.env.DATABASE_PATH = FILE;
  if (fresh) process.env.MUSTER_SQLITE_SYNC = "normal";
  const db = getDb(FILE);
  migrateDb(db);
  if (fresh) {
    db.$client.pragma("synchronous = OFF");
    await seed(db);
  }
  const counts = db.$client
    .prepare("select (select count(*) from endpoints) as endpoints, (select count(*) from findings where status in ('open', 'excepted')) as listed, (select count(*) from agencies) as agencies")
    .get() as { endpoints: number; listed: number; agencies: number };
  console.log(`\ndatabase ${FILE}: ${counts.endpoints.toLocaleString("en-GB")} endpoints, ${counts.agencies} agencies, ${counts.listed.toLocaleString("en-GB")} open or excepted findings`);

  const admin = db.$client.prepare("select id, email, name from users where email = ?").get(ADMIN) as { id: number; email: string; name: string };
  const viewer = { ...admin, role: "admin" as const, agencyId: null };
  const asOf = dayOf(Date.now());
  const scope = resolveReportScope(db, ALL, null);

  console.log("\ndeployment-wide report, in process");
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const timed = <T,>(n: number, fn: () => T): { runs: number[]; last: T } => {
    const runs: number[] = [];
    let last!: T;
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      last = fn();
      runs.push(ms(t0));
    }
    return { runs, last };
  };
  buildReportData(db, scope, { asOf, findingRows: false }); // warm the page cache
  const draft = timed(3, () => buildReportData(db, scope, { asOf, findingRows: false }));
  const full = timed(3, () => buildReportData(db, scope, { asOf }));
  const data = full.last;
  const builds = draft.runs;
  let t = performance.now();
  const json = canonicalJson(data);
  const tCanon = ms(t);
  t = performance.now();
  const sha = sha256Hex(json);
  const tSha = ms(t);
  t = performance.now();
  const meta = publishReport(db, viewer, ALL, { userId: admin.id, label: admin.email }, { agencyId: null, asOf });
  const tPublish = ms(t);
  t = performance.now();
  const loaded = loadReport(db, ALL, meta.id);
  const tLoad = ms(t);
  t = performance.now();
  const a = agenciesCsv(loaded.data, meta);
  const tAgencies = ms(t);
  t = performance.now();
  const e = endpointsCsv(loaded.data, meta);
  const tEndpoints = ms(t);
  const ministry = resolveReportScope(db, ALL, (db.$client.prepare("select id from agencies where code = 'MIN-1'").get() as { id: number }).id);
  t = performance.now();
  buildReportData(db, ministry, { asOf });
  const tMinistry = ms(t);
  const sorted = [...builds].sort((x, y) => x - y);
  console.log(`  document data build (draft)     ${fmt(median(draft.runs))}   (runs: ${draft.runs.map((b) => b.toFixed(0)).join(", ")} ms)`);
  console.log(`  with the per-endpoint list      ${fmt(median(full.runs))}   (runs: ${full.runs.map((b) => b.toFixed(0)).join(", ")} ms; ${data.findings.endpoints.toLocaleString("en-GB")} endpoints listed)`);
  console.log(`  canonical JSON                  ${fmt(tCanon)}   (${(json.length / 1e6).toFixed(1)} MB, ${data.findings.count.toLocaleString("en-GB")} listed findings)`);
  console.log(`  SHA-256                         ${fmt(tSha)}   (${sha.slice(0, 16)}…)`);
  console.log(`  publish (build + freeze + audit) ${fmt(tPublish)}   report ${meta.id}`);
  console.log(`  load published (hash check)     ${fmt(tLoad)}`);
  console.log(`  agencies CSV                    ${fmt(tAgencies)}   (${(a.length / 1e3).toFixed(0)} kB)`);
  console.log(`  endpoints CSV                   ${fmt(tEndpoints)}   (${(e.length / 1e6).toFixed(1)} MB)`);
  console.log(`  one ministry's report (build)   ${fmt(tMinistry)}`);

  if (values["no-pdf"]) return closeDb(FILE);
  closeDb(FILE);
  console.log("\nPDF through the real server (production build, Chromium)");
  const server = await startServer({ databasePath: FILE, env: { MUSTER_SQLITE_SYNC: "normal" } });
  try {
    const { cookie } = await signInHttp(server.url, ADMIN, PASSWORD);
    const get = async (p: string) => {
      const t0 = performance.now();
      const res = await fetch(`${server.url}${p}`, { headers: { cookie } });
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) throw new Error(`${p}: ${res.status} ${body.toString("utf8").slice(0, 300)}`);
      return { ms: ms(t0), body };
    };
    const page = await get(`/report-print/${meta.id}`);
    console.log(`  print page HTML (first request)  ${fmt(page.ms)}   (${(page.body.length / 1e3).toFixed(0)} kB)`);
    const runs: number[] = [];
    let pdf = Buffer.alloc(0);
    for (let i = 0; i < 4; i++) {
      const r = await get(`/reports/${meta.id}/pdf`);
      runs.push(r.ms);
      pdf = r.body;
    }
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    const saved = path.join(path.dirname(FILE), `report-${N}.pdf`);
    fs.writeFileSync(saved, pdf);
    console.log(`  PDF, first (Chromium launch)    ${fmt(runs[0]!)}`);
    console.log(`  PDF, warm (median of 3)         ${fmt([...runs.slice(1)].sort((x, y) => x - y)[1]!)}   (runs: ${runs.slice(1).map((r) => r.toFixed(0)).join(", ")} ms; ${pages} pages, ${(pdf.length / 1e3).toFixed(0)} kB)`);
    const csv = await get(`/reports/${meta.id}/endpoints.csv`);
    console.log(`  endpoints CSV over HTTP         ${fmt(csv.ms)}   (${(csv.body.length / 1e6).toFixed(1)} MB)`);
    console.log(`  PDF saved to ${path.relative(ROOT, saved)}`);
    const warm = median(runs.slice(1));
    console.log(`\n  document build + warm PDF: ${(sorted[1]! + warm).toFixed(0)} ms; publication + warm PDF: ${(tPublish + warm).toFixed(0)} ms (target < 5,000 ms)`);
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
