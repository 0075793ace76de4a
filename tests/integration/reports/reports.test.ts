// Reports end to end against the real server: a fleet replayed through ingest, reports published
// over tRPC, then the PDF (read back with pdftotext) and the CSV files checked against figures the
// test computes itself with SQL; republishing after new check-ins; agency scoping on every path;
// and a clear message when no Chromium is available.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productName } from "~/server/catalog/names";
import type { Db } from "~/server/db/client";
import { sha256Hex } from "~/server/reports/canonical";
import { signInHttp } from "../../support/auth";
import { createTempDb, type TempDb } from "../../support/db";
import { type RunningServer, startServer } from "../../support/server";
import { download, parseCsv, pdfPages, trpcMutation, trpcQuery } from "./http";
import { PASSWORD, removeKaspersky, type SeededFleet, type SeedRole, seedFleet, USERS } from "./seed";

type Meta = { id: number; sha256: string; asOf: string; scopeAgencyId: number | null; previousReportId: number | null };

let t: TempDb;
let dir: string;
let file: string;
let db: Db;
let fleet: SeededFleet;
let server: RunningServer;
const cookies = {} as Record<SeedRole, string>;
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = createTempDb();
  ({ db, file, dir } = t);
  fleet = await seedFleet(db);
  server = await startServer({ databasePath: file });
  for (const role of Object.keys(USERS) as SeedRole[]) {
    const r = await signInHttp(server.url, USERS[role].email, PASSWORD);
    if (!r.ok) throw new Error(`sign-in of ${role} failed: ${r.error}\n${server.output().slice(-4000)}`);
    cookies[role] = r.cookie;
  }
}, 240_000);

afterAll(async () => {
  await server?.stop();
  t?.cleanup();
});

// ---- the figures, computed independently from the endpoints and findings tables -----------

function subtree(code: string): number[] {
  const { path: p } = db.$client.prepare("select path from agencies where code = ?").get(code) as { path: string };
  return (db.$client.prepare("select id from agencies where substr(path, 1, ?) = ?").all(p.length, p) as { id: number }[]).map((r) => r.id);
}

type Expected = {
  endpoints: number;
  reporting: number;
  needs: number;
  staleBanned: number;
  banned: number;
  remnants: number;
  excepted: number;
  unprotected: number;
  clean: number;
  stale: number;
  never: number;
  open: number;
  resolved: number;
  exceptedFindings: number;
  percent: string | null;
  byProduct: Map<string, number>;
};
const STATE_KEY: Record<string, keyof Expected> = {
  banned: "banned",
  remnants: "remnants",
  excepted: "excepted",
  unprotected: "unprotected",
  clean: "clean",
  stale: "stale",
  "never-reported": "never",
};

function expectedFor(ids: number[]): Expected {
  const list = ids.join(",");
  const e: Expected = {
    endpoints: 0,
    reporting: 0,
    banned: 0,
    remnants: 0,
    excepted: 0,
    unprotected: 0,
    clean: 0,
    stale: 0,
    never: 0,
    open: 0,
    resolved: 0,
    exceptedFindings: 0,
    percent: null,
    byProduct: new Map(),
    needs: 0,
    staleBanned: 0,
  };
  for (const r of db.$client.prepare(`select state, count(*) as n from endpoints where agency_id in (${list}) group by state`).all() as { state: string; n: number }[]) {
    (e[STATE_KEY[r.state]!] as number) = r.n;
    e.endpoints += r.n;
  }
  for (const r of db.$client.prepare(`select status, count(*) as n from findings where agency_id in (${list}) group by status`).all() as { status: string; n: number }[]) {
    if (r.status === "open") e.open = r.n;
    if (r.status === "resolved") e.resolved = r.n;
    if (r.status === "excepted") e.exceptedFindings = r.n;
  }
  for (const r of db.$client.prepare(`select product, count(*) as n from findings where status = 'open' and agency_id in (${list}) group by product`).all() as { product: string; n: number }[]) {
    e.byProduct.set(productName(r.product), r.n);
  }
  e.reporting = e.endpoints - e.stale - e.never;
  e.needs = (db.$client.prepare(`select count(distinct endpoint_id) as n from findings where status = 'open' and agency_id in (${list})`).get() as { n: number }).n;
  e.staleBanned = (
    db.$client.prepare(`select count(*) as n from endpoints where state = 'stale' and agency_id in (${list}) and id in (select endpoint_id from findings where status = 'open')`).get() as { n: number }
  ).n;
  const total = e.open + e.resolved;
  e.percent = total === 0 ? null : `${Math.floor(Math.floor((e.resolved * 1000) / total) / 10)}.${Math.floor((e.resolved * 1000) / total) % 10}`;
  return e;
}

