// Local policies through the real services on a real database: a ban on a vendor no built-in
// policy covers, limited to a ministry's subtree with its own deadline; the impact counted before
// it is put in force; the endpoints carrying the vendor banned by re-evaluation (only in the
// subtree); its text frozen once in force; a new version that replaces it atomically; reports
// citing the text in force, and a report published earlier keeping the old text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SoftwareEntry } from "~/agent/shared/protocol";
import { ALL, type Viewer } from "~/server/access/scope";
import { createAgency } from "~/server/agencies/service";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { agencyProgress } from "~/server/findings/progress";
import { MusterError } from "~/server/lib/errors";
import { createLocalPolicy, newPolicyVersion, policyText, updateLocalPolicy, type LocalPolicyInput } from "~/server/policy/local";
import { getPolicy, previewPolicyChange } from "~/server/policy/service";
import { setPolicyActive } from "~/server/reevaluation/policy-change";
import { reportText } from "~/server/reports/i18n";
import { buildMethod } from "~/server/reports/method";
import { citedPolicy } from "~/server/reports/method-text";
import { publishReport } from "~/server/reports/publish";
import { createUser } from "~/server/users/service";
import { enroll, endpoint, findings, freshDb, makeToken, report, send, T0, type TestDb } from "../ingest/helpers";

const ESET: SoftwareEntry[] = [
  { source: "windows-uninstall", name: "ESET Endpoint Antivirus", version: "11.0.2032.0", publisher: "ESET, spol. s r.o.", identifier: "{D2DE48A7-2F5A-4F6C-9F2C-0A8E3B7C1D11}" },
  { source: "windows-security-center", name: "ESET Endpoint Antivirus", identifier: "AntiVirusProduct", state: { enabled: true, upToDate: true } },
];

const code = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === "function" ? p() : p);
    return "OK";
  } catch (err) {
    return err instanceof MusterError ? err.kind : String(err);
  }
};

