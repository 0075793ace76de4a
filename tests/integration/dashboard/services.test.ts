// The dashboard's read services on a real database seeded through the ingest path (the e2e seed:
// 60 endpoints over six agencies, three weeks of history): figures equal direct counts, every
// list respects the agency scope, and keyset pages walk every row exactly once in every plan.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL, type Scope, scopeFor } from "~/server/access/scope";
import type { Db } from "~/server/db/client";
import { getAgencyDetail } from "~/server/dashboard/agency-detail";
import { listUnrecognizedRanked } from "~/server/catalog/overview";
import { getEndpointDetail } from "~/server/dashboard/endpoint-detail";
import { ENDPOINT_SORTS, type EndpointPageInput, iterateEndpoints, listEndpoints } from "~/server/dashboard/endpoints-list";
import { filterOptions } from "~/server/dashboard/filter-options";
import { iterateFindings, listFindings } from "~/server/dashboard/findings-list";
import { carryForward, type DailyRow, dailySeries } from "~/server/findings/history";
import { getOverview, reportedSince } from "~/server/dashboard/overview";
import { agencyProgress } from "~/server/findings/progress";
import { countUpdateProblemsByAgency, selectUpdateProblems, selectVersionsByAgency } from "~/server/agent-updates/store";
import type { TempDb } from "../../support/db";
import { seededDb } from "./e2e-seed";

let t: TempDb;
let db: Db;
let prisons: Scope;
let prisonIds: number[];

const all = <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args) as T[];
const n = (sql: string, ...args: unknown[]) => (db.$client.prepare(sql).get(...args) as { n: number }).n;
const inList = (ids: number[]) => `(${ids.join(",")})`;

beforeAll(() => {
  t = seededDb();
  db = t.db;
  const pris = db.$client.prepare("select id from agencies where code = 'JUS-PRIS'").get() as { id: number };
  prisons = scopeFor(db, { role: "agency_officer", agencyId: pris.id });
  prisonIds = (prisons as { ids: number[] }).ids;
});

afterAll(() => t.cleanup());

/** Every row of a listing, walking `after` cursors forward. */
function walk(scope: Scope, input: EndpointPageInput, driverLimit?: number) {
  const out: string[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = listEndpoints(db, scope, { ...input, after, limit: 7 }, Date.now(), { driverLimit });
    out.push(...page.items.map((e) => e.deviceId));
    if (!page.nextCursor) return out;
    after = page.nextCursor;
  }
  throw new Error("did not end");
}

/** The same, backwards from the last page with `before` cursors. */
function walkBack(scope: Scope, input: EndpointPageInput, driverLimit?: number) {
  let page = listEndpoints(db, scope, { ...input, limit: 7 }, Date.now(), { driverLimit });
  while (page.nextCursor) page = listEndpoints(db, scope, { ...input, after: page.nextCursor, limit: 7 }, Date.now(), { driverLimit });
  const out = page.items.map((e) => e.deviceId);
  for (let guard = 0; page.prevCursor && guard < 100; guard++) {
    page = listEndpoints(db, scope, { ...input, before: page.prevCursor, limit: 7 }, Date.now(), { driverLimit });
    out.unshift(...page.items.map((e) => e.deviceId));
  }
  return out;
}

const ORDER: Record<(typeof ENDPOINT_SORTS)[number], string> = {
  hostname: "hostname collate nocase, id",
  "-hostname": "hostname collate nocase desc, id desc",
  lastReport: "last_report_at is not null, last_report_at, id",
  "-lastReport": "last_report_at is null, last_report_at desc, id desc",
};

