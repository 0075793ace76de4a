// Report benchmark: the deployment-wide ministerial report on the national database
// (lib/national.ts: 1,000,000 endpoints in 50 agencies, 90 days of history): data build,
// canonical JSON + SHA-256, publication, CSV files, and the PDF rendered by the real server
// (production build) in Chromium. Target: report data + PDF < 5 s. Publishing writes to the
// database: run-all.ts passes a copy with --db.
//
//   node --require ./server/runtime/preload.cjs --import tsx tests/bench/report.ts [--endpoints N] [--db FILE] [--no-pdf]
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ALL } from "~/server/access/scope";
import { closeDb, getDb } from "~/server/db/client";
import { dayOf } from "~/server/lib/time";
import { buildReportData } from "~/server/reports/build";
import { canonicalJson, sha256Hex } from "~/server/reports/canonical";
import { agenciesCsv, endpointsCsv } from "~/server/reports/csv";
import { loadReport, publishReport } from "~/server/reports/publish";
import { resolveReportScope } from "~/server/reports/scope";
import { startServer } from "../support/server";
import { ADMIN, ensureNationalDb, PASSWORD, WORK } from "./lib/national";
import { finish, int, newResult } from "./lib/results";
import { requireBuild, session } from "./lib/server";

const { values } = parseArgs({
  options: {
    endpoints: { type: "string" },
    db: { type: "string" },
    "no-pdf": { type: "boolean" },
  },
});
const N = Number(values.endpoints ?? 1_000_000);

const ms = (t0: number) => performance.now() - t0;
const fmt = (v: number) => `${v.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

function timed<T>(n: number, fn: () => T): { runs: number[]; last: T } {
  const runs: number[] = [];
  let last!: T;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    last = fn();
    runs.push(ms(t0));
  }
  return { runs, last };
}

async function main() {
  const FILE = path.resolve(values.db ?? (await ensureNationalDb(N)).file);
  const db = getDb(FILE);
  const counts = db.$client
    .prepare("select (select count(*) from endpoints) as endpoints, (select count(*) from findings where status in ('open', 'excepted')) as listed, (select count(*) from agencies) as agencies")
    .get() as { endpoints: number; listed: number; agencies: number };
  const result = newResult("report", `Deployment-wide report at ${int(counts.endpoints)} endpoints`);
  const rows: (string | number)[][] = [];

  const admin = db.$client.prepare("select id, email, name from users where email = ?").get(ADMIN) as { id: number; email: string; name: string };
  const viewer = { ...admin, role: "admin" as const, agencyId: null };
  const asOf = dayOf(Date.now());
  const scope = resolveReportScope(db, ALL, null);
  buildReportData(db, scope, { asOf, findingRows: false }); // warm the page cache
  const draft = timed(3, () => buildReportData(db, scope, { asOf, findingRows: false }));
  const full = timed(3, () => buildReportData(db, scope, { asOf }));
  const data = full.last;
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
  rows.push(
    ["document data (draft, no per-endpoint list), median of 3", fmt(median(draft.runs)), `${counts.agencies} agencies`],
    ["document data with the per-endpoint list, median of 3", fmt(median(full.runs)), `${int(data.findings.endpoints)} endpoints listed`],
    ["canonical JSON", fmt(tCanon), `${(json.length / 1e6).toFixed(1)} MB, ${int(data.findings.count)} findings`],
    ["SHA-256", fmt(tSha), `${sha.slice(0, 16)}…`],
    ["publish (build + freeze + audit)", fmt(tPublish), `report ${meta.id}`],
    ["load published (hash check)", fmt(tLoad), ""],
    ["agencies CSV", fmt(tAgencies), `${(a.length / 1e3).toFixed(0)} kB`],
    ["endpoints CSV", fmt(tEndpoints), `${(e.length / 1e6).toFixed(1)} MB`],
    ["one ministry's report (data)", fmt(tMinistry), ""],
  );
  closeDb(FILE);

  let total = median(draft.runs);
  if (!values["no-pdf"]) {
    const server = await startServer({ databasePath: FILE, env: { NEXT_DIST_DIR: requireBuild(), MUSTER_SQLITE_SYNC: "normal" }, timeoutMs: 180_000 });
    try {
      const cookie = await session(server, ADMIN, PASSWORD);
      const get = async (p: string) => {
        const t0 = performance.now();
        const res = await fetch(`${server.url}${p}`, { headers: { cookie } });
        const body = Buffer.from(await res.arrayBuffer());
        if (res.status !== 200) throw new Error(`${p}: ${res.status} ${body.toString("utf8").slice(0, 300)}`);
        return { ms: ms(t0), body };
      };
      const page = await get(`/report-print/${meta.id}`);
      rows.push(["print page HTML over HTTP (first request)", fmt(page.ms), `${(page.body.length / 1e3).toFixed(0)} kB`]);
      const runs: number[] = [];
      let pdf = Buffer.alloc(0);
      for (let i = 0; i < 4; i++) {
        const r = await get(`/reports/${meta.id}/pdf`);
        runs.push(r.ms);
        pdf = r.body;
      }
      const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      fs.writeFileSync(path.join(WORK, `report-${counts.endpoints}.pdf`), pdf);
      const warm = median(runs.slice(1));
      rows.push(["PDF over HTTP, first (Chromium launch)", fmt(runs[0]!), ""]);
      rows.push(["PDF over HTTP, warm (median of 3)", fmt(warm), `${pages} pages, ${(pdf.length / 1e3).toFixed(0)} kB`]);
      const csv = await get(`/reports/${meta.id}/endpoints.csv`);
      rows.push(["endpoints CSV over HTTP", fmt(csv.ms), `${(csv.body.length / 1e6).toFixed(1)} MB`]);
      total += warm;
      result.notes.push(`PDF saved to tests/bench/.work/report-${counts.endpoints}.pdf; publication + warm PDF: ${fmt(tPublish + warm)}`);
    } finally {
      await server.stop();
    }
  }
  result.tables.push({ title: result.title, columns: ["step", "time", ""], rows });
  result.targets.push({ what: "deployment-wide report: data + PDF (warm)", target: "< 5 s", measured: fmt(total), met: total < 5000 });
  finish(result);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