describe("local policies", () => {
  let t: TestDb;
  let admin: Viewer;
  const ids = { ministry: 0, agency: 0, other: 0 };
  const eps = { inside: 0, outside: 0 };
  beforeAll(async () => {
    t = freshDb();
    ids.ministry = createAgency(t.db, SYSTEM_ACTOR, { code: "MIN-EDU", name: "Ministry of Education" }).id;
    ids.agency = createAgency(t.db, SYSTEM_ACTOR, { code: "EDU-SCH", name: "Schools Agency", parentCode: "MIN-EDU" }).id;
    ids.other = createAgency(t.db, SYSTEM_ACTOR, { code: "MIN-AGR", name: "Ministry of Agriculture" }).id;
    for (const [k, agencyId] of [
      ["inside", ids.agency],
      ["outside", ids.other],
    ] as const) {
      const dev = enroll(t.db, makeToken(t.db, agencyId), { platform: "windows", now: T0 });
      send(t.db, dev, report(dev, ESET), T0 + 1000);
      eps[k] = dev.endpointId;
    }
    const u = await createUser(t.db, SYSTEM_ACTOR, { email: "admin@edu.test", name: "Admin", role: "admin", password: "admin-password-123456" });
    admin = { id: u.user.id, email: u.user.email, name: u.user.name, role: "admin", agencyId: null };
  });
  afterAll(() => t?.close());

  const text = (over: Partial<LocalPolicyInput> = {}): LocalPolicyInput => ({
    name: "Education ban on ESET",
    jurisdiction: "XX",
    legalReference: "Ministerial order EDU-2026-04",
    legalUrl: "https://example.gov/orders/edu-2026-04",
    summary: "Schools replace ESET products by the end of January 2027.",
    status: "banned",
    vendors: ["eset"],
    products: [],
    categories: null,
    effectiveDate: "2026-01-05",
    deadline: "2027-01-31",
    agencyId: ids.ministry,
    ...over,
  });

  it("bans the vendor in the subtree only, after showing the impact; its deadline applies there", async () => {
    expect(endpoint(t.db, eps.inside).state).toBe("clean");
    const p = createLocalPolicy(t.db, SYSTEM_ACTOR, text());
    expect(p).toMatchObject({ origin: "local", version: 1, active: false, agencyCode: "MIN-EDU", slug: "local-education-ban-on-eset" });
    expect(previewPolicyChange(t.db, p.id, true)).toMatchObject({ endpointsInScope: 1, endpointsAffected: 1 });

    // Never in force: it can still be edited (an invalid edit is refused with the field named).
    expect(await code(() => updateLocalPolicy(t.db, SYSTEM_ACTOR, p.id, text({ deadline: "2025-01-01" })))).toMatch(/deadline|ZodError/i);
    updateLocalPolicy(t.db, SYSTEM_ACTOR, p.id, text({ summary: "Schools replace ESET by 31 January 2027." }));

    await setPolicyActive(t.db, SYSTEM_ACTOR, { policyId: p.id, active: true }, { now: T0 + 2000 });
    expect(endpoint(t.db, eps.inside).state).toBe("banned");
    expect(findings(t.db, eps.inside).map((f) => [f.product, f.status])).toEqual([["eset-endpoint", "open"]]);
    expect(endpoint(t.db, eps.outside).state).toBe("clean");
    expect(findings(t.db, eps.outside)).toEqual([]);

    const rows = agencyProgress(t.db, ALL, T0 + 3000).rows;
    expect(rows.find((r) => r.id === ids.agency)).toMatchObject({ deadline: "2027-01-31", deadlineSource: "policy" });
    expect(rows.find((r) => r.id === ids.other)).toMatchObject({ deadline: null });
  });

  it("freezes the text once in force; built-in policies are read-only; changes come as a new version", async () => {
    const v1 = getPolicy(t.db, "local-education-ban-on-eset");
    expect(await code(() => updateLocalPolicy(t.db, SYSTEM_ACTOR, v1.id, text({ summary: "rewritten" })))).toBe("CONFLICT");
    expect(await code(() => updateLocalPolicy(t.db, SYSTEM_ACTOR, getPolicy(t.db, "us-bod-17-01").id, text()))).toBe("FORBIDDEN");
    expect(await code(() => newPolicyVersion(t.db, SYSTEM_ACTOR, getPolicy(t.db, "us-bod-17-01").id, text()))).toBe("FORBIDDEN");

    // A report published now cites version 1 and keeps citing it.
    const published = publishReport(t.db, admin, ALL, { userId: admin.id, label: admin.email }, { agencyId: null, asOf: "2026-01-05" }, T0 + 4000);
    const frozen = () => t.db.$client.prepare("select data from reports where id = ?").get(published.id) as { data: string };
    const v1Text = frozen().data;
    // Frozen as data (name, version, agency); the words around them are written in the reader's language.
    expect(v1Text).toContain('"agencyCode":"MIN-EDU"');
    expect(v1Text).toContain('"name":"Education ban on ESET"');
    expect(v1Text).toContain("Ministerial order EDU-2026-04");

    const v2 = newPolicyVersion(t.db, SYSTEM_ACTOR, v1.id, { ...policyText(v1), agencyId: null, legalReference: "Ministerial order EDU-2026-09 (replaces EDU-2026-04)" });
    expect(v2).toMatchObject({ version: 2, previousVersionId: v1.id, active: false, slug: "local-education-ban-on-eset-v2" });
    expect(await code(() => newPolicyVersion(t.db, SYSTEM_ACTOR, v1.id, policyText(v1)))).toBe("CONFLICT"); // one draft at a time

    const preview = previewPolicyChange(t.db, v2.id, true);
    expect(preview).toMatchObject({ endpointsInScope: 2, endpointsAffected: 2 });
    await setPolicyActive(t.db, SYSTEM_ACTOR, { policyId: v2.id, active: true }, { now: T0 + 5000 });
    expect(getPolicy(t.db, v1.id)).toMatchObject({ active: false });
    expect(getPolicy(t.db, v1.id).supersededAt).not.toBeNull();
    expect(endpoint(t.db, eps.outside).state).toBe("banned");
    expect(endpoint(t.db, eps.inside).state).toBe("banned");
    // Only one version in force at any time; the old one cannot come back.
    expect(t.db.$client.prepare("select count(*) as n from policies where origin = 'local' and active = true").get()).toEqual({ n: 1 });
    expect(await code(setPolicyActive(t.db, SYSTEM_ACTOR, { policyId: v1.id, active: true }))).toBe("CONFLICT");
    const audit = t.db.$client.prepare("select details from audit_log where action = 'policy.activate' order by id desc limit 1").get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ version: 2, replaced: { id: v1.id, version: 1 } });
    expect(
      t.db.$client
        .prepare("select action from audit_log where object_type = 'policy' order by id")
        .all()
        .map((r) => (r as { action: string }).action),
    ).toEqual(["policy.create", "policy.update", "policy.activate", "policy.version", "policy.activate"]);

    // The method section now cites version 2; the published report still says version 1.
    const method = buildMethod(t.db, { staleDays: 7 });
    expect(method.policies.map((p) => citedPolicy(p, reportText("en")))).toEqual([
      { name: "Education ban on ESET, version 2", legalReference: "Ministerial order EDU-2026-09 (replaces EDU-2026-04)" },
    ]);
    expect(citedPolicy(method.policies[0]!, reportText("nl")).name).toBe("Education ban on ESET, versie 2");
    expect(method.policies[0]!.vendors).toEqual(["ESET"]);
    expect(frozen().data).toBe(v1Text);
  });
});