const groupN = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const pct = (part: number, whole: number) => (whole === 0 ? "—" : `${Math.floor(Math.floor((part * 1000) / whole) / 10)}.${Math.floor((part * 1000) / whole) % 10}%`);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A line of the PDF text holding these cells in this order, separated only by spaces. */
const rowPattern = (cells: string[]) => new RegExp(`(^|\\s)${cells.map(esc).join("\\s+")}(\\s|$)`, "m");

async function publish(role: SeedRole, agencyId: number | null, asOf = today()) {
  return trpcMutation<Meta>(server.url, cookies[role], "reports.publish", { agencyId, asOf, confirm: true });
}

function checkAgencyCsv(csvText: string, codes: string[]) {
  const csv = parseCsv(csvText);
  expect(csv.bom).toBe(true);
  const col = (name: string) => csv.header.indexOf(name);
  expect(csv.rows.map((r) => r[col("agency_code")]).sort()).toEqual([...codes].sort());
  for (const row of csv.rows) {
    const e = expectedFor(subtree(row[col("agency_code")]!));
    const got = (name: string) => Number(row[col(name)]);
    expect({
      endpoints: got("endpoints"),
      reporting: got("reporting"),
      stale: got("stale"),
      never: got("never_reported"),
      banned: got("banned"),
      remnants: got("remnants"),
      excepted: got("excepted"),
      unprotected: got("unprotected"),
      clean: got("clean"),
      open: got("banned_remaining"),
      resolved: got("removed"),
      percent: row[col("percent_complete")] || null,
      needs: got("needs_action"),
      staleBanned: got("stale_last_seen_banned"),
    }).toEqual({
      endpoints: e.endpoints,
      reporting: e.reporting,
      stale: e.stale,
      never: e.never,
      banned: e.banned,
      remnants: e.remnants,
      excepted: e.excepted,
      unprotected: e.unprotected,
      clean: e.clean,
      open: e.open,
      resolved: e.resolved,
      percent: e.percent,
      needs: e.needs,
      staleBanned: e.staleBanned,
    });
    const byProduct = new Map(
      (row[col("remaining_by_product")] || "")
        .split("; ")
        .filter(Boolean)
        .map((part) => [part.slice(0, part.lastIndexOf(": ")), Number(part.slice(part.lastIndexOf(": ") + 2))] as const),
    );
    expect(byProduct).toEqual(e.byProduct);
  }
  return csv;
}

