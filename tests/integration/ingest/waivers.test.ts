// The waiver workflow through the real tRPC procedures (role gates included): request by an
// officer-level role, approval only by an administrator or officer other than the requester,
// rejection, revocation, expiry (maintenance), scope, audit, and the finding/endpoint following.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "~/server/access/scope";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { checkCounters, readCounters } from "~/server/findings/counters";
import { WAIVER_IN_FORCE } from "~/server/findings/evaluate";
import { runMaintenance } from "~/server/maintenance/run";
import { runPendingReevaluationAsync } from "~/server/reevaluation/reevaluate";
import { createCallerFactory, router } from "~/server/trpc/init";
import { endpointsAdminRouter } from "~/server/trpc/routers/endpoints-admin";
import { findingsRouter } from "~/server/trpc/routers/findings";
import { policiesRouter } from "~/server/trpc/routers/policies";
import { createUser } from "~/server/users/service";
import { testEngine } from "../../support/db";
import { activate, DAY, E, endpoint, enroll, findings, freshDb, makeAgency, makeToken, report, send, T0, type TestDb } from "./helpers";

const testRouter = router({ findings: findingsRouter, policies: policiesRouter, endpointsAdmin: endpointsAdminRouter });
const createCaller = createCallerFactory(testRouter);

let t: TestDb;
let users: Record<"admin" | "officer" | "officer2" | "agencyOfficer" | "otherAgencyOfficer" | "auditor", Viewer>;
let findingId: number;
let endpointId: number;
let agencyCode: string;

const as = (v: Viewer) => createCaller({ db: t.db, viewer: v, ip: "10.0.0.1" });

beforeEach(async () => {
  t = freshDb();
  const agency = makeAgency(t.db);
  const other = makeAgency(t.db);
  agencyCode = agency.code;
  const mk = async (email: string, role: Viewer["role"], agencyCode?: string): Promise<Viewer> => {
    const { user } = await createUser(t.db, SYSTEM_ACTOR, { email, name: email, role, agencyCode: agencyCode ?? null, password: "a-long-enough-password-1" });
    return { id: user.id, email: user.email, name: user.name, role: user.role, agencyId: user.agencyId };
  };
  users = {
    admin: await mk("admin@x.gov", "admin"),
    officer: await mk("officer@x.gov", "officer"),
    officer2: await mk("officer2@x.gov", "officer"),
    agencyOfficer: await mk("ao@x.gov", "agency_officer", agency.code),
    otherAgencyOfficer: await mk("other@x.gov", "agency_officer", other.code),
    auditor: await mk("auditor@x.gov", "auditor"),
  };
  await activate(t.db, "us-bod-17-01");
  const dev = enroll(t.db, makeToken(t.db, agency.id));
  send(t.db, dev, report(dev, [E.keslPkg()]), T0);
  endpointId = dev.endpointId;
  findingId = findings(t.db, endpointId)[0]!.id;
});
afterEach(() => {
  try {
    expect(checkCounters(t.db)).toEqual([]);
  } finally {
    t.close();
  }
});

const justification = "Air-gapped lab machine; replacement scheduled with the vendor in Q3.";

/** What every request states besides the justification (and the reason to outlast the deadline). */
const GOVERNED = { compensatingControls: "Isolated network segment, traffic monitored.", extensionReason: "The replacement is scheduled after the removal deadline." };

