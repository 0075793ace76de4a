// The report builder and publication on a replayed fleet, in process (no HTTP): past reporting
// dates read the daily history, the frozen text is canonical and byte-stable through a round trip,
// the previous report is the latest of the same scope on or before the date, and the document
// data never holds a float.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL, scopeFor } from "~/server/access/scope";
import { addDays, dayOf } from "~/server/lib/time";
import { buildReportData } from "~/server/reports/build";
import { canonicalJson, sha256Hex } from "~/server/reports/canonical";
import { agenciesCsv, endpointsCsv } from "~/server/reports/csv";
import { unpackRows } from "~/server/reports/evidence";
import { reportText } from "~/server/reports/i18n";
import { methodNotes } from "~/server/reports/method-text";
import { listReports, loadReport, loadReportText, publishReport } from "~/server/reports/publish";
import { resolveReportScope } from "~/server/reports/scope";
import { createTempDb, type TempDb } from "../../support/db";
import { type SeededFleet, seedFleet, USERS } from "./seed";

let t: TempDb;
let fleet: SeededFleet;

beforeAll(async () => {
  t = createTempDb();
  fleet = await seedFleet(t.db);
}, 120_000);
afterAll(() => t.cleanup());

const viewer = (role: keyof typeof USERS) => ({
  id: fleet.users[role].id,
  email: USERS[role].email,
  name: USERS[role].name,
  role: USERS[role].role,
  agencyId: USERS[role].agency ? fleet.agencies[USERS[role].agency!]! : null,
});
const actor = (role: keyof typeof USERS) => ({ userId: fleet.users[role].id, label: USERS[role].email });

/** End-of-day levels of the agencies `ids` on `day`, straight from agency_daily (carry forward). */
function dailyOn(ids: number[], day: string) {
  return t.db.$client
    .prepare(
      `select coalesce(sum(endpoints), 0) as endpoints, coalesce(sum(open_findings), 0) as open, coalesce(sum(resolved_findings), 0) as resolved,
         coalesce(sum(stale), 0) as stale, coalesce(sum(banned), 0) as banned
       from agency_daily d where agency_id in (${ids.join(",")}) and day = (select max(day) from agency_daily x where x.agency_id = d.agency_id and x.day <= ?)`,
    )
    .get(day) as { endpoints: number; open: number; resolved: number; stale: number; banned: number };
}

