// Policies in force decide what is a finding: seeding, activation and deactivation (admin only,
// audited, previewed), re-evaluation of the endpoints they affect, and scopes limited to some
// categories (the Dutch 2018 letter covers antivirus only).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { checkCounters, readCounters } from "~/server/findings/counters";
import { listPolicies, previewPolicyChange, getPolicy } from "~/server/policy/service";
import { countEndpointsWith, inScope, softwareIdsWhere } from "~/server/policy/reach";
import type { SoftwareEntry } from "~/agent/shared/protocol";
import { setPolicyActive } from "~/server/reevaluation/policy-change";
import { isReevaluating, runPendingReevaluationAsync } from "~/server/reevaluation/reevaluate";
import { reevaluationStatus } from "~/server/reevaluation/progress";
import { seedPolicies, SEED_POLICIES } from "~/server/policy/seed";
import { activate, DAY, E, endpoint, enroll, findings, freshDb, HOUR, makeAgency, makeToken, report, send, T0, type TestDb } from "./helpers";

let t: TestDb;
let token: string;
let agencyId: number;
beforeEach(() => {
  t = freshDb();
  agencyId = makeAgency(t.db).id;
  token = makeToken(t.db, agencyId);
});
afterEach(() => {
  try {
    expect(checkCounters(t.db)).toEqual([]);
  } finally {
    t.close();
  }
});

describe("seed policies", () => {
  it("seeds the real measures, none active, and re-seeding never touches `active`", async () => {
    const slugs = listPolicies(t.db).map((p) => p.slug);
    expect(slugs).toEqual(
      expect.arrayContaining([
        "us-bod-17-01",
        "us-ndaa-fy2018-1634",
        "nl-2018-kaspersky-antivirus",
        "uk-ncsc-2017",
        "de-bsi-2022",
        "it-dl-21-2022-art-29",
        "lt-2017-kaspersky",
        "ua-decree-133-2017",
        "us-bis-icts-2024",
      ]),
    );
    expect(listPolicies(t.db).every((p) => !p.active)).toBe(true);
    expect(getPolicy(t.db, "ua-decree-133-2017").vendors).toEqual(["kaspersky", "drweb"]);
    expect(getPolicy(t.db, "nl-2018-kaspersky-antivirus").categories).toEqual(["antivirus"]);
    expect(getPolicy(t.db, "uk-ncsc-2017").status).toBe("advisory");
    await activate(t.db, "us-bod-17-01");
    seedPolicies(t.db);
    expect(getPolicy(t.db, "us-bod-17-01").active).toBe(true);
    expect(listPolicies(t.db).length).toBe(SEED_POLICIES.length);
  });
});