describe("a published report matches the database", () => {
  let first: Meta;
  let firstCsv: { agencies: Buffer; endpoints: Buffer; json: Buffer };

  it("publishes a deployment-wide report, audited with its fingerprint", async () => {
    const r = await publish("officer", null);
    if (!r.ok) throw new Error(r.message);
    first = r.data;
    expect(first.scopeAgencyId).toBeNull();
    expect(first.previousReportId).toBeNull();
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    const stored = db.$client.prepare("select data, sha256, published_by from reports where id = ?").get(first.id) as { data: string; sha256: string; published_by: number };
    expect(sha256Hex(stored.data)).toBe(first.sha256);
    expect(stored.published_by).toBe(fleet.users.officer.id);
    const audit = db.$client.prepare("select actor, actor_user_id as userId, details from audit_log where action = 'report.publish' and object_id = ?").get(String(first.id)) as {
      actor: string;
      userId: number;
      details: string;
    };
    expect(audit.actor).toBe(USERS.officer.email);
    expect(audit.userId).toBe(fleet.users.officer.id);
    expect(JSON.parse(audit.details)).toMatchObject({ sha256: first.sha256, asOf: today(), scope: "all" });
  });

  it("serves the frozen data itself, which hashes to the fingerprint", async () => {
    const json = await download(server.url, cookies.auditor, `/reports/${first.id}/data.json`);
    expect(json.status).toBe(200);
    expect(sha256Hex(json.body.toString("utf8"))).toBe(first.sha256);
    const data = JSON.parse(json.body.toString("utf8"));
    const all = expectedFor((db.$client.prepare("select id from agencies").all() as { id: number }[]).map((a) => a.id));
    expect(data.totals).toMatchObject({ endpoints: all.endpoints, banned: all.banned, remnants: all.remnants, openFindings: all.open, resolvedFindings: all.resolved });
    firstCsv = { json: json.body, agencies: Buffer.alloc(0), endpoints: Buffer.alloc(0) };
  });

  it("the agencies CSV holds the database's figures for every agency", async () => {
    const res = await download(server.url, cookies.auditor, `/reports/${first.id}/agencies.csv`);
    expect(res.status).toBe(200);
    expect(res.type).toBe("text/csv; charset=utf-8");
    expect(res.disposition).toBe(`attachment; filename="muster-report-${first.id}-all-${today()}-agencies.csv"`);
    const text = res.body.toString("utf8");
    const csv = checkAgencyCsv(text, Object.keys(fleet.agencies));
    expect(csv.trailer).toBe(`# Muster report ${first.id} | all agencies | reporting date ${today()} | SHA-256 of the published data ${first.sha256}`);
    expect(text.split("\r\n").length).toBe(csv.rows.length + 3); // header, rows, trailer, final CRLF
    firstCsv.agencies = res.body;
  });

  it("the endpoints CSV lists every banned install still present or excepted, and nothing else", async () => {
    const res = await download(server.url, cookies.officer, `/reports/${first.id}/endpoints.csv`);
    expect(res.status).toBe(200);
    const csv = parseCsv(res.body.toString("utf8"));
    const col = (n: string) => csv.header.indexOf(n);
    const got = csv.rows.map((r) => `${r[col("device_id")]}|${r[col("product")]}|${r[col("version")]}|${r[col("finding_status")]}|${r[col("presence")]}`).sort();
    const want = (
      db.$client
        .prepare(
          "select e.device_id as d, f.product as p, f.version as v, f.status as s, f.presence as pr from findings f join endpoints e on e.id = f.endpoint_id where f.status in ('open', 'excepted')",
        )
        .all() as { d: string; p: string; v: string; s: string; pr: string }[]
    )
      .map((r) => `${r.d}|${productName(r.p)}|${r.v}|${r.s}|${r.pr}`)
      .sort();
    expect(got).toEqual(want);
    const excepted = csv.rows.filter((r) => r[col("finding_status")] === "excepted");
    expect(excepted.length).toBeGreaterThan(0);
    for (const r of excepted) {
      expect(r[col("waiver_justification")]).toMatch(/isolated network segment/);
      expect(r[col("waiver_approved_by")]).toBe(USERS.admin.name);
    }
    expect(csv.trailer).toContain(first.sha256);
    firstCsv.endpoints = res.body;
  });

  it("the PDF shows the same figures, with page numbers and the fingerprint on every page", async () => {
    const res = await download(server.url, cookies.auditor, `/reports/${first.id}/pdf`);
    expect(res.status, res.body.toString("utf8").slice(0, 300)).toBe(200);
    expect(res.type).toBe("application/pdf");
    expect(res.body.subarray(0, 5).toString()).toBe("%PDF-");
    const pages = pdfPages(res.body, dir, "first");
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toContain(first.sha256);
      expect(page, `page ${i + 1}`).toMatch(new RegExp(`Page ${i + 1} of ${pages.length}`));
    });
    const text = pages.join("\n");
    expect(text).toContain("Removal of banned security software");
    expect(text).toContain("All agencies (whole deployment)");

    const all = expectedFor((db.$client.prepare("select id from agencies").all() as { id: number }[]).map((a) => a.id));
    const flat = text.replace(/\s+/g, " ");
    expect(all.needs).toBe(all.banned + all.remnants + all.staleBanned);
    expect(flat).toContain(`had ${groupN(all.endpoints)} endpoints enrolled`);
    expect(flat).toContain(
      `${groupN(all.needs)} of them (${pct(all.needs, all.endpoints)}) need action: ${groupN(all.banned)} with a banned product installed, ${groupN(all.remnants)} with only remnants of one left`,
    );
    expect(flat).toContain(`${groupN(all.open)} open findings in all`);
    expect(flat).toContain("This is the first published report for this scope.");

    for (const code of Object.keys(fleet.agencies)) {
      const e = expectedFor(subtree(code));
      // Progress by agency: endpoints, reporting, needs action, open findings, change (none yet), removed, complete.
      expect(text, `progress row of ${code}`).toMatch(
        rowPattern([groupN(e.endpoints), pct(e.reporting, e.endpoints), groupN(e.needs), groupN(e.open), "—", groupN(e.resolved), e.percent ? `${e.percent}%` : "—"]),
      );
      // Data quality: endpoints by state.
      expect(text, `state row of ${code}`).toMatch(rowPattern([e.endpoints, e.reporting, e.stale, e.never, e.banned, e.remnants, e.excepted, e.unprotected, e.clean].map(groupN)));
    }
    // By product: remaining per product over the whole deployment.
    for (const [name] of all.byProduct) expect(flat, name).toContain(name);
    const totalByProduct = [...all.byProduct.values()].reduce((a, b) => a + b, 0);
    expect(totalByProduct).toBe(all.open);
  }, 120_000);

  it("the same frozen report in Dutch: PDF text and CSV words in Dutch, the fingerprint and the figures unchanged", async () => {
    const en = await download(server.url, cookies.auditor, `/reports/${first.id}/pdf?lang=en`);
    const nl = await download(server.url, cookies.auditor, `/reports/${first.id}/pdf?lang=nl`);
    expect(nl.status, nl.body.toString("utf8").slice(0, 300)).toBe(200);
    expect(nl.disposition).toBe(`attachment; filename="muster-report-${first.id}-all-${today()}-nl.pdf"`);
    const enPages = pdfPages(en.body, dir, "first-en");
    const nlPages = pdfPages(nl.body, dir, "first-nl");
    nlPages.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toContain(first.sha256);
      expect(page, `page ${i + 1}`).toMatch(new RegExp(`Pagina ${i + 1} van ${nlPages.length}`));
    });
    for (const name of ["first-en", "first-nl"]) expect(execFileSync("pdfinfo", [path.join(dir, `${name}.pdf`)]).toString()).toMatch(/Tagged:\s+yes/);
    const enText = enPages.join("\n").replace(/\s+/g, " ");
    const nlText = nlPages.join("\n").replace(/\s+/g, " ");
    expect(enText).toMatch(/Language English/);
    expect(nlText).toMatch(/Taal Nederlands/);
    expect(nlText).toContain("Dit is de eerste gepubliceerde rapportage voor deze reikwijdte.");
    expect(nlText).not.toContain("need action");
    const all = expectedFor((db.$client.prepare("select id from agencies").all() as { id: number }[]).map((a) => a.id));
    const nlNum = (n: number) => n.toLocaleString("nl-NL");
    expect(nlText).toContain(`${nlNum(all.endpoints)} werkplekken aangemeld`);
    expect(nlText).toContain(`in totaal ${nlNum(all.open)} openstaande bevindingen`);
    // The data both were printed from is the one published: the same fingerprint, unchanged in the database.
    const stored = db.$client.prepare("select data, sha256 from reports where id = ?").get(first.id) as { data: string; sha256: string };
    expect(stored.sha256).toBe(first.sha256);
    expect(sha256Hex(stored.data)).toBe(first.sha256);

    const csvNl = await download(server.url, cookies.auditor, `/reports/${first.id}/agencies.csv?lang=nl`);
    expect(csvNl.disposition).toBe(`attachment; filename="muster-report-${first.id}-all-${today()}-agencies-nl.csv"`);
    const nlCsv = parseCsv(csvNl.body.toString("utf8"));
    const enCsv = parseCsv(firstCsv.agencies.toString("utf8"));
    expect(nlCsv.header).toEqual(enCsv.header);
    expect(nlCsv.trailer).toBe(`# Muster-rapportage ${first.id} | alle organisaties | peildatum ${today()} | SHA-256 van de gepubliceerde gegevens ${first.sha256}`);
    const status = enCsv.header.indexOf("status");
    const dutch: Record<string, string> = {
      overdue: "te laat",
      "at-risk": "in gevaar",
      "on-track": "op schema",
      done: "afgerond",
      "no-deadline": "geen uiterste datum",
      "no-endpoints": "geen werkplekken",
    };
    expect(nlCsv.rows.map((r) => r[status])).toEqual(enCsv.rows.map((r) => dutch[r[status]!]));
    expect(nlCsv.rows.map((r) => r.filter((_, i) => i !== status))).toEqual(enCsv.rows.map((r) => r.filter((_, i) => i !== status)));
    const endpointsNl = parseCsv((await download(server.url, cookies.auditor, `/reports/${first.id}/endpoints.csv?lang=nl`)).body.toString("utf8"));
    const findingStatus = endpointsNl.header.indexOf("finding_status");
    expect(new Set(endpointsNl.rows.map((r) => r[findingStatus]))).toEqual(new Set(["openstaand", "uitgezonderd"]));

    const bad = await download(server.url, cookies.auditor, `/reports/${first.id}/pdf?lang=fr`);
    expect(bad.status).toBe(400);
    expect(bad.body.toString("utf8")).toBe('Unknown language "fr": use en, nl\n');
  }, 120_000);

  it("republishing after new check-ins makes a new report; the old one and its files do not change", async () => {
    const before = db.$client.prepare("select data, sha256 from reports where id = ?").get(first.id) as { data: string; sha256: string };
    const polBefore = expectedFor(subtree("JUS-POL"));
    const reported = removeKaspersky(db, fleet, "JUS-POL", Date.now());
    expect(reported).toBeGreaterThan(0);
    const polAfter = expectedFor(subtree("JUS-POL"));
    expect(polAfter.open).toBeLessThan(polBefore.open);

    const r = await publish("admin", null);
    if (!r.ok) throw new Error(r.message);
    const second = r.data;
    expect(second.id).not.toBe(first.id);
    expect(second.previousReportId).toBe(first.id);
    expect(second.sha256).not.toBe(first.sha256);

    const after = db.$client.prepare("select data, sha256 from reports where id = ?").get(first.id) as { data: string; sha256: string };
    expect(after).toEqual(before);
    expect(() => db.$client.prepare("update reports set sha256 = 'x' where id = ?").run(first.id)).toThrow(/immutable/);
    expect(() => db.$client.prepare("delete from reports where id = ?").run(first.id)).toThrow(/immutable/);

    for (const [kind, old] of [
      ["agencies.csv", firstCsv.agencies],
      ["endpoints.csv", firstCsv.endpoints],
      ["data.json", firstCsv.json],
    ] as const) {
      const again = await download(server.url, cookies.auditor, `/reports/${first.id}/${kind}`);
      expect(again.status).toBe(200);
      expect(Buffer.compare(again.body, old), `${kind} of report ${first.id} re-downloaded`).toBe(0);
    }

    // The new report compares with the first one and shows the new check-ins.
    const agencies = checkAgencyCsv((await download(server.url, cookies.officer, `/reports/${second.id}/agencies.csv`)).body.toString("utf8"), Object.keys(fleet.agencies));
    const col = (n: string) => agencies.header.indexOf(n);
    const pol = agencies.rows.find((row) => row[col("agency_code")] === "JUS-POL")!;
    expect(Number(pol[col("banned_remaining")])).toBe(polAfter.open);
    expect(Number(pol[col("banned_remaining_previous_report")])).toBe(polBefore.open);

    const pages = pdfPages((await download(server.url, cookies.officer, `/reports/${second.id}/pdf`)).body, dir, "second");
    const flat = pages.join("\n").replace(/\s+/g, " ");
    expect(flat).toContain(`Since the previous report (reporting date`);
    expect(flat).toContain(`No. ${first.id}, reporting date`);
    expect(pages.join("\n")).toMatch(
      rowPattern([groupN(polAfter.endpoints), pct(polAfter.reporting, polAfter.endpoints), groupN(polAfter.needs), groupN(polAfter.open), `\u2212${groupN(polBefore.open - polAfter.open)}`]),
    );
    pages.forEach((page) => expect(page).toContain(second.sha256));
  }, 120_000);
});