describe("endpoints list", () => {
  const filters: [string, EndpointPageInput, string][] = [
    ["no filter", {}, "true"],
    ["banned", { state: "banned" }, "state = 'banned'"],
    ["agency subtree", { agency: "MIN-JUS" }, "agency_id in (select id from agencies where path like (select path from agencies where code = 'MIN-JUS') || '%')"],
    ["one agency", { agency: "JUS-POL" }, "agency_id = (select id from agencies where code = 'JUS-POL')"],
    [
      "banned in a subtree",
      { agency: "MIN-JUS", state: "banned" },
      "state = 'banned' and agency_id in (select id from agencies where path like (select path from agencies where code = 'MIN-JUS') || '%')",
    ],
    ["windows", { os: "windows" }, "os_platform = 'windows'"],
    ["hostname prefix", { q: "PRIS-" }, "lower(hostname) like 'pris-%'"],
    [
      "kaspersky present",
      { present: "vendor:kaspersky" },
      "id in (select o.endpoint_id from observations o join software s on s.id = o.software_id where s.vendor = 'kaspersky' and o.removed_at is null)",
    ],
    ["older than 3 days", { olderThan: 3 }, `last_report_at < ${Date.now() - 3 * 86_400_000}`],
    ["windows, older than 3 days", { os: "windows", olderThan: 3 }, `os_platform = 'windows' and last_report_at < ${Date.now() - 3 * 86_400_000}`],
    [
      "banned macOS in a subtree",
      { os: "darwin", state: "banned", agency: "MIN-JUS" },
      "os_platform = 'darwin' and state = 'banned' and agency_id in (select id from agencies where path like (select path from agencies where code = 'MIN-JUS') || '%')",
    ],
    ["resting on the agent's reports", { evidence: "agent" }, "evidence = 'agent'"],
    ["needs action", { needs: "action" }, "id in (select endpoint_id from findings where status = 'open')"],
    ["needs action, stale part", { needs: "action", state: "stale" }, "state = 'stale' and id in (select endpoint_id from findings where status = 'open')"],
    [
      "needs action in a subtree",
      { needs: "action", agency: "MIN-JUS" },
      "id in (select endpoint_id from findings where status = 'open') and agency_id in (select id from agencies where path like (select path from agencies where code = 'MIN-JUS') || '%')",
    ],
    [
      "kaspersky present on windows (exact count, no sample)",
      { present: "vendor:kaspersky", os: "windows" },
      "os_platform = 'windows' and id in (select o.endpoint_id from observations o join software s on s.id = o.software_id where s.vendor = 'kaspersky' and o.removed_at is null)",
    ],
  ];
  for (const [name, input, where] of filters) {
    for (const sort of ENDPOINT_SORTS) {
      it(`${name}, sorted ${sort}: every row once, forwards and backwards, in both plans`, () => {
        const expected = all<{ device_id: string }>(`select device_id from endpoints where ${where} order by ${ORDER[sort]}`).map((r) => r.device_id);
        expect(expected.length).toBeGreaterThan(0);
        for (const driverLimit of [0, undefined]) {
          expect(walk(ALL, { ...input, sort }, driverLimit)).toEqual(expected);
          expect(walkBack(ALL, { ...input, sort }, driverLimit)).toEqual(expected);
          // The total is exact in both plans (a scan counts on its own index, not the page's).
          const first = listEndpoints(db, ALL, { ...input, sort, limit: 7 }, Date.now(), { driverLimit });
          expect(first.total).toEqual({ value: expected.length, capped: false });
        }
      });
    }
  }

  it("the CSV iterator yields the same rows as the list", () => {
    const rows = [...iterateEndpoints(db, ALL, { sort: "hostname", state: "banned" }, 3)].flat().map((e) => e.deviceId);
    expect(rows).toEqual(walk(ALL, { state: "banned" }));
  });

  it("an agency officer's list, filters and exports stay inside its subtree", () => {
    const mine = all<{ device_id: string }>(`select device_id from endpoints where agency_id in ${inList(prisonIds)} order by hostname collate nocase, id`).map((r) => r.device_id);
    expect(walk(prisons, {})).toEqual(mine);
    expect(walk(prisons, {}, 0)).toEqual(mine);
    expect(listEndpoints(db, prisons, { agency: "FIN-TAX" }).items).toEqual([]);
    expect(listEndpoints(db, prisons, { agency: "FIN-TAX" }).total.value).toBe(0);
    expect([...iterateEndpoints(db, prisons, { sort: "hostname", agency: "FIN-TAX" })]).toEqual([]);
    expect([...iterateEndpoints(db, prisons, { sort: "hostname" })].flat().map((e) => e.deviceId)).toEqual(mine);
    expect(filterOptions(db, prisons).agencies.map((a) => a.code)).toEqual(["JUS-PRIS", "JUS-PRIS-NORTH"]);
  });

  it("the 'present' filter offers what the viewer's endpoints carry and what a policy names, not the whole catalog", () => {
    const carried = (ids: number[] | null) =>
      new Set(
        all<{ v: string }>(
          `select distinct s.vendor as v from observations o join software s on s.id = o.software_id join endpoints e on e.id = o.endpoint_id
           where o.removed_at is null and s.vendor is not null and s.vendor <> 'unidentified' and ${ids ? `e.agency_id in ${inList(ids)}` : "true"}`,
        ).map((r) => r.v),
      );
    const named = new Set(all<{ vendors: string }>("select vendors from policies").flatMap((r) => JSON.parse(r.vendors) as string[]));
    const offered = (scope: Scope, present?: string) => filterOptions(db, scope, present).vendors.map((v) => v.slug);
    const everyone = offered(ALL);
    expect(new Set(everyone)).toEqual(new Set([...carried(null), ...named]));
    expect(everyone.length).toBeLessThan(60);
    // A vendor only other agencies' endpoints carry is not offered to the prisons' officer.
    const elsewhere = [...carried(null)].filter((v) => !carried(prisonIds).has(v) && !named.has(v));
    expect(elsewhere.length).toBeGreaterThan(0);
    expect(new Set(offered(prisons))).toEqual(new Set([...carried(prisonIds), ...named]));
    // A banned vendor's products are all offered, present or not (their resolved findings stay listed).
    const kaspersky = filterOptions(db, prisons).vendors.find((v) => v.slug === "kaspersky")!;
    expect(kaspersky.products.length).toBeGreaterThan(5);
    // The chosen value stays selectable even where nothing carries it.
    const chosen = filterOptions(db, prisons, `vendor:${elsewhere[0]}`).vendors.map((v) => v.slug);
    expect(chosen).toContain(elsewhere[0]);
  });

  it("an agency officer's total of endpoints carrying a vendor counts its subtree only (from the presence counts)", () => {
    const carrying = (vendor: string, ids: number[] | null) =>
      all<{ n: number }>(
        `select count(*) as n from endpoints e where ${ids ? `agency_id in ${inList(ids)}` : "true"} and exists (select 1 from observations o join software s on s.id = o.software_id where o.endpoint_id = e.id and o.removed_at is null and s.vendor = ?)`,
        vendor,
      )[0]!.n;
    const mine = carrying("kaspersky", prisonIds);
    expect(mine).toBeGreaterThan(0);
    expect(mine).toBeLessThan(carrying("kaspersky", null));
    expect(listEndpoints(db, prisons, { present: "vendor:kaspersky" }).total).toEqual({ value: mine, capped: false });
    expect(listEndpoints(db, ALL, { present: "vendor:kaspersky", agency: "JUS-PRIS" }).total).toEqual({ value: mine, capped: false });
    expect(listEndpoints(db, prisons, { present: "vendor:no-such-vendor" }).total).toEqual({ value: 0, capped: false });
  });
});