describe("activation and re-evaluation", () => {
  it("activating opens findings on affected endpoints, deactivating withdraws them; both audited with counts", async () => {
    const a = enroll(t.db, token);
    const b = enroll(t.db, token);
    const c = enroll(t.db, token);
    send(t.db, a, report(a, [E.keslPkg()]), T0);
    send(t.db, b, report(b, [E.keslPkg(), E.clamav()]), T0);
    send(t.db, c, report(c, [E.clamav()]), T0);
    expect([a, b, c].map((d) => endpoint(t.db, d.endpointId).state)).toEqual(["clean", "clean", "clean"]);

    const bod = getPolicy(t.db, "us-bod-17-01");
    expect(previewPolicyChange(t.db, bod.id, true)).toMatchObject({ endpointsInScope: 2, endpointsAffected: 2 });
    const r = await setPolicyActive(t.db, SYSTEM_ACTOR, { policyId: bod.id, active: true }, { now: T0 + HOUR });
    expect(r).toMatchObject({ changed: true, endpointsAffected: 2 });
    expect(r.reevaluation!.endpoints).toBe(2); // only endpoints that can be affected are visited
    expect(endpoint(t.db, a.endpointId).state).toBe("banned");
    expect(endpoint(t.db, b.endpointId).state).toBe("banned");
    expect(endpoint(t.db, c.endpointId).state).toBe("clean");
    expect(findings(t.db, a.endpointId)[0]).toMatchObject({ status: "open", policy_ids: JSON.stringify([bod.id]) });
    expect(readCounters(t.db).get(agencyId)).toMatchObject({ banned: 2, clean: 1, openFindings: 2 });

    // A second policy covering the same product: nothing more is affected; ids accumulate.
    const ndaa = getPolicy(t.db, "us-ndaa-fy2018-1634");
    expect(previewPolicyChange(t.db, ndaa.id, true).endpointsAffected).toBe(0);
    await activate(t.db, ndaa.slug, T0 + 2 * HOUR);
    expect(findings(t.db, a.endpointId)[0]!.policy_ids).toBe(JSON.stringify([bod.id, ndaa.id].sort((x, y) => x - y)));
    // Withdrawing one of the two changes no status.
    await activate(t.db, bod.slug, T0 + 3 * HOUR, false);
    expect(findings(t.db, a.endpointId)[0]).toMatchObject({ status: "open", policy_ids: JSON.stringify([ndaa.id]) });
    // Withdrawing the last one withdraws the findings; b is protected by ClamAV, a is not.
    expect(previewPolicyChange(t.db, ndaa.id, false).endpointsAffected).toBe(2);
    await activate(t.db, ndaa.slug, T0 + 4 * HOUR, false);
    expect(findings(t.db, a.endpointId)[0]).toMatchObject({ status: "withdrawn" });
    expect(endpoint(t.db, a.endpointId).state).toBe("clean"); // Kaspersky protects again once no policy bans it
    expect(readCounters(t.db).get(agencyId)).toMatchObject({ banned: 0, openFindings: 0 });

    // Re-activating brings the same findings back (not new ones, not reinstalls).
    await activate(t.db, bod.slug, T0 + 5 * HOUR);
    const f = findings(t.db, a.endpointId);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ status: "open", reopen_count: 0 });

    const audit = t.db.$client.prepare("select action, details from audit_log where action like 'policy.%' order by id").all() as { action: string; details: string }[];
    expect(audit.map((x) => x.action)).toEqual(["policy.activate", "policy.activate", "policy.deactivate", "policy.deactivate", "policy.activate"]);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ slug: "us-bod-17-01", before: { active: false }, after: { active: true }, endpointsAffected: 2 });
    expect(JSON.parse(audit[3]!.details)).toMatchObject({ endpointsAffected: 2 });
  });

  it("setting the state a policy already has changes nothing and is not audited", async () => {
    const r = await activate(t.db, "us-bod-17-01", T0, false);
    expect(r.changed).toBe(false);
    expect(t.db.$client.prepare("select count(*) as n from audit_log where action like 'policy.%'").get()).toEqual({ n: 0 });
  });

  it("the Dutch antivirus-only scope: Kaspersky Network Agent is not a finding, the antivirus and its engine's remnants are", async () => {
    await activate(t.db, "nl-2018-kaspersky-antivirus");
    const agentOnly = enroll(t.db, token, { platform: "windows" });
    send(t.db, agentOnly, report(agentOnly, [E.klnagentWin(), E.defenderWsc(true)]), T0);
    expect(findings(t.db, agentOnly.endpointId)).toEqual([]);
    expect(endpoint(t.db, agentOnly.endpointId).state).toBe("clean");

    const kes = enroll(t.db, token, { platform: "windows" });
    send(t.db, kes, report(kes, [E.kesWin(), E.kesWsc(), E.klif(), E.klnagentWin()]), T0);
    expect(findings(t.db, kes.endpointId).map((f) => `${f.product}:${f.status}`)).toEqual(["kaspersky-endpoint-security:open"]);
    send(t.db, kes, report(kes, [E.klif(), E.klnagentWin(), E.defenderWsc(true)]), T0 + HOUR);
    expect(findings(t.db, kes.endpointId).map((f) => `${f.product}:${f.status}:${f.presence}`)).toEqual(["kaspersky-components:open:remnants", "kaspersky-endpoint-security:resolved:absent"]);
    expect(endpoint(t.db, kes.endpointId).state).toBe("remnants");

    // The same machine under BOD 17-01 (every category): the Network Agent becomes a finding too.
    await activate(t.db, "us-bod-17-01", T0 + 2 * HOUR);
    expect(findings(t.db, kes.endpointId).map((f) => `${f.product}:${f.status}`)).toEqual(["kaspersky-components:open", "kaspersky-endpoint-security:resolved", "kaspersky-network-agent:open"]);
    expect(endpoint(t.db, kes.endpointId).state).toBe("banned");
    expect(findings(t.db, agentOnly.endpointId).map((f) => f.product)).toEqual(["kaspersky-network-agent"]);
  });

  it("a product removed under a policy, back while none is in force, reopens as a reinstall when one is", async () => {
    const dev = enroll(t.db, token);
    await activate(t.db, "us-bod-17-01");
    send(t.db, dev, report(dev, [E.keslPkg()]), T0 + HOUR);
    send(t.db, dev, report(dev, [E.clamav()]), T0 + 2 * HOUR);
    expect(findings(t.db, dev.endpointId)[0]).toMatchObject({ status: "resolved", presence: "absent" });
    await activate(t.db, "us-bod-17-01", T0 + 3 * HOUR, false);
    send(t.db, dev, report(dev, [E.clamav(), E.keslPkg()]), T0 + 4 * HOUR);
    expect(findings(t.db, dev.endpointId)[0]).toMatchObject({ status: "resolved", presence: "absent", reopen_count: 0 });
    expect(endpoint(t.db, dev.endpointId).state).toBe("clean");
    await activate(t.db, "us-bod-17-01", T0 + 5 * HOUR);
    expect(findings(t.db, dev.endpointId)[0]).toMatchObject({ status: "open", presence: "installed", reopen_count: 1 });
    expect(endpoint(t.db, dev.endpointId).state).toBe("banned");
  });

  it("Ukraine's decree covers Dr.Web as well", async () => {
    const dev = enroll(t.db, token);
    send(t.db, dev, report(dev, [E.drwebLinux()]), T0);
    await activate(t.db, "us-bod-17-01");
    expect(findings(t.db, dev.endpointId)).toEqual([]);
    await activate(t.db, "ua-decree-133-2017", T0 + HOUR);
    expect(findings(t.db, dev.endpointId).map((f) => `${f.vendor}:${f.status}`)).toEqual(["drweb:open"]);
  });

  it("a stale endpoint stays stale when re-evaluated, but its findings follow the policy", async () => {
    const dev = enroll(t.db, token);
    const never = enroll(t.db, token);
    send(t.db, dev, report(dev, [E.keslPkg()]), T0);
    t.db.$client.prepare("update endpoints set state = 'stale' where id = ?").run(dev.endpointId);
    t.db.$client.prepare("update agency_counts set clean = clean - 1, stale = stale + 1").run();
    t.db.$client.prepare("update agency_daily set clean = clean - 1, stale = stale + 1").run();
    await activate(t.db, "us-bod-17-01", T0 + HOUR);
    expect(endpoint(t.db, dev.endpointId).state).toBe("stale");
    expect(endpoint(t.db, never.endpointId).state).toBe("never-reported");
    expect(findings(t.db, dev.endpointId)[0]).toMatchObject({ status: "open" });
    // Its next check-in recomputes the state.
    send(t.db, dev, report(dev, [E.keslPkg()]), T0 + 2 * HOUR);
    expect(endpoint(t.db, dev.endpointId).state).toBe("banned");
  });
});