describe("report builder", () => {
  it("figures of a past reporting date are that day's end-of-day history", () => {
    const today = dayOf(fleet.now);
    const scope = resolveReportScope(t.db, ALL, null);
    const ids = Object.values(fleet.agencies);
    for (const back of [3, 10, 20]) {
      const day = addDays(today, -back);
      const data = buildReportData(t.db, scope, { asOf: day, now: fleet.now });
      const expected = dailyOn(ids, day);
      expect(data.live).toBe(false);
      expect(data.figuresAt).toBe(`${day}T23:59:59.999Z`);
      expect({ endpoints: data.totals.endpoints, open: data.totals.openFindings, resolved: data.totals.resolvedFindings, stale: data.totals.stale, banned: data.totals.banned }).toEqual(expected);
      expect(data.burndown.points.at(-1)).toMatchObject({ day, openFindings: expected.open });
      // The per-product figures, rebuilt from the endpoints' timelines, add up to the history's totals.
      expect(data.products.reduce((n, p) => n + p.installed + p.remnants, 0)).toBe(expected.open);
      expect(data.agencies.every((a) => a.byProduct.reduce((x, y) => x + y, 0) === a.openFindings)).toBe(true);
      expect(methodNotes(data, reportText("en")).join(" ")).toContain(`end-of-day values of ${day}`);
      expect(methodNotes(data, reportText("nl")).join(" ")).toContain(`waarden aan het einde van ${day}`);
    }
    // Today: the live records.
    const live = buildReportData(t.db, scope, { asOf: today, now: fleet.now });
    const open = (t.db.$client.prepare("select count(*) as n from findings where status = 'open'").get() as { n: number }).n;
    expect(live.live).toBe(true);
    expect(live.totals.openFindings).toBe(open);
    expect(live.products.reduce((n, p) => n + p.installed + p.remnants, 0)).toBe(open);
  });

  it("a draft (counts only, no list) shows exactly what the published report shows", () => {
    const scope = resolveReportScope(t.db, ALL, null);
    const now = Date.now();
    const asOf = dayOf(now);
    const draft = buildReportData(t.db, scope, { asOf, now, findingRows: false });
    const full = buildReportData(t.db, scope, { asOf, now });
    const rows = unpackRows(full.findings.rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(full.findings.endpoints).toBe(rows.length);
    expect(draft.findings.rows).toBe("");
    expect(draft.findings.count).toBe(full.findings.count);
    expect({ ...draft, findings: null }).toEqual({ ...full, findings: null });
    // Every listed endpoint's findings, with the state its row names.
    const listed = rows.reduce((n, r) => n + (r.length - 6) / 5, 0);
    expect(listed).toBe(full.findings.count);
    const states = new Set(rows.map((r) => r[5]));
    for (const s of states) expect(["banned", "remnants", "excepted", "stale"]).toContain(s);
  });

  it("refuses a future or malformed reporting date", () => {
    const scope = resolveReportScope(t.db, ALL, null);
    expect(() => buildReportData(t.db, scope, { asOf: addDays(dayOf(fleet.now), 1), now: fleet.now })).toThrow(/future/);
    expect(() => buildReportData(t.db, scope, { asOf: "2026-02-30", now: fleet.now })).toThrow(/YYYY-MM-DD/);
  });

  it("freezes canonical text that round-trips byte for byte, with byte-stable CSV files", () => {
    const meta = publishReport(t.db, viewer("officer"), ALL, actor("officer"), { agencyId: null, asOf: dayOf(Date.now()) });
    const { json } = loadReportText(t.db, ALL, meta.id);
    const { data } = loadReport(t.db, ALL, meta.id);
    expect(canonicalJson(JSON.parse(json))).toBe(json);
    expect(sha256Hex(json)).toBe(meta.sha256);
    const ref = { id: meta.id, sha256: meta.sha256 };
    expect(agenciesCsv(JSON.parse(json), ref)).toBe(agenciesCsv(data, ref));
    expect(endpointsCsv(JSON.parse(json), ref)).toBe(endpointsCsv(data, ref));
    // Without the per-endpoint rows, the rest of the data is the same.
    const light = loadReport(t.db, ALL, meta.id, { findingRows: false }).data;
    expect(light.findings.rows).toBe("");
    expect(light.findings.count).toBe(data.findings.count);
    expect({ ...light, findings: null }).toEqual({ ...data, findings: null });
  });

  it("compares with the latest report of the same scope on or before the reporting date", () => {
    const today = dayOf(Date.now());
    const pris = fleet.agencies["JUS-PRIS"]!;
    const a = publishReport(t.db, viewer("officer"), ALL, actor("officer"), { agencyId: pris, asOf: addDays(today, -7) });
    const b = publishReport(t.db, viewer("officer"), ALL, actor("officer"), { agencyId: pris, asOf: today });
    const c = publishReport(t.db, viewer("agency_officer"), scopeFor(t.db, viewer("agency_officer")), actor("agency_officer"), { agencyId: pris, asOf: addDays(today, -3) });
    expect(a.previousReportId).toBeNull();
    expect(b.previousReportId).toBe(a.id);
    expect(c.previousReportId).toBe(a.id); // b's reporting date is after c's
    const cData = loadReport(t.db, ALL, c.id).data;
    expect(cData.previous).toMatchObject({ reportId: a.id, asOf: addDays(today, -7), sha256: a.sha256 });
    expect(cData.published?.by.email).toBe(USERS.agency_officer.email);
    // The agency officer lists its own agency's reports only.
    const listed = listReports(t.db, scopeFor(t.db, viewer("agency_officer"))).map((r) => r.id);
    expect(listed).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
    expect(listed.every((id) => loadReport(t.db, ALL, id).meta.scopeAgencyId === pris)).toBe(true);
  });

  it("an agency officer asking for 'everything' gets its own subtree, and nothing outside it", () => {
    const scope = scopeFor(t.db, viewer("agency_officer"));
    const mine = resolveReportScope(t.db, scope, null);
    expect(mine.report).toMatchObject({ kind: "agency", code: "JUS-PRIS" });
    expect(buildReportData(t.db, mine, { asOf: dayOf(Date.now()) }).agencies.map((a) => a.code)).toEqual(["JUS-PRIS", "JUS-PRIS-N"]);
    for (const code of ["MIN-JUS", "JUS-POL", "FIN-TAX"]) expect(() => resolveReportScope(t.db, scope, fleet.agencies[code]!)).toThrow(/outside your scope/);
  });
});