describe("scope on detail pages and findings", () => {
  it("another agency's endpoint and agency do not exist for an agency officer", () => {
    const other = db.$client.prepare("select device_id from endpoints e join agencies a on a.id = e.agency_id where a.code = 'FIN-TAX' limit 1").get() as { device_id: string };
    expect(() => getEndpointDetail(db, prisons, other.device_id)).toThrow(/not found/);
    expect(getEndpointDetail(db, ALL, other.device_id).endpoint.deviceId).toBe(other.device_id);
    expect(() => getAgencyDetail(db, prisons, "FIN-TAX")).toThrow(/not found/);
    expect(getAgencyDetail(db, prisons, "JUS-PRIS-NORTH").agency.code).toBe("JUS-PRIS-NORTH");
  });

  it("findings lists walk every row once and respect the scope", () => {
    for (const status of ["open", "resolved", "excepted"] as const) {
      const expected = all<{ id: number }>(`select id from findings where status = ? and agency_id in ${inList(prisonIds)} order by product, version, id`, status).map((r) => r.id);
      const got: number[] = [];
      let after: string | undefined;
      for (let guard = 0; guard < 50; guard++) {
        const page = listFindings(db, prisons, { status, after, limit: 4 });
        got.push(...page.items.map((f) => f.id));
        if (!page.nextCursor) break;
        after = page.nextCursor;
      }
      expect(got).toEqual(expected);
      expect([...iterateFindings(db, prisons, { status })].flat().map((f) => f.id)).toEqual(expected);
    }
    expect(listFindings(db, prisons, { status: "open", agency: "FIN-TAX" }).items).toEqual([]);
  });

  it("unrecognized entries count only the endpoints in scope, most endpoints first", () => {
    const acme = all<{ id: number }>("select id from software where unrecognized = true");
    expect(acme.length).toBeGreaterThan(0);
    const everywhere = listUnrecognizedRanked(db, ALL).items;
    expect(everywhere.length).toBeGreaterThan(0);
    for (const item of everywhere) {
      expect(item.endpoints).toBe(n("select count(*) as n from observations where software_id = ? and removed_at is null", item.id));
    }
    expect(everywhere.map((i) => i.endpoints)).toEqual([...everywhere.map((i) => i.endpoints)].sort((a, b) => b - a));
    // The search ignores case on both engines (the seed's entries are "Acme Endpoint Shield" and "acme-antivirus").
    expect(
      listUnrecognizedRanked(db, ALL, { q: "ACME" })
        .items.map((i) => i.id)
        .sort(),
    ).toEqual(
      everywhere
        .filter((i) => /acme/i.test(`${i.name} ${i.publisher} ${i.identifier}`))
        .map((i) => i.id)
        .sort(),
    );
    expect(listUnrecognizedRanked(db, ALL, { q: "ACME" }).items.length).toBeGreaterThanOrEqual(2);
    const scoped = listUnrecognizedRanked(db, prisons).items;
    for (const item of scoped) {
      expect(item.endpoints).toBe(
        n(`select count(*) as n from observations o join endpoints e on e.id = o.endpoint_id where o.software_id = ? and o.removed_at is null and e.agency_id in ${inList(prisonIds)}`, item.id),
      );
    }
  });

  it("an agency's unrecognized page is unchanged when a device floods the table with entries seen nowhere in it", () => {
    const before = listUnrecognizedRanked(db, prisons, { limit: 50 }).items.map((i) => i.id);
    // Thousands of unrecognized entries seen nowhere in the scope (as a hostile device elsewhere makes them).
    const insert = db.$client.prepare("insert into software (fp, source, name, kind, unrecognized, matched_with, first_seen_at) values (?, 'dpkg', ?, 'product', true, 'x', 0)");
    db.$client.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run(`flood-${i}`, `flood-av-${i}`);
    })();
    // A different page size: not the page remembered above.
    const page = listUnrecognizedRanked(db, prisons, { limit: 60 });
    expect(page.items.map((i) => i.id).slice(0, 50)).toEqual(before);
    expect(listUnrecognizedRanked(db, ALL, { limit: 200, q: "flood-av" }).items).toEqual([]);
    db.$client.prepare("delete from software where fp like 'flood-%'").run();
  });
});

