// What changed (issue 20) on the e2e seed (60 endpoints, three weeks replayed through ingest), with
// waivers decided at known times: the "Waivers granted" and "Waivers expired" lists hold exactly the
// waivers approved (and not revoked) in the period and the approved waivers that lapsed in it, each
// tile counting its list; the change per agency is measured against the end of the day before the
// period and against the previous published report of the viewer's scope (its frozen figures).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL, type Scope, scopeFor, type Viewer } from "~/server/access/scope";
import type { Actor } from "~/server/audit/log";
import type { Db } from "~/server/db/client";
import { type ChangeKind, getChanges, listChanges } from "~/server/dashboard/changes";
import { approveWaiver, rejectWaiver, requestWaiver, revokeWaiver } from "~/server/findings/waivers";
import { addDays, DAY_MS, dayOf } from "~/server/lib/time";
import { publishReport } from "~/server/reports/publish";
import type { TempDb } from "../../support/db";
import { seededDb } from "./e2e-seed";

let t: TempDb;
let db: Db;
let NOW: number;
let officer: Viewer;
let admin: Viewer;
let prisons: Scope;
/** The waivers the test decides, by what happened to them. */
const w = {} as Record<"lapsed" | "granted" | "rejected" | "revoked" | "laterToday", { id: number; hostname: string; expiresAt: number }>;

const all = <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args) as T[];
const n = (sql: string, ...args: unknown[]) => (db.$client.prepare(sql).get(...args) as { n: number }).n;
const actor = (v: Viewer): Actor => ({ userId: v.id, label: v.email });
const userByRole = (role: string) => db.$client.prepare("select id, email, name, role, agency_id as agencyId from users where role = ?").get(role) as Viewer;
const subtree = (code: string) =>
  all<{ id: number }>("select id from agencies where substr(path, 1, length((select path from agencies where code = ?))) = (select path from agencies where code = ?)", code, code).map((r) => r.id);
const inList = (ids: number[]) => `(${ids.join(",")})`;

/** Open findings of an agency without any waiver, one per machine. */
function freeFindings(count: number, code = "FIN-TAX"): { id: number; hostname: string }[] {
  return all<{ id: number; hostname: string }>(
    `select min(f.id) as id, e.hostname from findings f join endpoints e on e.id = f.endpoint_id
     where f.status = 'open' and f.agency_id in ${inList(subtree(code))} and e.id not in (select endpoint_id from waivers)
     group by e.id order by e.id limit ?`,
    count,
  );
}

function waive(finding: { id: number; hostname: string }, requestedAt: number, expiresAt: number) {
  const req = requestWaiver(
    db,
    officer,
    actor(officer),
    ALL,
    {
      findingId: finding.id,
      justification: "Laboratory analyser certified only with this antivirus installed.",
      compensatingControls: "Isolated network segment, traffic monitored.",
      expiresAt,
      extensionReason: "The certified replacement ships after the agency deadline.",
    },
    requestedAt,
  );
  return { id: req.id, hostname: finding.hostname, expiresAt };
}

const decide = { waiverId: 0, note: "Checked with the agency's CISO." };

beforeAll(() => {
  t = seededDb();
  db = t.db;
  NOW = Date.now();
  officer = userByRole("officer");
  admin = userByRole("admin");
  prisons = scopeFor(db, userByRole("agency_officer"));
  const [a, b, c, d] = freeFindings(4);
  if (!d) throw new Error("the seed has too few open findings in FIN-TAX");
  // Approved ten days ago, lapsed two days ago.
  w.lapsed = waive(a!, NOW - 10 * DAY_MS, NOW - 2 * DAY_MS);
  approveWaiver(db, admin, actor(admin), ALL, { ...decide, waiverId: w.lapsed.id }, NOW - 10 * DAY_MS + 3_600_000);
  // Approved three days ago, in force.
  w.granted = waive(b!, NOW - 3 * DAY_MS, NOW + 20 * DAY_MS);
  approveWaiver(db, admin, actor(admin), ALL, { ...decide, waiverId: w.granted.id }, NOW - 3 * DAY_MS + 3_600_000);
  // Rejected three days ago.
  w.rejected = waive(c!, NOW - 3 * DAY_MS, NOW + 20 * DAY_MS);
  rejectWaiver(db, admin, actor(admin), ALL, { ...decide, waiverId: w.rejected.id }, NOW - 3 * DAY_MS + 3_600_000);
  // Approved four days ago, revoked yesterday.
  w.revoked = waive(d!, NOW - 4 * DAY_MS, NOW + 20 * DAY_MS);
  approveWaiver(db, admin, actor(admin), ALL, { ...decide, waiverId: w.revoked.id }, NOW - 4 * DAY_MS + 3_600_000);
  revokeWaiver(db, officer, actor(officer), ALL, { waiverId: w.revoked.id, note: "The machine is being replaced." }, NOW - DAY_MS);
  // Approved yesterday, lapsing later today: inside today's period, but not expired yet.
  const endOfToday = Date.parse(`${dayOf(NOW)}T00:00:00Z`) + DAY_MS;
  const [e] = freeFindings(1, "JUS-PRIS-NORTH");
  w.laterToday = waive(e!, NOW - DAY_MS, NOW + Math.max(1, Math.floor((endOfToday - NOW) / 2)));
  approveWaiver(db, admin, actor(admin), ALL, { ...decide, waiverId: w.laterToday.id }, NOW - DAY_MS + 3_600_000);
}, 240_000);

