// The README's first command seeds this deployment: it must tell the story the brief asks for
// (one agency ahead, one behind its deadline, one with reinstalls, remnants, unprotected,
// waivers, stale and never-reported endpoints, 90 days of history), produced by the ingest code.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL, narrowScope } from "~/server/access/scope";
import { closeDb, type Db } from "~/server/db/client";
import { getAgencyDetail } from "~/server/dashboard/agency-detail";
import { getPackData } from "~/server/dashboard/agency-pack";
import { iterateEndpoints, listEndpoints } from "~/server/dashboard/endpoints-list";
import { getOverview } from "~/server/dashboard/overview";
import { agencyProgress } from "~/server/findings/progress";
import { seedDemo } from "~/server/demo/seed";
import { checkCounters } from "~/server/findings/counters";
import { needsAction } from "~/server/findings/needs-action";
import { addDays, DAY_MS, dayOf } from "~/server/lib/time";
import { buildReportData } from "~/server/reports/build";
import { resolveReportScope } from "~/server/reports/scope";
import { tempDir } from "../../support/db";

const NOW = Date.parse("2026-11-28T10:00:00Z");
const dir = tempDir("muster-demo-");
let db: Db;
const q = <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args) as T[];
const one = <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).get(...args) as T;

beforeAll(async () => {
  process.env.DATABASE_PATH = path.join(dir, "demo.db");
  ({ db } = await seedDemo({ now: NOW, log: () => {} }));
}, 300_000);
afterAll(() => {
  closeDb(process.env.DATABASE_PATH);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("demo deployment", () => {
  it("covers the Customs Administration with two imported Intune exports, next to agencies with agents", () => {
    const customs = q<{ evidence: string; state: string; n: number }>(
      "select e.evidence, e.state, count(*) n from endpoints e join agencies a on a.id = e.agency_id where a.code = 'FIN-CUST' group by 1, 2",
    );
    expect(new Set(customs.map((r) => r.evidence))).toEqual(new Set(["intune"]));
    const by = Object.fromEntries(customs.map((r) => [r.state, r.n]));
    // 240 devices, every 12th an iPhone (not covered); retired laptops missing from the second export go stale.
    expect(customs.reduce((n, r) => n + r.n, 0)).toBe(220);
    expect(by.banned).toBeGreaterThan(20);
    expect(by.stale).toBeGreaterThan(0);
    expect(q<{ status: string }>("select status from imports order by id")).toEqual([{ status: "applied" }, { status: "applied" }]);
    // The second export verified removals: resolved findings with Intune as their evidence.
    expect(one<{ n: number }>("select count(*) n from findings f join agencies a on a.id = f.agency_id where a.code = 'FIN-CUST' and f.status = 'resolved'").n).toBeGreaterThan(20);
    expect(q("select count(*) n from endpoints e join agencies a on a.id = e.agency_id where a.code = 'FIN-CUST' and e.hostname like 'IPHONE%'")).toEqual([{ n: 0 }]);
  });

  it("has 5,000 agent endpoints in 8 agencies and a site under 3 ministries, Windows first", () => {
    expect(one<{ n: number }>("select count(*) n from endpoints where evidence = 'agent'").n).toBe(5000);
    expect(one<{ n: number }>("select count(*) n from agencies where parent_id is null").n).toBe(3);
    expect(one<{ n: number }>("select count(distinct agency_id) n from endpoints where evidence = 'agent'").n).toBe(8);
    const os = Object.fromEntries(q<{ p: string; n: number }>("select os_platform p, count(*) n from endpoints group by 1").map((r) => [r.p, r.n]));
    expect(os.windows).toBeGreaterThan(os.darwin!);
    expect(os.darwin).toBeGreaterThan(os.linux!);
  });

  it("puts the Kaspersky ban in force 60 days ago and keeps 90 days of daily history", () => {
    const policy = one<{ activated_at: number }>("select activated_at from policies where active = 1 and slug = 'us-bod-17-01'");
    expect(Math.round((NOW - policy.activated_at) / DAY_MS)).toBe(60);
    expect(one<{ n: number }>("select count(distinct day) n from agency_daily").n).toBeGreaterThanOrEqual(89);
    expect(one<{ n: number }>("select count(*) n from checkins").n).toBeGreaterThan(50_000);
  });

  it("shows every state, remnants, reinstalls and waivers (one lapsed)", () => {
    const states = Object.fromEntries(q<{ state: string; n: number }>("select state, count(*) n from endpoints group by 1").map((r) => [r.state, r.n]));
    for (const s of ["banned", "remnants", "excepted", "unprotected", "clean", "stale", "never-reported"]) expect(states[s], s).toBeGreaterThan(0);
    expect(one<{ n: number }>("select count(*) n from endpoint_events where kind = 'reinstalled'").n).toBeGreaterThan(0);
    const now = NOW;
    expect(one<{ n: number }>("select count(*) n from waivers where status = 'approved' and expires_at > ?", now).n).toBeGreaterThan(0);
    expect(one<{ n: number }>("select count(*) n from waivers where status = 'approved' and expires_at <= ?", now).n).toBeGreaterThan(0);
  });

  it("has one agency ahead, one behind its deadline, one past it and one with reinstalls", () => {
    const rows = Object.fromEntries(agencyProgress(db, ALL, NOW).rows.map((r) => [r.code, r]));
    expect(rows["JUS-POL"]!.status).toBe("on-track");
    expect(rows["JUS-POL"]!.percentComplete).toBeGreaterThan(0.95);
    expect(rows["JUS-PRIS"]!.status).toBe("at-risk");
    expect(rows["JUS-PRIS"]!.percentComplete).toBeLessThan(0.5);
    expect(rows["INT-ICT"]!.status).toBe("overdue");
    expect(rows["JUS-IND"]!.reinstallsWindow + one<{ n: number }>("select reinstalls_total n from agency_counts c join agencies a on a.id = c.agency_id where a.code = 'JUS-IND'").n).toBeGreaterThan(
      5,
    );
  });

  it("keeps its counters and history equal to a recomputation from scratch", () => {
    expect(checkCounters(db)).toEqual([]);
  });

  it("dates every enrollment token before its first use (created, audited, used, in that order)", () => {
    const tokens = q<{ id: number; label: string; created: number; lastUsed: number | null; expires: number | null; firstEnrolled: number | null; audited: number }>(
      `select t.id, t.label, t.created_at as created, t.last_used_at as lastUsed, t.expires_at as expires,
         (select min(e.enrolled_at) from endpoints e where e.enrollment_token_id = t.id) as firstEnrolled,
         (select min(l.at) from audit_log l where l.action = 'token.create' and l.object_id = cast(t.id as text)) as audited
       from enrollment_tokens t order by t.id`,
    );
    expect(tokens.filter((t) => t.firstEnrolled !== null).length, "the fleet's agencies enrolled with tokens").toBeGreaterThanOrEqual(8);
    for (const t of tokens) {
      const what = `token ${t.id} (${t.label})`;
      expect(t.audited, what).toBe(t.created);
      if (t.firstEnrolled !== null) expect(t.created, `${what} created before its first enrollment`).toBeLessThanOrEqual(t.firstEnrolled);
      if (t.lastUsed !== null) {
        expect(t.created, what).toBeLessThanOrEqual(t.lastUsed);
        if (t.expires !== null) expect(t.lastUsed, `${what} used before it expired`).toBeLessThanOrEqual(t.expires);
      }
      expect(t.created, `${what} not dated in the future`).toBeLessThanOrEqual(NOW);
    }
  });

  it("shows one needs-action figure on every surface, for the whole country and per agency", () => {
    const truth = (ids: number[] | null) => one<{ n: number }>(`select count(distinct endpoint_id) n from findings where status = 'open'${ids ? ` and agency_id in (${ids.join(",")})` : ""}`).n;
    const today = dayOf(NOW);
    const surfaces = (code: string | null) => {
      const id = code ? one<{ id: number }>("select id from agencies where code = ?", code).id : null;
      const scope = narrowScope(db, ALL, id);
      const filter = { needs: "action" as const, sort: "hostname" as const, ...(code ? { agency: code } : {}) };
      let exported = 0;
      for (const chunk of iterateEndpoints(db, ALL, filter, 1000, NOW)) exported += chunk.length;
      const pack = code ? getPackData(db, ALL, code, NOW) : null;
      const report = buildReportData(db, resolveReportScope(db, ALL, id), { asOf: today, now: NOW, findingRows: false });
      return {
        truth: truth(scope.kind === "all" ? null : scope.ids),
        overview: getOverview(db, scope, NOW).needsAction.total,
        agencyPage: code ? needsAction(getAgencyDetail(db, ALL, code, NOW).row.totals).total : null,
        list: listEndpoints(db, ALL, { ...filter, limit: 1 }, NOW).total.value,
        csv: exported,
        packCsv: pack ? pack.endpoints.length : null,
        packFigure: pack ? pack.counts.total : null,
        report: needsAction(report.totals).total,
      };
    };
    for (const code of [null, "MIN-JUS", "JUS-PRIS", "FIN-CUST", "INT-ICT"]) {
      const s = surfaces(code);
      expect(s.truth, `${code ?? "all"}: the demo has endpoints that need action`).toBeGreaterThan(0);
      const expected = { ...s, overview: s.truth, list: s.truth, csv: s.truth, report: s.truth, agencyPage: code ? s.truth : null, packCsv: code ? s.truth : null, packFigure: code ? s.truth : null };
      expect({ code, ...s }).toEqual({ code, ...expected });
    }
  });

  it("dates the report's ban by its start in Muster (60 days ago), inside the burn-down: its caption speaks of the peak, not 'went from 0'", () => {
    const data = buildReportData(db, resolveReportScope(db, ALL, null), { asOf: dayOf(NOW), now: NOW, findingRows: false });
    const first = data.burndown.points[0]!;
    expect(first.openFindings, "the history starts before the ban").toBe(0);
    // The policy's legal date is years earlier; the caption's wording follows this date (burndown-chart.tsx).
    expect(data.burndown.policyEffective).toBe(addDays(dayOf(NOW), -60));
    expect(data.burndown.policyEffective! >= first.day).toBe(true);
  });

  it("reuses the database on a second run", async () => {
    const before = one<{ n: number }>("select count(*) n from checkins").n;
    await seedDemo({ now: NOW + 60_000, log: () => {} });
    expect(one<{ n: number }>("select count(*) n from checkins").n).toBe(before);
  });
});