describe("figures", () => {
  it("the overview equals direct counts, deployment-wide and for a subtree", () => {
    for (const [scope, where] of [
      [ALL, "true"],
      [prisons, `agency_id in ${inList(prisonIds)}`],
    ] as const) {
      const o = getOverview(db, scope);
      expect(o.totals.endpoints).toBe(n(`select count(*) as n from endpoints where ${where}`));
      for (const s of ["banned", "remnants", "excepted", "unprotected", "clean", "stale"] as const) {
        expect(o.totals[s], s).toBe(n(`select count(*) as n from endpoints where state = ? and ${where}`, s));
      }
      expect(o.totals.openFindings).toBe(n(`select count(*) as n from findings where status = 'open' and ${where}`));
      expect(o.reporting24h).toBe(n(`select count(*) as n from endpoints where last_report_at >= ? and ${where}`, Date.now() - 86_400_000));
      expect(o.products.reduce((s, p) => s + p.open, 0)).toBe(o.totals.openFindings);
      expect(o.burndown.at(-1)!.openFindings).toBe(o.totals.openFindings);
    }
    expect(reportedSince(db, null, 0, getOverview(db, ALL).totals)).toBe(n("select count(*) as n from endpoints where last_report_at is not null"));
  });

  it("the SQL burn-down equals the carry-forward of the raw daily rows", () => {
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 15 * 86_400_000).toISOString().slice(0, 10);
    const cols = `agency_id as agencyId, day, endpoints, banned, remnants, excepted, unprotected, clean, stale, never_reported as neverReported, stale_banned as staleBanned,
      open_findings as openFindings, excepted_findings as exceptedFindings, resolved_findings as resolvedFindings, removals, reinstalls, detections`;
    for (const ids of [null, prisonIds]) {
      const where = ids ? `agency_id in ${inList(ids)}` : "true";
      const baselines = all<DailyRow>(`select ${cols} from agency_daily d where ${where} and day = (select max(day) from agency_daily x where x.agency_id = d.agency_id and x.day < ?)`, from);
      const rows = all<DailyRow>(`select ${cols} from agency_daily where ${where} and day >= ? and day <= ?`, from, today);
      expect(rows.length).toBeGreaterThan(0);
      expect(dailySeries(db, ids, from, today)).toEqual(carryForward(baselines, rows, from, today));
    }
  });

  it("agency progress rolls subtrees up and shows an agency officer its own agencies", () => {
    const rows = agencyProgress(db, ALL).rows;
    const jus = rows.find((r) => r.code === "MIN-JUS")!;
    const jusIds = all<{ id: number }>("select id from agencies where path like (select path from agencies where code = 'MIN-JUS') || '%'").map((r) => r.id);
    expect(jus.totals.openFindings).toBe(n(`select count(*) as n from findings where status = 'open' and agency_id in ${inList(jusIds)}`));
    expect(jus.totals.endpoints).toBe(n(`select count(*) as n from endpoints where agency_id in ${inList(jusIds)}`));
    const mine = agencyProgress(db, prisons).rows;
    expect(mine.map((r) => r.code)).toEqual(["JUS-PRIS", "JUS-PRIS-NORTH"]);
    expect(mine[0]!.parentId).toBeNull();
    // The sub-region's own deadline passed three days ago (the seed): it is overdue, and so is its
    // parent, whose own figures alone are not (honest roll-up); the parent's projection is the latest part's.
    expect(mine[1]!.deadlineSource).toBe("agency");
    expect(mine[1]!.status).toBe("overdue");
    expect(mine[0]!).toMatchObject({ status: "overdue", statusFrom: "JUS-PRIS-NORTH" });
    expect(mine[0]!.ownStatus).not.toBe("overdue");
    const parts = [mine[0]!, mine[1]!].map((r) => r.projectedDay).filter((d): d is string => d !== null);
    if (!mine[0]!.stalled) expect(mine[0]!.projectedDay).toBe(parts.sort().at(-1));
  });
});

describe("agent updates", () => {
  it("versions per agency count every unrevoked endpoint, deployment-wide and for a subtree (a scope that is a plain condition on PostgreSQL too)", () => {
    const sum = (scope: Scope) => selectVersionsByAgency(db, scope).reduce((a, r) => a + r.endpoints, 0);
    expect(sum(ALL)).toBe(n("select count(*) as n from endpoints where revoked_at is null"));
    expect(sum(prisons)).toBe(n(`select count(*) as n from endpoints where revoked_at is null and agency_id in ${inList(prisonIds)}`));
    expect(sum({ kind: "agencies", ids: [], rootId: prisonIds[0]! })).toBe(0);
    expect(selectUpdateProblems(db, ALL, 0, 10)).toEqual([]);
    expect(countUpdateProblemsByAgency(db, ALL, 0).size).toBe(0);
  });
});