afterAll(() => t.cleanup());

/** Every item of one change list (walking its cursor). */
function listAll(scope: Scope, kind: ChangeKind, period: { from?: string; to?: string } = {}, now = NOW) {
  const items = [];
  let after: string | undefined;
  for (let guard = 0; guard < 50; guard++) {
    const page = listChanges(db, scope, { ...period, kind, after, limit: 2 }, now);
    items.push(...page.items);
    if (!page.next) return { items, total: page.total };
    after = page.next;
  }
  throw new Error("did not end");
}

describe("waivers granted and expired", () => {
  it("the last 7 days: granted lists the waiver approved three days ago, expired the one that lapsed two days ago; rejected and revoked in neither", () => {
    const counts = getChanges(db, ALL, {}, NOW).counts;
    const granted = listAll(ALL, "granted");
    const expired = listAll(ALL, "expired");
    const ids = (l: typeof granted) => l.items.map((i) => i.id);
    expect(ids(granted)).toContain(w.granted.id);
    expect(ids(expired)).toEqual(expect.arrayContaining([w.lapsed.id]));
    for (const x of [w.lapsed, w.rejected, w.revoked]) expect(ids(granted)).not.toContain(x.id);
    for (const x of [w.granted, w.rejected, w.revoked]) expect(ids(expired)).not.toContain(x.id);
    // The tile counts its list, and both equal the waivers table read directly.
    const period = getChanges(db, ALL, {}, NOW).period;
    expect(granted.total).toBe(granted.items.length);
    expect(counts.granted).toBe(granted.total);
    expect(granted.total).toBe(n("select count(*) as n from waivers where status = 'approved' and decided_at >= ? and decided_at < ?", period.fromMs, period.toMs));
    expect(counts.expired).toBe(expired.total);
    expect(expired.total).toBe(expired.items.length);
    expect(expired.total).toBe(n("select count(*) as n from waivers where status = 'approved' and expires_at >= ? and expires_at < ? and expires_at <= ?", period.fromMs, period.toMs, NOW));
    // What a row shows: the machine, who approved, when it lapses.
    const g = granted.items.find((i) => i.id === w.granted.id)!;
    expect(g).toMatchObject({ hostname: w.granted.hostname, agencyCode: "FIN-TAX", decidedBy: admin.name, expiresAt: w.granted.expiresAt, at: NOW - 3 * DAY_MS + 3_600_000 });
    const e = expired.items.find((i) => i.id === w.lapsed.id)!;
    expect(e).toMatchObject({ hostname: w.lapsed.hostname, agencyCode: "FIN-TAX", decidedBy: admin.name, at: w.lapsed.expiresAt });
    // Newest first.
    expect(granted.items.map((i) => i.at)).toEqual([...granted.items.map((i) => i.at)].sort((x, y) => y - x));
  });

  it("another period: the waiver approved ten days ago is granted in it although it lapsed since; nothing expires before it is approved", () => {
    const period = { from: addDays(dayOf(NOW), -12), to: addDays(dayOf(NOW), -8) };
    const granted = listAll(ALL, "granted", period).items.map((i) => i.id);
    expect(granted).toContain(w.lapsed.id);
    expect(granted).not.toContain(w.granted.id);
    expect(listAll(ALL, "expired", period).items.map((i) => i.id)).not.toContain(w.lapsed.id);
  });

  it("an expiry still to come is not expired, even later today inside the chosen period; once passed it is", () => {
    const period = { from: addDays(dayOf(NOW), -30), to: dayOf(NOW) };
    const expired = listAll(ALL, "expired", period).items.map((i) => i.id);
    expect(expired).toContain(w.lapsed.id);
    expect(expired).not.toContain(w.granted.id);
    expect(expired).not.toContain(w.laterToday.id);
    expect(getChanges(db, ALL, period, NOW).counts.expired).toBe(expired.length);
    const after = w.laterToday.expiresAt;
    expect(listAll(ALL, "expired", period, after).items.map((i) => i.id)).toContain(w.laterToday.id);
    expect(getChanges(db, ALL, period, after).counts.expired).toBe(expired.length + 1);
  });

  it("an agency officer sees only its own agencies' waivers, counted the same way", () => {
    const ids = new Set((prisons as { ids: number[] }).ids);
    const codes = new Set(all<{ code: string }>(`select code from agencies where id in ${inList([...ids])}`).map((r) => r.code));
    for (const kind of ["granted", "expired"] as const) {
      const l = listAll(prisons, kind);
      expect(
        l.items.every((i) => codes.has(i.agencyCode)),
        kind,
      ).toBe(true);
      expect(l.items.map((i) => i.id)).not.toContain(w.granted.id);
      expect(l.items.map((i) => i.id)).not.toContain(w.lapsed.id);
      expect(getChanges(db, prisons, {}, NOW).counts[kind]).toBe(l.total);
    }
  });
});