describe("the confirmation's counts", () => {
  it("equal a count of the endpoints carrying a product in scope, for every seeded policy, deployment-wide and in an agency (whole-vendor scopes come from the kept counts)", () => {
    const other = makeAgency(t.db).id;
    const otherToken = makeToken(t.db, other);
    const fleets: [string, SoftwareEntry[]][] = [
      [token, [E.keslPkg(), E.keslUnit()]],
      [token, [E.kesWin(), E.klif(), E.defenderWsc()]],
      [token, [E.drwebLinux()]],
      [otherToken, [E.klnagentPkg()]],
      [otherToken, [E.clamav(), E.mdatp()]],
      [otherToken, [E.keslPkg(), E.drwebLinux()]],
    ];
    for (const [tk, entries] of fleets) {
      const d = enroll(t.db, tk);
      send(t.db, d, report(d, entries), T0);
    }
    const direct = (ids: number[], agency: number | null) =>
      ids.length === 0
        ? 0
        : (
            t.db.$client
              .prepare(
                `select count(distinct o.endpoint_id) as n from observations o join endpoints e on e.id = o.endpoint_id where o.removed_at is null and o.software_id in (${ids.join(",")})${agency === null ? "" : ` and e.agency_id = ${agency}`}`,
              )
              .get() as { n: number }
          ).n;
    let wholeVendor = 0;
    for (const policy of listPolicies(t.db)) {
      const ids = softwareIdsWhere(t.db, inScope(policy));
      expect(previewPolicyChange(t.db, policy.id, !policy.active).endpointsInScope, policy.slug).toBe(direct(ids, null));
      for (const agency of [agencyId, other]) expect(countEndpointsWith(t.db, ids, agency), `${policy.slug} in agency ${agency}`).toBe(direct(ids, agency));
      if (policy.vendors.length === 1 && !policy.products.length && !policy.categories?.length) wholeVendor++;
    }
    expect(wholeVendor).toBeGreaterThan(0);
    expect(direct(softwareIdsWhere(t.db, inScope(getPolicy(t.db, "us-bod-17-01"))), null)).toBe(4);
  });
});