describe("who may report on what", () => {
  let deployment: Meta;
  let own: Meta;

  beforeAll(async () => {
    const r = await publish("officer", fleet.agencies["MIN-JUS"]!);
    if (!r.ok) throw new Error(r.message);
    deployment = r.data;
  });

  it("an agency officer reports on its own agency subtree only", async () => {
    const mine = await publish("agency_officer", null);
    if (!mine.ok) throw new Error(mine.message);
    own = mine.data;
    expect(own.scopeAgencyId).toBe(fleet.agencies["JUS-PRIS"]);
    const sub = await publish("agency_officer", fleet.agencies["JUS-PRIS-N"]!);
    expect(sub.ok).toBe(true);

    for (const code of ["JUS-POL", "MIN-JUS", "MIN-FIN", "FIN-TAX"]) {
      const r = await publish("agency_officer", fleet.agencies[code]!);
      expect(r.ok ? "published" : r.code, code).toBe("FORBIDDEN");
      const p = await trpcQuery(server.url, cookies.agency_officer, "reports.preview", { agencyId: fleet.agencies[code], asOf: today() });
      expect(p.ok ? "previewed" : p.code, code).toBe("FORBIDDEN");
    }
    const csv = (await download(server.url, cookies.agency_officer, `/reports/${own.id}/agencies.csv`)).body.toString("utf8");
    checkAgencyCsv(csv, ["JUS-PRIS", "JUS-PRIS-N"]);
    const endpoints = parseCsv((await download(server.url, cookies.agency_officer, `/reports/${own.id}/endpoints.csv`)).body.toString("utf8"));
    const mineOnly = expectedFor(subtree("JUS-PRIS"));
    expect(endpoints.rows.length).toBe(mineOnly.open + mineOnly.exceptedFindings);
    for (const r of endpoints.rows) expect(["JUS-PRIS", "JUS-PRIS-N"]).toContain(r[0]);
  });

  it("an agency officer cannot read other agencies' reports, through tRPC or the downloads", async () => {
    const list = await trpcQuery<{ id: number }[]>(server.url, cookies.agency_officer, "reports.list", undefined);
    if (!list.ok) throw new Error(list.message);
    const visible = list.data.map((r) => r.id);
    expect(visible).toContain(own.id);
    expect(visible).not.toContain(deployment.id);
    const all = db.$client.prepare("select id, scope_agency_id as a from reports").all() as { id: number; a: number | null }[];
    for (const r of all.filter((x) => x.a === null || ![fleet.agencies["JUS-PRIS"], fleet.agencies["JUS-PRIS-N"]].includes(x.a))) {
      const got = await trpcQuery(server.url, cookies.agency_officer, "reports.get", { id: r.id });
      expect(got.ok ? "read" : got.code, `report ${r.id}`).toBe("FORBIDDEN");
      for (const kind of ["pdf", "agencies.csv", "endpoints.csv", "data.json"]) {
        const res = await download(server.url, cookies.agency_officer, `/reports/${r.id}/${kind}`);
        expect(res.status, `report ${r.id} ${kind}`).toBe(403);
        expect(res.body.toString("utf8")).toMatch(/outside your scope/);
      }
      const print = await download(server.url, cookies.agency_officer, `/report-print/${r.id}`);
      expect(print.status, `print page of ${r.id}`).toBe(404);
    }
  });

  it("auditors read every report but publish none; no session reads nothing", async () => {
    const r = await publish("auditor", null);
    expect(r.ok ? "published" : r.code).toBe("FORBIDDEN");
    expect((await download(server.url, cookies.auditor, `/reports/${own.id}/agencies.csv`)).status).toBe(200);
    expect((await trpcQuery(server.url, cookies.auditor, "reports.get", { id: deployment.id })).ok).toBe(true);
    for (const kind of ["pdf", "agencies.csv", "endpoints.csv", "data.json"]) {
      expect((await download(server.url, "", `/reports/${deployment.id}/${kind}`)).status).toBe(401);
    }
    expect((await download(server.url, cookies.auditor, `/reports/999999/pdf`)).status).toBe(404);
  });

  it("the print page opens only with a session or a valid render token", async () => {
    const anonymous = await download(server.url, "", `/report-print/${deployment.id}`);
    expect(anonymous.status).toBe(307);
    const forged = await fetch(`${server.url}/report-print/${deployment.id}`, { redirect: "manual", headers: { "x-muster-render-token": `v1.${deployment.id}.${Date.now() + 30_000}.abc.def` } });
    expect(forged.status).toBe(307);
    const signedIn = await download(server.url, cookies.auditor, `/report-print/${deployment.id}`);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.toString("utf8")).toContain(deployment.sha256);
  });
});

describe("without Chromium", () => {
  it("the PDF download answers 503 with a message saying what to install, not a stack trace", async () => {
    const r = await publish("officer", null);
    if (!r.ok) throw new Error(r.message);
    const noChrome = await startServer({ databasePath: file, env: { CHROMIUM_PATH: path.join(dir, "no-such-chromium") } });
    try {
      const login = await signInHttp(noChrome.url, USERS.officer.email, PASSWORD);
      const res = await download(noChrome.url, login.cookie, `/reports/${r.data.id}/pdf`);
      const text = res.body.toString("utf8");
      expect(res.status).toBe(503);
      expect(res.type).toContain("text/plain");
      expect(text).toContain("PDF rendering is not available on this server.");
      expect(text).toContain("apt-get install -y chromium");
      expect(text).toContain("CHROMIUM_PATH");
      expect(text).not.toMatch(/\n\s+at /);
      // The CSV files do not need Chromium.
      expect((await download(noChrome.url, login.cookie, `/reports/${r.data.id}/agencies.csv`)).status).toBe(200);
    } finally {
      await noChrome.stop();
    }
  }, 120_000);
});