/** Needs action and open findings of a subtree, straight from the findings table. */
const openNow = (code: string) => {
  const ids = inList(subtree(code));
  return {
    needsAction: n(`select count(distinct endpoint_id) as n from findings where status = 'open' and agency_id in ${ids}`),
    open: n(`select count(*) as n from findings where status = 'open' and agency_id in ${ids}`),
  };
};

/** The same at the end of `day`: each agency's last daily row on or before it, summed over the subtree. */
const levelsAt = (code: string, day: string) => {
  const rows = all<{ banned: number; remnants: number; stale_banned: number; open_findings: number }>(
    `select d.banned, d.remnants, d.stale_banned, d.open_findings from agency_daily d
     where d.agency_id in ${inList(subtree(code))} and d.day = (select max(day) from agency_daily x where x.agency_id = d.agency_id and x.day <= ?)`,
    day,
  );
  return {
    needsAction: rows.reduce((s, r) => s + r.banned + r.remnants + r.stale_banned, 0),
    open: rows.reduce((s, r) => s + r.open_findings, 0),
  };
};

describe("the change per agency", () => {
  it("since the period began: every agency's figure now and at the end of the day before, its sub-agencies included", () => {
    for (const period of [{}, { from: addDays(dayOf(NOW), -14), to: addDays(dayOf(NOW), -3) }]) {
      const c = getChanges(db, ALL, period, NOW);
      expect(c.byAgency.map((a) => a.code).sort()).toEqual(all<{ code: string }>("select code from agencies order by code").map((r) => r.code));
      const dayBefore = addDays(c.period.from, -1);
      let moved = 0;
      for (const a of c.byAgency) {
        const now = openNow(a.code);
        const before = levelsAt(a.code, dayBefore);
        expect({ code: a.code, now: a.needsActionNow, before: a.needsActionBefore, openNow: a.openNow, openBefore: a.openBefore }).toEqual({
          code: a.code,
          now: now.needsAction,
          before: before.needsAction,
          openNow: now.open,
          openBefore: before.open,
        });
        if (a.needsActionBefore !== a.needsActionNow) moved++;
      }
      expect(moved, "the seed's removals change some agency's figure within the period").toBeGreaterThan(0);
    }
  });

  it("since the previous published report of the viewer's scope: its frozen figures, not today's", () => {
    const first = getChanges(db, ALL, {}, NOW);
    expect(first.previousReport).toBeNull();
    expect(first.byAgency.every((a) => a.openAtReport === null)).toBe(true);

    const today = dayOf(NOW);
    const report = publishReport(db, officer, ALL, actor(officer), { agencyId: null, asOf: today }, NOW);
    const atReport = new Map(first.byAgency.map((a) => [a.code, a.openNow]));
    // After publication a further waiver takes one finding of FIN-TAX out of the open ones.
    const [next] = freeFindings(1);
    const later = waive(next!, NOW + 1000, NOW + 20 * DAY_MS);
    approveWaiver(db, admin, actor(admin), ALL, { ...decide, waiverId: later.id }, NOW + 2000);

    const c = getChanges(db, ALL, {}, NOW + 3000);
    expect(c.previousReport).toEqual({ id: report.id, asOf: today });
    for (const a of c.byAgency) {
      expect({ code: a.code, atReport: a.openAtReport }).toEqual({ code: a.code, atReport: atReport.get(a.code) });
      const moved = ["FIN-TAX", "MIN-FIN"].includes(a.code) ? -1 : 0;
      expect({ code: a.code, change: a.openNow - a.openAtReport! }).toEqual({ code: a.code, change: moved });
    }
    // A period that ended before the report was published compares with no report.
    expect(getChanges(db, ALL, { from: addDays(today, -7), to: addDays(today, -1) }, NOW).previousReport).toBeNull();

    // An agency's view compares with that agency's own reports, never the deployment-wide one.
    expect(getChanges(db, prisons, {}, NOW).previousReport).toBeNull();
    expect(getChanges(db, ALL, { agency: "JUS-PRIS" }, NOW).previousReport).toBeNull();
    const prisId = n("select id as n from agencies where code = 'JUS-PRIS'");
    const own = publishReport(db, officer, ALL, actor(officer), { agencyId: prisId, asOf: today }, NOW + 4000);
    for (const view of [getChanges(db, prisons, {}, NOW + 5000), getChanges(db, ALL, { agency: "JUS-PRIS" }, NOW + 5000)]) {
      expect(view.previousReport).toEqual({ id: own.id, asOf: today });
      expect(view.byAgency.map((a) => a.code).sort()).toEqual(["JUS-PRIS", "JUS-PRIS-NORTH"]);
      for (const a of view.byAgency) expect(a.openAtReport, a.code).toBe(openNow(a.code).open);
    }
  });
});