describe("re-evaluation after the answer (the server)", () => {
  it("a change is answered once committed; the pass then reports its progress, survives an interruption and clears when done", async () => {
    // 1,050 carriers: the first chunk (1,000 endpoints) runs before the answer, the rest after it.
    // Set up in one transaction: a commit each would be 2,100 WAL syncs on PostgreSQL.
    const devices = t.db.$client.transaction(() =>
      Array.from({ length: 1050 }, () => {
        const d = enroll(t.db, token);
        send(t.db, d, report(d, [E.keslPkg()]), T0);
        return d;
      }),
    )();
    const stop = new AbortController();
    const bod = getPolicy(t.db, "us-bod-17-01");
    const r = await setPolicyActive(t.db, SYSTEM_ACTOR, { policyId: bod.id, active: true }, { reevaluate: "background", signal: stop.signal });
    expect(r).toMatchObject({ changed: true, endpointsAffected: 1050, reevaluation: null, reevaluating: true });
    expect(getPolicy(t.db, bod.id).active).toBe(true);
    expect(reevaluationStatus(t.db)).toMatchObject({ pending: true, running: true, done: 1000, total: 1050 });
    expect(devices.filter((d) => endpoint(t.db, d.endpointId).state === "banned")).toHaveLength(1000);

    // The server stops between chunks: the marker and the progress stay; a minute later the pass
    // no longer counts as running, and the next one (maintenance, next start) finishes the job.
    stop.abort();
    await runPendingReevaluationAsync(t.db, stop.signal);
    expect(reevaluationStatus(t.db)).toMatchObject({ pending: true, running: true, done: 1000, total: 1050 });
    expect(reevaluationStatus(t.db, Date.now() + 61_000)).toMatchObject({ pending: true, running: false });
    const rest = await runPendingReevaluationAsync(t.db);
    expect(rest.endpoints).toBe(1050); // evaluating an endpoint twice is harmless
    expect(reevaluationStatus(t.db)).toEqual({ pending: false, running: false, done: 0, total: 0, startedAt: null, updatedAt: null });
    expect(devices.every((d) => endpoint(t.db, d.endpointId).state === "banned")).toBe(true);
    expect(readCounters(t.db).get(agencyId)).toMatchObject({ banned: 1050, openFindings: 1050 });
  }, 180_000);
});

describe("re-evaluation after the answer with other work pending (several nodes)", () => {
  it("the server re-evaluates the change's endpoints and leaves the work already pending to the maintenance pass", async () => {
    const dev = enroll(t.db, token);
    send(t.db, dev, report(dev, [E.keslPkg()]), T0);
    // Work pending before the change (a catalog release): the maintenance lease's holder does it.
    t.db.$client.prepare("insert into settings (key, value) values ('reevaluation_pending', ?)").run(JSON.stringify({ all: true }));
    const bod = getPolicy(t.db, "us-bod-17-01");
    const r = await setPolicyActive(t.db, SYSTEM_ACTOR, { policyId: bod.id, active: true }, { reevaluate: "background" });
    expect(r).toMatchObject({ changed: true, reevaluating: true });
    await vi.waitFor(() => expect([endpoint(t.db, dev.endpointId).state, isReevaluating(t.db)]).toEqual(["banned", false]), { timeout: 10_000 });
    expect(reevaluationStatus(t.db).pending).toBe(true);
    const rest = await runPendingReevaluationAsync(t.db);
    expect(rest.endpoints).toBe(1);
    expect(reevaluationStatus(t.db).pending).toBe(false);
  });
});