describe("waivers", () => {
  it("an approved waiver excepts the finding until it expires; then maintenance reopens it", async () => {
    const now = Date.now();
    const w = await as(users.agencyOfficer).findings.requestWaiver({ findingId, justification, expiresAt: now + 30 * DAY, ...GOVERNED });
    expect(w.status).toBe("pending");
    expect(findings(t.db, endpointId)[0]!.status).toBe("open"); // pending covers nothing

    // Not by the requester, not by an agency officer or auditor.
    await expect(as(users.agencyOfficer).findings.approveWaiver({ waiverId: w.id, note: "Approved after review" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as(users.auditor).findings.approveWaiver({ waiverId: w.id, note: "Approved after review" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const approved = await as(users.officer).findings.approveWaiver({ waiverId: w.id, note: "ok for one month" });
    expect(approved).toMatchObject({ status: "approved", decidedBy: users.officer.id });
    expect(findings(t.db, endpointId)[0]).toMatchObject({ status: "excepted", waiver_id: w.id });
    expect(endpoint(t.db, endpointId).state).toBe("excepted");
    expect(readCounters(t.db).values().next().value).toMatchObject({ excepted: 1, banned: 0, exceptedFindings: 1, openFindings: 0 });

    // A check-in while the waiver holds keeps it excepted; a day after expiry maintenance reopens it.
    // The endpoint reported at T0 and the waiver runs on the real clock: the endpoint must not turn
    // stale meanwhile, however far today is from T0 (with a fixed 365 days it did from 2026-12-05).
    const notStale = { staleDays: Math.ceil((now + 31 * DAY - T0) / DAY) + 1 };
    runMaintenance(t.db, now + 10 * DAY, notStale);
    expect(findings(t.db, endpointId)[0]!.status).toBe("excepted");
    runMaintenance(t.db, now + 31 * DAY, notStale);
    expect(findings(t.db, endpointId)[0]).toMatchObject({ status: "open", waiver_id: null });
    expect(endpoint(t.db, endpointId).state).toBe("banned");
    const listed = await as(users.admin).findings.waivers({});
    expect(listed[0]!.effectiveStatus).toBe("approved"); // not expired yet in real time
    const actions = t.db.$client.prepare("select action, actor from audit_log where action like 'waiver.%' order by id").all();
    expect(actions).toEqual([
      { action: "waiver.request", actor: "ao@x.gov" },
      { action: "waiver.approve", actor: "officer@x.gov" },
    ]);
  });

  it("an officer cannot approve their own request; another officer can; revocation reopens the finding", async () => {
    const w = await as(users.officer).findings.requestWaiver({ findingId, justification, expiresAt: Date.now() + DAY, ...GOVERNED });
    await expect(as(users.officer).findings.approveWaiver({ waiverId: w.id, note: "Approved after review" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await as(users.officer2).findings.approveWaiver({ waiverId: w.id, note: "Approved after review" });
    expect(endpoint(t.db, endpointId).state).toBe("excepted");
    await expect(as(users.auditor).findings.revokeWaiver({ waiverId: w.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await as(users.agencyOfficer).findings.revokeWaiver({ waiverId: w.id, note: "machine back on the network" });
    expect(findings(t.db, endpointId)[0]!.status).toBe("open");
    expect(endpoint(t.db, endpointId).state).toBe("banned");
    await expect(as(users.admin).findings.revokeWaiver({ waiverId: w.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("rejection leaves the finding open; a decided waiver cannot be decided again", async () => {
    const w = await as(users.agencyOfficer).findings.requestWaiver({ findingId, justification, expiresAt: Date.now() + DAY, ...GOVERNED });
    await expect(as(users.agencyOfficer).findings.requestWaiver({ findingId, justification, expiresAt: Date.now() + DAY, ...GOVERNED })).rejects.toMatchObject({ code: "CONFLICT" });
    await as(users.admin).findings.rejectWaiver({ waiverId: w.id, note: "remove it" });
    expect(findings(t.db, endpointId)[0]!.status).toBe("open");
    await expect(as(users.officer).findings.approveWaiver({ waiverId: w.id, note: "Approved after review" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("validates requests and enforces roles and scope", async () => {
    const later = Date.now() + DAY;
    await expect(as(users.auditor).findings.requestWaiver({ findingId, justification, expiresAt: later, ...GOVERNED })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as(users.otherAgencyOfficer).findings.requestWaiver({ findingId, justification, expiresAt: later, ...GOVERNED })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as(users.officer).findings.requestWaiver({ findingId, justification: "too short", expiresAt: later, ...GOVERNED })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(as(users.officer).findings.requestWaiver({ findingId, justification, expiresAt: Date.now() - 1000, ...GOVERNED })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(as(users.officer).findings.requestWaiver({ findingId, justification, expiresAt: Date.now() + 400 * DAY, ...GOVERNED })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await as(users.otherAgencyOfficer).findings.waivers({})).toEqual([]);
    await expect(as(users.otherAgencyOfficer).findings.forEndpoint({ endpointId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const mine = await as(users.agencyOfficer).findings.forEndpoint({ endpointId });
    expect(mine.map((f) => f.product)).toEqual(["kaspersky-endpoint-security"]);
    expect(t.db.$client.prepare("select count(*) as n from waivers").get()).toEqual({ n: 0 });
  });

  it("governed: compensating controls and a decision note are required; beyond the agency's deadline a reason is", async () => {
    const later = Date.now() + 10 * DAY;
    // No compensating controls: refused, field named.
    await expect(as(users.officer).findings.requestWaiver({ findingId, justification, expiresAt: later, compensatingControls: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // The agency's deadline: a waiver lasting longer needs a reason.
    const deadline = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10);
    t.db.$client.prepare("update agencies set deadline = ? where code = ?").run(deadline, agencyCode);
    const ask = { findingId, justification, compensatingControls: "Isolated VLAN, monitored by the SOC." };
    await expect(as(users.officer).findings.requestWaiver({ ...ask, expiresAt: later })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining(`deadline (${deadline})`),
    });
    const w = await as(users.officer).findings.requestWaiver({ ...ask, expiresAt: later, extensionReason: "Vendor delivers the replacement analyser after the deadline." });
    const stored = t.db.$client.prepare("select compensating_controls as c, extension_reason as x from waivers where id = ?").get(w.id);
    expect(stored).toEqual({ c: "Isolated VLAN, monitored by the SOC.", x: "Vendor delivers the replacement analyser after the deadline." });
    // Deciding without a note is refused; the approver is recorded with the note.
    await expect(as(users.officer2).findings.approveWaiver({ waiverId: w.id, note: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const approved = await as(users.officer2).findings.approveWaiver({ waiverId: w.id, note: "Accepted until the analyser ships" });
    expect(approved).toMatchObject({ status: "approved", decidedBy: users.officer2.id, decisionNote: "Accepted until the analyser ships" });
    // Within the deadline no reason is needed (and none is stored).
    t.db.$client.prepare("update agencies set deadline = ? where code = ?").run(new Date(Date.now() + 60 * DAY).toISOString().slice(0, 10), agencyCode);
    await as(users.officer).findings.revokeWaiver({ waiverId: w.id, note: "Analyser shipped" });
    const w2 = await as(users.officer).findings.requestWaiver({ ...ask, expiresAt: later, extensionReason: "Not needed within the deadline at all." });
    expect(t.db.$client.prepare("select extension_reason as x from waivers where id = ?").get(w2.id)).toEqual({ x: null });
  });

  it("one request covers every banned product of a machine and is decided as one", async () => {
    const dev = enroll(t.db, makeToken(t.db, t.db.$client.prepare("select id from agencies where code = ?").pluck().get(agencyCode) as number));
    send(t.db, dev, report(dev, [E.keslPkg(), E.klnagentPkg()]), T0);
    const open = findings(t.db, dev.endpointId).filter((f) => f.status === "open");
    expect(open.length).toBe(2);
    const r = await as(users.agencyOfficer).findings.requestWaiver({ endpointId: dev.endpointId, justification, expiresAt: Date.now() + 10 * DAY, ...GOVERNED });
    expect(r.waiverIds).toHaveLength(2);
    expect(t.db.$client.prepare("select count(distinct request_id) as n, count(*) as w from waivers where endpoint_id = ?").get(dev.endpointId)).toEqual({ n: 1, w: 2 });
    // Naming both a finding and an endpoint, or neither, is refused.
    await expect(as(users.officer).findings.requestWaiver({ justification, expiresAt: Date.now() + DAY, ...GOVERNED })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const decided = await as(users.officer).findings.approveWaiver({ waiverId: r.waiverIds[1]!, note: "Both products stay on the lab machine" });
    expect(decided.decided).toBe(2);
    expect(findings(t.db, dev.endpointId).map((f) => f.status)).toEqual(["excepted", "excepted"]);
    expect(endpoint(t.db, dev.endpointId).state).toBe("excepted");
    expect(t.db.$client.prepare("select count(*) as n from audit_log where action = 'waiver.approve'").get()).toEqual({ n: 2 });
  });

  it("policies are changed by administrators only; endpoints are revoked by officers in scope", async () => {
    const bod = (await as(users.auditor).policies.list()).find((p) => p.slug === "us-bod-17-01")!;
    expect(bod).toMatchObject({ active: true, endpointsInScope: 1 });
    await expect(as(users.officer).policies.setActive({ policyId: bod.id, active: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as(users.officer).policies.previewChange({ policyId: bod.id, active: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await as(users.admin).policies.previewChange({ policyId: bod.id, active: false })).toMatchObject({ endpointsAffected: 1 });
    // Answered once committed; the endpoint is re-evaluated in the background.
    const r = await as(users.admin).policies.setActive({ policyId: bod.id, active: false });
    expect(r).toMatchObject({ changed: true, endpointsAffected: 1, reevaluating: true });
    await runPendingReevaluationAsync(t.db);
    expect(await as(users.auditor).policies.reevaluation()).toMatchObject({ pending: false, running: false });
    expect(findings(t.db, endpointId)[0]!.status).toBe("withdrawn");

    await expect(as(users.otherAgencyOfficer).endpointsAdmin.revoke({ endpointId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as(users.auditor).endpointsAdmin.revoke({ endpointId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await as(users.agencyOfficer).endpointsAdmin.revoke({ endpointId })).toMatchObject({ changed: true });
    expect(endpoint(t.db, endpointId).revoked_at).not.toBeNull();
    expect(agencyCode).toBeTruthy();
  });
});

describe("waiver look-ups at scale", () => {
  // SQLite's planner and its index hint only: PostgreSQL has no `indexed by` (pg-compat drops it)
  // and no `explain query plan`; its cost-based planner picks the index from the table's statistics.
  it.skipIf(testEngine() === "postgres")("a finding's waiver in force is read through its finding, not by scanning every waiver in force", () => {
    // Without the index hint SQLite chose the (status, expires_at) index: a check-in or a
    // re-evaluation then read all of a national fleet's thousands of waivers for each finding.
    const db = freshDb().db;
    const plan = (sql: string) => (db.$client.prepare(`explain query plan ${sql}`).all(1, 0) as { detail: string }[]).map((r) => r.detail).join("; ");
    expect(plan(WAIVER_IN_FORCE)).toContain("USING INDEX waivers_finding_idx (finding_id=?)");
  });
});