describe("bulk re-evaluation", () => {
  it("bulk re-evaluation of many endpoints gives what evaluating them one by one gives", () => bulkMatchesOneByOne());

  // Observations are read packed into one number per row (store-endpoints.ts observationPacking);
  // ids too large for that are read endpoint by endpoint instead, with the same outcome.
  it("endpoint ids too large to pack: the bulk path reads observations one endpoint at a time, with the same outcome", async () => {
    const { isPostgres } = await import("~/server/db/client");
    const { observationPacking, relevantSoftwareIds } = await import("~/server/findings/store-endpoints");
    const start = 2 ** 50;
    if (isPostgres(t.db)) t.db.$client.prepare(`select setval(pg_get_serial_sequence('endpoints', 'id'), ${start})`).get();
    else t.db.$client.prepare(`insert into sqlite_sequence (name, seq) values ('endpoints', ${start})`).run();
    await bulkMatchesOneByOne();
    const ids = (t.db.$client.prepare("select id from endpoints").all() as { id: number }[]).map((r) => r.id);
    expect(Math.min(...ids)).toBeGreaterThan(start);
    expect(observationPacking(relevantSoftwareIds(t.db), Math.max(...ids))).toBeNull(); // so the fallback ran
  });

  async function bulkMatchesOneByOne() {
    const { evaluateStoredEndpoints } = await import("~/server/findings/stored");
    const { SYSTEM_ACTOR: actor } = await import("~/server/audit/log");
    const { createUser } = await import("~/server/users/service");
    const { requestWaiver, approveWaiver } = await import("~/server/findings/waivers");
    const { ALL } = await import("~/server/access/scope");
    const mixes = [[E.keslPkg()], [E.keslUnit(), E.clamav()], [E.klnagentPkg()], [E.clamav()], [E.keslPkg(), E.klnagentPkg(), E.mdatp()], [E.drwebLinux()], []];
    const devices = Array.from({ length: 140 }, (_, i) => {
      const d = enroll(t.db, token);
      if (i % 13 !== 12) send(t.db, d, report(d, mixes[i % mixes.length]!), T0); // some never report
      return d;
    });
    // Windows: protected only while Defender's Security Center registration says enabled.
    const windows = [true, false, true, false].map((enabled) => {
      const d = enroll(t.db, token, { platform: "windows" });
      send(t.db, d, report(d, [E.klnagentWin(), E.defenderWsc(enabled)]), T0);
      return { d, enabled };
    });
    // A value other than 0 or 1 in `enabled` (SQLite: no writer stores one) reads as not enabled, as one by one.
    const { isPostgres } = await import("~/server/db/client");
    if (!isPostgres(t.db)) t.db.$client.prepare("update observations set enabled = 5 where endpoint_id = ? and enabled = 0").run(windows[1]!.d.endpointId);
    await activate(t.db, "nl-2018-kaspersky-antivirus", T0 + HOUR);
    // A waiver in force on one finding must survive the bulk path.
    const { user: req } = await createUser(t.db, actor, { email: "r@x.gov", name: "r", role: "officer", password: "a-long-enough-password-1" });
    const { user: app } = await createUser(t.db, actor, { email: "a@x.gov", name: "a", role: "admin", password: "a-long-enough-password-1" });
    const waived = findings(t.db, devices[0]!.endpointId)[0]!;
    const w = requestWaiver(
      t.db,
      req,
      actor,
      ALL,
      {
        findingId: waived.id,
        justification: "Long enough justification text.",
        expiresAt: T0 + DAY,
        compensatingControls: "Isolated network segment, traffic monitored.",
        extensionReason: "The replacement is scheduled after the removal deadline.",
      },
      T0 + HOUR,
    );
    approveWaiver(t.db, app, actor, ALL, { waiverId: w.id, note: "Approved after review" }, T0 + HOUR);

    const r = await activate(t.db, "us-bod-17-01", T0 + 2 * HOUR); // > 50 ids: the bulk path
    expect(r.reevaluation!.endpoints).toBeGreaterThan(50);
    const snapshot = () => JSON.stringify([t.db.$client.prepare("select id, state from endpoints order by id").all(), t.db.$client.prepare("select * from findings order by id").all()]);
    const bulk = snapshot();
    // Evaluating each endpoint alone (per-endpoint lookups) changes nothing.
    for (const d of devices) expect(evaluateStoredEndpoints(t.db, [d.endpointId], T0 + 2 * HOUR).changed).toBe(0);
    expect(snapshot()).toBe(bulk);
    expect(findings(t.db, devices[0]!.endpointId)[0]).toMatchObject({ status: "excepted", waiver_id: w.id });
    expect(endpoint(t.db, devices[2]!.endpointId).state).toBe("banned"); // Network Agent under BOD 17-01
    expect(endpoint(t.db, devices[12]!.endpointId).state).toBe("never-reported");
    for (const { d } of windows) expect(endpoint(t.db, d.endpointId).state).toBe("banned"); // Network Agent

    // Lifting the ban: the Network Agent no longer counts, and whether Defender protects decides.
    expect((await activate(t.db, "us-bod-17-01", T0 + 3 * HOUR, false)).reevaluation!.endpoints).toBeGreaterThan(50);
    for (const { d, enabled } of windows) expect(endpoint(t.db, d.endpointId).state).toBe(enabled ? "clean" : "unprotected");
    const lifted = snapshot();
    for (const d of [...devices, ...windows.map((w) => w.d)]) expect(evaluateStoredEndpoints(t.db, [d.endpointId], T0 + 3 * HOUR).changed).toBe(0);
    expect(snapshot()).toBe(lifted);
  }
});
