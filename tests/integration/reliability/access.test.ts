// The access matrix. For every tRPC procedure (enumerated from the router: a new one fails this test
// until it is placed in the matrix) and every role, plus no session: exactly the expected outcome,
// with a valid input. Refused calls change nothing. Then the agency officer against every procedure
// that takes an id, a code or a filter, with another agency's: nothing from outside its subtree.
// Over HTTP the same holds for every page and download route, with no session, an expired one
// and a forged one.
import { gzipSync } from "node:zlib";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL, type Viewer } from "~/server/access/scope";
import { createToken } from "~/server/enrollment/tokens";
import { setRollout } from "~/server/agent-updates/service";
import { approveWaiver, requestWaiver } from "~/server/findings/waivers";
import { sendTestMessage } from "~/server/notify/admin";
import { createWebhook } from "~/server/notify/webhooks";
import { insertRule } from "~/server/catalog/store";
import { createLocalPolicy, type LocalPolicyInput } from "~/server/policy/local";
import { isPostgres } from "~/server/db/client";
import { createCaller } from "~/server/trpc/root";
import { createTempDb, type TempDb } from "../../support/db";
import { secondConnection } from "../../support/second-connection";
import { type RunningServer, startServer } from "../../support/server";
import { listProcedures } from "./fuzz";
import { insertAmbiguity } from "~/server/import/store";
import { createImportToken, revokeImportToken } from "~/server/import/tokens";
import { tableDigest } from "./support";
import { say } from "~/server/import/texts";
import { AUTH_SECRET, FOREIGN, importInto, intuneCsv, ROLES, seedWorld, sessionCookie, type World } from "./world";

/** MUSTER_IMPORT_MAX_BYTES of the server under test. */
const IMPORT_LIMIT = 64 * 1024;

type Role = (typeof ROLES)[number];
const WHO: Record<"all" | "officers" | "global" | "admin", readonly Role[]> = {
  all: ROLES,
  officers: ["admin", "officer", "agency_officer"],
  global: ["admin", "officer"],
  admin: ["admin"],
};

/** Who may call what. Written out, not derived from the builders: changing a builder fails here. */
const MATRIX: Record<string, keyof typeof WHO> = {
  "agencies.list": "all",
  "agencies.byId": "all",
  "agencies.create": "admin",
  "agencies.update": "admin",
  "users.me": "all",
  "users.setLocale": "all",
  "users.list": "admin",
  "users.create": "admin",
  "users.update": "admin",
  "enrollment.list": "all",
  "enrollment.create": "officers",
  "enrollment.revoke": "officers",
  "audit.list": "all",
  "policies.list": "all",
  "policies.byId": "all",
  "policies.previewChange": "admin",
  "policies.setActive": "admin",
  "policies.reevaluation": "all",
  "policies.create": "admin",
  "policies.update": "admin",
  "policies.newVersion": "admin",
  "findings.list": "all",
  "findings.tabCounts": "all",
  "findings.pendingWaivers": "all",
  "findings.forEndpoint": "all",
  "findings.waivers": "all",
  "findings.requestWaiver": "officers",
  "findings.approveWaiver": "global",
  "findings.rejectWaiver": "global",
  "findings.revokeWaiver": "officers",
  "endpointsAdmin.revoke": "officers",
  "endpointsAdmin.admit": "officers",
  "overview.get": "all",
  "overview.agencies": "all",
  "overview.agencyRef": "all",
  "overview.agency": "all",
  "overview.changes": "all",
  "overview.changeList": "all",
  "endpoints.list": "all",
  "endpoints.ref": "all",
  "endpoints.byDeviceId": "all",
  "endpoints.filterOptions": "all",
  "catalog.policies": "all",
  "catalog.vendors": "all",
  "catalog.unrecognized": "all",
  "catalog.overlay": "global",
  "catalog.searchEntries": "global",
  "catalog.classify": "global",
  "catalog.suppress": "global",
  "catalog.retire": "global",
  "catalog.importOverlay": "global",
  "reports.list": "all",
  "reports.scopes": "officers",
  "reports.get": "all",
  "reports.preview": "officers",
  "reports.publish": "officers",
  "agentUpdates.overview": "all",
  "agentUpdates.setRollout": "officers",
  "agentUpdates.clearRollout": "officers",
  "notifications.mine": "all",
  "notifications.updateMine": "all",
  "notifications.channels": "admin",
  "notifications.createWebhook": "admin",
  "notifications.updateWebhook": "admin",
  "notifications.messages": "admin",
  "notifications.attempts": "admin",
  "notifications.retry": "admin",
  "notifications.test": "admin",
  "imports.list": "all",
  "imports.byId": "all",
  "imports.undo": "officers",
  "imports.ambiguities": "all",
  "imports.resolve": "officers",
  "imports.tokens": "all",
  "imports.createToken": "officers",
  "imports.revokeToken": "officers",
};

let t: TempDb;
let world: World;
const procedures = listProcedures();
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = createTempDb();
  world = await seedWorld(t);
}, 180_000);
afterAll(() => t?.cleanup());

type Call = (input: unknown) => Promise<unknown>;
function procedureOf(viewer: Viewer | null, p: string): Call {
  const caller = createCaller({ db: world.db, viewer, ip: "127.0.0.1" }) as unknown as Record<string, Record<string, Call>>;
  const [ns, name] = p.split(".") as [string, string];
  return (input) => caller[ns]![name]!(input);
}
async function outcome(call: Promise<unknown>): Promise<{ code: string; data?: unknown }> {
  try {
    return { code: "OK", data: await call };
  } catch (err) {
    if (err instanceof TRPCError) return { code: err.code };
    throw err;
  }
}

const lastAuditId = () => (world.db.$client.prepare("select coalesce(max(id), 0) as id from audit_log").get() as { id: number }).id;

/** Rows no one else uses: each mutation acts on its own target, so every allowed call can succeed. */
function takeOne(sql: string, ...args: unknown[]): number {
  const row = world.db.$client.prepare(sql).get(...args) as { id: number } | undefined;
  if (!row) throw new Error(`no row left for: ${sql}`);
  return row.id;
}
const used = new Set<number>();
function fresh(sql: string): number {
  const rows = world.db.$client.prepare(sql).all() as { id: number }[];
  const row = rows.find((r) => !used.has(r.id));
  if (!row) throw new Error(`no row left for: ${sql}`);
  used.add(row.id);
  return row.id;
}

/** A message whose attempts the query reads (created before any refusal is watched). */
let queriedMessage = 0;
beforeAll(() => {
  queriedMessage = accessMessage();
});

/** A webhook channel, and a message queued for it, for the notification procedures to act on. */
function accessWebhook(): number {
  return createWebhook(
    world.db,
    { userId: world.viewers.admin.id, label: "admin" },
    { name: "access", url: "https://hooks.example.gov/a", format: "standard", agencyId: null, events: ["finding.new"] },
  ).id;
}
function accessMessage(): number {
  const admin = world.viewers.admin;
  return sendTestMessage(world.db, admin, { userId: admin.id, label: admin.email }, { channel: "webhook", webhookId: accessWebhook() }).messageId;
}
/** A local policy's text (a ban on ESET, which no built-in policy covers). */
const localPolicy = (title: string): LocalPolicyInput => ({
  name: title,
  jurisdiction: "NL",
  legalReference: "Decree of the Minister, access test",
  legalUrl: null,
  summary: "",
  status: "banned",
  vendors: ["eset"],
  products: [],
  categories: null,
  effectiveDate: today,
  deadline: null,
  agencyId: null,
});
/** A local rule's match on a dpkg package no endpoint has. */
const dpkgMatch = (name: string) => ({ source: "dpkg" as const, identifier: { mode: "exact" as const, value: name } });

/** A valid input for `p`, as `role` would send it (the agency officer's own subtree). */
async function validInput(p: string, role: Role | "nobody"): Promise<unknown> {
  const w = world;
  const own = w.agencyIds["JUS-PRIS"]!;
  const ownSite = w.agencyIds["JUS-PRIS-N"]!;
  const ownEndpoint = w.own.endpoints[0]!;
  const subtree = `(${own}, ${ownSite})`;
  switch (p) {
    case "agencies.byId":
      return { id: own };
    case "agencies.create":
      return { code: `ACC-${role.toUpperCase().replace("_", "-")}`, name: `Access test ${role}`, parentCode: "JUS-PRIS" };
    case "agencies.update":
      return { id: ownSite, name: "Prison Service, North region" };
    case "users.create":
      return { email: `access-${role}@reliability.test`, name: `Access ${role}`, role: "auditor", password: "access-password-123456" };
    case "users.update":
      return { id: w.spareUsers[0], disabled: false };
    case "users.setLocale":
      return { locale: "nl" };
    case "enrollment.create":
      return { agencyId: ownSite, label: `access ${role}` };
    case "enrollment.revoke":
      return { id: createToken(w.db, { userId: null, label: "test" }, ALL, { agencyId: ownSite, label: `to revoke by ${role}` }).row.id };
    case "audit.list":
      return { limit: 20 };
    case "policies.byId":
    case "policies.previewChange":
      return p === "policies.byId" ? { id: takeOne("select id from policies order by id") } : { policyId: takeOne("select id from policies where slug = 'ua-decree-133-2017'"), active: true };
    case "policies.setActive":
      return { policyId: takeOne("select id from policies where slug = 'us-bod-17-01'"), active: true };
    case "findings.list":
      return { status: "open", limit: 20 };
    case "findings.tabCounts":
      return {};
    case "findings.forEndpoint":
      return { endpointId: ownEndpoint };
    case "findings.waivers":
      return { status: "approved", limit: 20 };
    case "findings.requestWaiver":
      return {
        findingId: fresh(`select id from findings where status = 'open' and agency_id in ${subtree} and id not in (select finding_id from waivers) order by id`),
        justification: `Kept for a forensic investigation; requested by the ${role} test.`,
        compensatingControls: "Isolated network segment, traffic monitored.",
        extensionReason: "The replacement is scheduled after the removal deadline.",
        expiresAt: Date.now() + 20 * 86_400_000,
      };
    case "findings.approveWaiver":
    case "findings.rejectWaiver":
    case "findings.revokeWaiver": {
      // The agency officer asks; officers and administrators decide (never on their own request).
      const findingId = fresh(`select id from findings where status = 'open' and agency_id in ${subtree} and id not in (select finding_id from waivers) order by id desc`);
      const waiver = requestWaiver(w.db, w.viewers.agency_officer, { userId: w.viewers.agency_officer.id, label: "ao" }, ALL, {
        findingId,
        justification: "Isolated laboratory machine, replacement ordered.",
        compensatingControls: "Isolated network segment, traffic monitored.",
        extensionReason: "The replacement is scheduled after the removal deadline.",
        expiresAt: Date.now() + 20 * 86_400_000,
      });
      if (p === "findings.revokeWaiver") approveWaiver(w.db, w.viewers.admin, { userId: w.viewers.admin.id, label: "admin" }, ALL, { waiverId: waiver.id, note: "Approved after review" });
      return { waiverId: waiver.id, note: `Decided by the ${role} test.` };
    }
    case "endpointsAdmin.revoke":
      return { endpointId: fresh(`select id from endpoints where agency_id in ${subtree} and revoked_at is null order by id desc`) };
    case "endpointsAdmin.admit": {
      // A revoked endpoint of the caller's reach, revoked here for the test.
      const endpointId = fresh(`select id from endpoints where agency_id in ${subtree} and revoked_at is null order by id desc`);
      w.db.$client.prepare("update endpoints set revoked_at = ? where id = ?").run(Date.now(), endpointId);
      return { endpointId };
    }
    case "overview.agencyRef":
    case "overview.agency":
      return { code: "JUS-PRIS" };
    case "overview.changes":
      return { agency: "JUS-PRIS" };
    case "overview.changeList":
      return { kind: "detected", agency: "JUS-PRIS" };
    case "endpoints.list":
      return { limit: 20 };
    case "endpoints.ref":
    case "endpoints.byDeviceId":
      return { deviceId: w.own.deviceIds[0] };
    case "catalog.unrecognized":
      return { limit: 20 };
    case "catalog.searchEntries":
      return { q: "kasp" };
    case "catalog.classify":
      return { softwareId: null, match: dpkgMatch(`access-${role}-shield`), vendor: { newName: `Access ${role} Vendor` }, product: { newName: "Shield", category: "antivirus" } };
    case "catalog.suppress":
      return { softwareId: null, match: dpkgMatch(`access-${role}-not-security`) };
    case "catalog.retire": {
      const ruleId = insertRule(
        w.db,
        {
          kind: "suppress",
          source: "dpkg",
          namePattern: null,
          publisherPattern: null,
          identifierPattern: `^retire-${role}$`,
          vendor: null,
          product: null,
          category: null,
          note: "",
          fromSoftwareId: null,
        },
        { userId: null, label: "test" },
        Date.now(),
      );
      return { ruleId };
    }
    case "catalog.importOverlay":
      return { file: { format: "muster-catalog-overlay", formatVersion: 1, vendors: [], products: [], rules: [{ kind: "suppress", match: dpkgMatch(`imported-${role}`) }] } };
    case "policies.create":
      return localPolicy(`Access test ban by ${role}`);
    case "policies.update":
      return { id: createLocalPolicy(w.db, { userId: null, label: "test" }, localPolicy(`Draft for ${role}`)).id, ...localPolicy(`Draft for ${role}, amended`) };
    case "policies.newVersion": {
      const id = createLocalPolicy(w.db, { userId: null, label: "test" }, localPolicy(`In force once, for ${role}`)).id;
      w.db.$client.prepare("update policies set first_in_force_at = ? where id = ?").run(Date.now(), id); // as if it had been in force
      return { id, ...localPolicy(`In force once, for ${role}: version 2`) };
    }
    case "reports.get":
      return { id: w.reports.own };
    case "reports.preview":
      return { agencyId: own, asOf: today };
    case "reports.publish":
      return { agencyId: own, asOf: today, confirm: true };
    case "agentUpdates.setRollout":
      return { agencyId: ownSite, version: null, percent: 0 };
    case "agentUpdates.clearRollout":
      setRollout(w.db, { userId: null, label: "test" }, ALL, { agencyId: ownSite, version: null, percent: 0 });
      return { agencyId: ownSite };
    case "notifications.updateMine":
      return { modes: { "finding.new": "digest" }, agencies: [role === "agency_officer" ? ownSite : own], dailyDigest: true, weeklySummary: false };
    case "notifications.createWebhook":
      return { name: `Access ${role}`, url: "https://hooks.example.gov/muster", format: "teams", agencyId: own, events: ["finding.new"] };
    case "notifications.updateWebhook":
      return { id: accessWebhook(), enabled: false };
    case "notifications.messages":
      return { status: "pending", limit: 20 };
    case "notifications.attempts":
      return { messageId: queriedMessage };
    case "notifications.retry": {
      const id = accessMessage();
      w.db.$client.prepare("update notify_messages set status = 'dead' where id = ?").run(id);
      return { ids: [id] };
    }
    case "notifications.test":
      return { channel: "webhook", webhookId: accessWebhook() };
    case "imports.list":
      return { limit: 20 };
    case "imports.byId":
      return { id: w.imports.own };
    case "imports.undo":
      // Each caller undoes an import of its own (devices no other import touched).
      return { id: await importInto(w.db, ownSite, `undo-${role}`, t.dir) };
    case "imports.resolve": {
      const candidate = fresh(`select id from endpoints where agency_id = ${own} and evidence = 'agent' order by id desc`);
      insertAmbiguity(w.db, {
        importId: w.imports.own,
        agencyId: own,
        source: "intune",
        sourceDeviceId: `amb-${role}`,
        hostname: `amb-${role}`,
        platform: "windows",
        candidates: [candidate],
        reason: say("ambiguousAgency", { count: 2, hostname: `amb-${role}` }),
      });
      return { id: takeOne("select max(id) as id from import_ambiguities"), endpointId: candidate };
    }
    case "imports.createToken":
      return { agencyId: ownSite, label: `access ${role}` };
    case "imports.revokeToken":
      return { id: createImportToken(w.db, { userId: null, label: "test" }, ALL, { agencyId: ownSite, label: `to revoke by ${role}` }).row.id };
    default:
      return undefined;
  }
}

describe("access matrix through every tRPC procedure", () => {
  it("places every procedure of the router in the matrix", () => {
    expect(procedures.map((p) => p.path).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it("gives each role exactly what the matrix says, and no session nothing; refusals change nothing", async () => {
    const failures: string[] = [];
    const tally = { allowed: 0, refused: 0 };
    const watch = secondConnection(world.file).$client;
    for (const p of procedures) {
      const allowed = WHO[MATRIX[p.path]!];
      // Refusals first, against the same kind of input: nothing may change.
      for (const who of [null, ...ROLES.filter((r) => !allowed.includes(r))] as const) {
        const before = tableDigest(watch);
        const input = p.type === "query" ? await validInput(p.path, who ?? "nobody") : MUTATION_PROBE[p.path];
        const got = await outcome(procedureOf(who ? world.viewers[who] : null, p.path)(input));
        const want = who ? "FORBIDDEN" : "UNAUTHORIZED";
        if (got.code !== want) failures.push(`${p.path} as ${who ?? "no session"}: ${got.code}, expected ${want}`);
        if (tableDigest(watch) !== before) failures.push(`${p.path} as ${who ?? "no session"}: refused, yet the database changed`);
        tally.refused++;
      }
      for (const role of allowed) {
        const input = await validInput(p.path, role);
        const since = lastAuditId();
        const got = await outcome(procedureOf(world.viewers[role], p.path)(input));
        if (got.code !== "OK") failures.push(`${p.path} as ${role}: ${got.code}, expected OK`);
        // Every change is audited: who (the caller), what, when.
        if (p.type === "mutation" && got.code === "OK") {
          const entries = world.db.$client.prepare("select actor_user_id as who, action, at from audit_log where id > ?").all(since) as { who: number; action: string; at: number }[];
          if (!entries.some((e) => e.who === world.viewers[role].id && e.action && Date.now() - e.at < 60_000)) failures.push(`${p.path} as ${role}: changed without an audit entry`);
        }
        tally.allowed++;
      }
    }
    watch.close();
    console.log(`access matrix: ${procedures.length} procedures, ${tally.allowed} allowed calls, ${tally.refused} refused calls`);
    expect(failures).toEqual([]);
  }, 120_000);
});

/** For refusals of mutations: a well-formed input that would change something if it got through. */
const MUTATION_PROBE: Record<string, unknown> = {
  "agencies.create": { code: "REFUSED-NEW", name: "Must not exist", parentCode: "MIN-FIN" },
  "agencies.update": { id: 1, name: "Renamed by someone who may not" },
  "users.create": { email: "intruder@reliability.test", name: "Intruder", role: "admin", password: "intruder-password-123" },
  "users.update": { id: 1, role: "auditor" },
  "enrollment.create": { agencyId: 1, label: "refused" },
  "enrollment.revoke": { id: 1 },
  "policies.setActive": { policyId: 1, active: false },
  "policies.create": localPolicy("Refused local policy"),
  "policies.update": { id: 1, ...localPolicy("Refused rewrite") },
  "policies.newVersion": { id: 1, ...localPolicy("Refused version") },
  "catalog.classify": { softwareId: null, match: dpkgMatch("refused-shield"), vendor: { newName: "Refused Vendor" }, product: { newName: "Shield", category: "antivirus" } },
  "catalog.suppress": { softwareId: null, match: dpkgMatch("refused-fp") },
  "catalog.retire": { ruleId: 1 },
  "catalog.importOverlay": { file: { format: "muster-catalog-overlay", formatVersion: 1, vendors: [], products: [], rules: [{ kind: "suppress", match: dpkgMatch("refused-import") }] } },
  "findings.requestWaiver": {
    findingId: 1,
    justification: "Refused request for a waiver.",
    expiresAt: Date.now() + 86_400_000,
    compensatingControls: "Isolated network segment, traffic monitored.",
    extensionReason: "The replacement is scheduled after the removal deadline.",
  },
  "findings.approveWaiver": { waiverId: 1 },
  "findings.rejectWaiver": { waiverId: 1 },
  "findings.revokeWaiver": { waiverId: 1 },
  "endpointsAdmin.revoke": { endpointId: 1 },
  "endpointsAdmin.admit": { endpointId: 1 },
  "reports.publish": { agencyId: null, asOf: today, confirm: true },
  "agentUpdates.setRollout": { agencyId: 1, version: null, percent: 0 },
  "notifications.updateMine": { modes: { "finding.new": "off" }, agencies: null, dailyDigest: false, weeklySummary: false },
  "notifications.createWebhook": { name: "Refused", url: "https://hooks.example.gov/refused", format: "standard", agencyId: null, events: ["finding.new"] },
  "notifications.updateWebhook": { id: 1, enabled: false },
  "notifications.retry": { allDead: true },
  "notifications.test": { channel: "webhook", webhookId: 1 },
  "imports.undo": { id: 1 },
  "imports.resolve": { id: 1, endpointId: null },
  "imports.createToken": { agencyId: 1, label: "refused" },
  "imports.revokeToken": { id: 1 },
};

describe("an agency officer gets nothing from another agency, through any parameter", () => {
  const foreignMarkers = () => [...world.foreign.deviceIds, ...FOREIGN.filter((c) => c !== "MIN-JUS")];
  const leaks = (data: unknown) => {
    const text = JSON.stringify(data) ?? "";
    return foreignMarkers().filter((m) => text.includes(m));
  };

  it("refuses other agencies' ids and codes", async () => {
    const ao = world.viewers.agency_officer;
    const w = world;
    const fin = w.agencyIds["FIN-TAX"]!;
    const probes: [string, unknown][] = [
      ["agencies.byId", { id: fin }],
      ["agencies.byId", { id: w.agencyIds["MIN-JUS"] }],
      ["overview.agencyRef", { code: "FIN-TAX" }],
      ["overview.agency", { code: "JUS-POL" }],
      ["overview.changes", { agency: "FIN-TAX" }],
      ["overview.changeList", { kind: "removed", agency: "FIN-TAX" }],
      ["endpoints.ref", { deviceId: w.foreign.deviceIds[0] }],
      ["endpoints.byDeviceId", { deviceId: w.foreign.deviceIds[1] }],
      ["findings.forEndpoint", { endpointId: w.foreign.endpoints[0] }],
      [
        "findings.requestWaiver",
        {
          findingId: w.foreign.findings[0],
          justification: "Not mine to ask for.",
          expiresAt: Date.now() + 86_400_000,
          compensatingControls: "Isolated network segment, traffic monitored.",
          extensionReason: "The replacement is scheduled after the removal deadline.",
        },
      ],
      ["findings.revokeWaiver", { waiverId: w.foreign.waivers[0] }],
      ["endpointsAdmin.revoke", { endpointId: w.foreign.endpoints[2] }],
      ["endpointsAdmin.admit", { endpointId: w.foreign.endpoints[2] }],
      ["enrollment.create", { agencyId: fin, label: "foreign" }],
      ["enrollment.revoke", { id: w.foreign.tokens[0] }],
      ["agentUpdates.setRollout", { agencyId: fin, version: null, percent: 0 }],
      ["agentUpdates.clearRollout", { agencyId: fin }],
      ["reports.get", { id: w.reports.foreign }],
      ["reports.get", { id: w.reports.all }],
      ["reports.preview", { agencyId: fin, asOf: today }],
      ["reports.publish", { agencyId: fin, asOf: today, confirm: true }],
      ["reports.publish", { agencyId: w.agencyIds["MIN-JUS"], asOf: today, confirm: true }],
      ["notifications.updateMine", { modes: {}, agencies: [fin], dailyDigest: true, weeklySummary: true }],
      ["notifications.updateMine", { modes: {}, agencies: [w.agencyIds["MIN-JUS"]], dailyDigest: true, weeklySummary: true }],
      ["imports.byId", { id: w.imports.foreign }],
      ["imports.undo", { id: w.imports.foreign }],
      ["imports.resolve", { id: w.imports.foreignAmbiguity, endpointId: null }],
      ["imports.createToken", { agencyId: fin, label: "foreign" }],
      ["imports.revokeToken", { id: w.imports.foreignToken }],
    ];
    const watch = secondConnection(world.file).$client;
    const failures: string[] = [];
    for (const [p, input] of probes) {
      const before = tableDigest(watch);
      const got = await outcome(procedureOf(ao, p)(input));
      if (!["NOT_FOUND", "FORBIDDEN"].includes(got.code)) failures.push(`${p}(${JSON.stringify(input)}): ${got.code}`);
      if (tableDigest(watch) !== before) failures.push(`${p}: refused, yet the database changed`);
    }
    watch.close();
    expect(failures).toEqual([]);
    // "Everything I can see" is, for an agency officer, its own subtree: a report on JUS-PRIS.
    const mine = await outcome(procedureOf(ao, "reports.preview")({ agencyId: null, asOf: today }));
    expect(mine.code).toBe("OK");
    expect(JSON.stringify(mine.data)).toContain("JUS-PRIS");
    expect(leaks(mine.data)).toEqual([]);
  });

  it("filters naming another agency come back empty or refused, and no list carries a foreign row", async () => {
    const ao = world.viewers.agency_officer;
    const failures: string[] = [];
    const filters: [string, unknown][] = [
      ["endpoints.list", { agency: "FIN-TAX", limit: 100 }],
      ["endpoints.list", { q: world.foreign.deviceIds[0]!.slice(0, 8), limit: 100 }],
      ["findings.list", { agency: "JUS-POL", status: "open", limit: 100 }],
      ["findings.tabCounts", { agency: "FIN-TAX" }],
      ["findings.waivers", { endpointId: world.foreign.endpoints[0], limit: 100 }],
      ["audit.list", { q: "FIN-TAX", limit: 100 }],
    ];
    for (const [p, input] of filters) {
      const got = await outcome(procedureOf(ao, p)(input));
      if (got.code === "OK" && leaks(got.data).length) failures.push(`${p}(${JSON.stringify(input)}) leaks ${leaks(got.data).join(", ")}`);
      if (p === "findings.tabCounts" && got.code === "OK") {
        const counts = got.data as Record<string, number>;
        if (Object.values(counts).some((n) => n > 0)) failures.push(`findings.tabCounts for FIN-TAX counts ${JSON.stringify(counts)}`);
      }
      if (!["OK", "NOT_FOUND", "FORBIDDEN"].includes(got.code)) failures.push(`${p}: ${got.code}`);
    }
    // Every query the agency officer can call with its own valid input: nothing foreign in the answer.
    for (const p of procedures.filter((x) => x.type === "query" && WHO[MATRIX[x.path]!].includes("agency_officer"))) {
      const got = await outcome(procedureOf(ao, p.path)(await validInput(p.path, "agency_officer")));
      expect(got.code, p.path).toBe("OK");
      if (leaks(got.data).length) failures.push(`${p.path} leaks ${leaks(got.data).join(", ")}`);
    }
    expect(failures).toEqual([]);
  });
});

describe("every page and download route over HTTP, by session", () => {
  let server: RunningServer;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    server = await startServer({ databasePath: world.file, env: { AUTH_SECRET, MUSTER_HTTP_BURST: "0", MUSTER_IMPORT_MAX_BYTES: String(IMPORT_LIMIT) } });
    for (const role of ROLES) cookies[role] = await sessionCookie(world.viewers[role]);
    cookies.expired = await sessionCookie(world.viewers.admin, { maxAgeS: -60 });
    cookies.forged = await sessionCookie(world.viewers.admin, { secret: "not-the-server-secret-at-all-0123456789" });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  const status = async (p: string, who: string) => {
    const res = await fetch(`${server.url}${p}`, { headers: cookies[who] ? { cookie: cookies[who]! } : {}, redirect: "manual" });
    const body = Buffer.from(await res.arrayBuffer()).toString("utf8");
    return { status: res.status, location: res.headers.get("location") ?? "", body };
  };

  it("sends anyone without a valid session to sign in, from every route", async () => {
    const w = world;
    const routes = [
      "/",
      "/agencies",
      "/agencies/JUS-PRIS",
      "/endpoints",
      `/endpoints/${w.own.deviceIds[0]}`,
      "/findings",
      "/policies",
      "/policies/new",
      "/catalog",
      "/catalog/export",
      "/enrollment",
      "/audit",
      "/reports",
      "/reports/new",
      `/reports/${w.reports.own}`,
      "/users",
      "/notifications",
      "/notifications/channels",
      "/import",
      "/endpoints/export",
      "/findings/export",
      `/reports/${w.reports.own}/agencies.csv`,
      `/reports/${w.reports.own}/endpoints.csv`,
      `/reports/${w.reports.own}/data.json`,
      `/reports/${w.reports.own}/pdf`,
      `/report-print/${w.reports.own}`,
    ];
    const hostname = (w.db.$client.prepare("select hostname from endpoints where device_id = ?").get(w.own.deviceIds[0]) as { hostname: string }).hostname;
    const failures: string[] = [];
    for (const who of ["nobody", "expired", "forged"]) {
      for (const r of routes) {
        const got = await status(r, who);
        const refused = [401, 403, 404].includes(got.status) || ([302, 303, 307].includes(got.status) && got.location.includes("/signin"));
        if (!refused) failures.push(`${r} as ${who}: ${got.status} ${got.location}`);
        if (got.body.includes(hostname) || got.body.includes("Prison Service")) failures.push(`${r} as ${who}: the body carries data`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("gives each role the pages its role allows, and the agency officer none of another agency's", async () => {
    const w = world;
    const expectStatus: [string, Partial<Record<Role, number>>][] = [
      ["/", { admin: 200, officer: 200, agency_officer: 200, auditor: 200 }],
      ["/agencies/JUS-PRIS", { admin: 200, officer: 200, agency_officer: 200, auditor: 200 }],
      ["/agencies/FIN-TAX", { admin: 200, officer: 200, agency_officer: 404, auditor: 200 }],
      [`/endpoints/${w.foreign.deviceIds[0]}`, { admin: 200, officer: 200, agency_officer: 404, auditor: 200 }],
      [`/endpoints/${w.own.deviceIds[0]}`, { admin: 200, officer: 200, agency_officer: 200, auditor: 200 }],
      [`/reports/${w.reports.foreign}`, { admin: 200, officer: 200, agency_officer: 404, auditor: 200 }],
      [`/reports/${w.reports.all}/agencies.csv`, { admin: 200, officer: 200, agency_officer: 404, auditor: 200 }],
      [`/reports/${w.reports.foreign}/endpoints.csv`, { admin: 200, officer: 200, agency_officer: 404, auditor: 200 }],
      [`/reports/${w.reports.foreign}/data.json`, { admin: 200, officer: 200, agency_officer: 404, auditor: 200 }],
      [`/reports/${w.reports.foreign}/pdf`, { agency_officer: 404 }],
      [`/reports/${w.reports.own}/endpoints.csv`, { admin: 200, officer: 200, agency_officer: 200, auditor: 200 }],
      ["/users", { admin: 200, officer: 404, agency_officer: 404, auditor: 404 }],
      ["/notifications", { admin: 200, officer: 200, agency_officer: 200, auditor: 200 }],
      ["/notifications/channels", { admin: 200, officer: 404, agency_officer: 404, auditor: 404 }],
      ["/policies/new", { admin: 200, officer: 404, agency_officer: 404, auditor: 404 }],
      ["/catalog", { admin: 200, officer: 200, agency_officer: 200, auditor: 200 }],
      ["/catalog/export", { admin: 200, officer: 200, agency_officer: 200, auditor: 200 }],
      ["/import", { admin: 200, officer: 200, agency_officer: 200, auditor: 200 }],
    ];
    const failures: string[] = [];
    for (const [route, want] of expectStatus) {
      for (const [role, code] of Object.entries(want) as [Role, number][]) {
        const got = await status(route, role);
        // A download refused for scope may say so (403) or hide the report (404).
        const ok = got.status === code || (code === 404 && got.status === 403 && /\/(agencies\.csv|endpoints\.csv|data\.json|pdf)$/.test(route));
        if (!ok) failures.push(`${route} as ${role}: ${got.status}, expected ${code}`);
      }
    }
    // Exports: an agency officer asking for another agency's endpoints or findings gets none of them.
    for (const route of ["/endpoints/export?agency=FIN-TAX", "/endpoints/export", "/findings/export?agency=JUS-POL", "/findings/export"]) {
      const got = await status(route, "agency_officer");
      const leaked = leaks(got.body);
      if (got.status === 200 ? leaked.length > 0 : ![403, 404].includes(got.status)) failures.push(`${route}: ${got.status}, leaks ${leaked.join(", ")}`);
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it("takes inventory uploads only from officers within their agencies, and pushes only with a live import token", async () => {
    const w = world;
    const upload = (who: string, query: string, body: string | Buffer, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/import/upload?${query}`, {
        method: "POST",
        body: typeof body === "string" ? body : new Uint8Array(body),
        headers: { "x-muster-upload": "1", ...(cookies[who] ? { cookie: cookies[who]! } : {}), ...headers },
        redirect: "manual",
      });
    const push = (token: string | null, body: string | Buffer, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/import/v1/inventory?source=intune&name=push.csv`, {
        method: "POST",
        body: typeof body === "string" ? body : new Uint8Array(body),
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      });
    const watch = secondConnection(world.file).$client;
    const before = tableDigest(watch, (t) => t === "import_tokens" || t === "audit_log");
    const refusals: [Promise<Response>, number][] = [
      [upload("nobody", "agency=JUS-PRIS", intuneCsv("up-nobody")), 401],
      [upload("expired", "agency=JUS-PRIS", intuneCsv("up-expired")), 401],
      [upload("forged", "agency=JUS-PRIS", intuneCsv("up-forged")), 401],
      [upload("auditor", "agency=JUS-PRIS", intuneCsv("up-auditor")), 403],
      [upload("agency_officer", "agency=FIN-TAX", intuneCsv("up-foreign")), 404],
      [upload("agency_officer", "agency=JUS-PRIS", intuneCsv("up-nocsrf"), { "x-muster-upload": "0" }), 403],
      [upload("officer", "agency=JUS-PRIS", intuneCsv("up-cross"), { origin: "https://evil.example" }), 403],
      [upload("officer", "source=nonsense&agency=JUS-PRIS", intuneCsv("up-badsource")), 400],
      [upload("officer", "agency=JUS-PRIS", Buffer.alloc(IMPORT_LIMIT + 1, 0x41)), 413],
      [upload("officer", "agency=JUS-PRIS", gzipSync(Buffer.alloc(IMPORT_LIMIT * 4, 0x41)), { "content-encoding": "gzip" }), 413],
      [push(null, intuneCsv("push-none")), 401],
      [push("mst_imp_not-a-real-token", intuneCsv("push-unknown")), 401],
    ];
    const revoked = createImportToken(w.db, { userId: null, label: "test" }, ALL, { agencyId: w.agencyIds["JUS-PRIS"]! });
    revokeImportToken(w.db, { userId: null, label: "test" }, ALL, revoked.row.id);
    refusals.push([push(revoked.token, intuneCsv("push-revoked")), 403]);
    const failures: string[] = [];
    for (const [i, [res, want]] of refusals.entries()) {
      const r = await res;
      if (r.status !== want) failures.push(`refusal ${i}: ${r.status}, expected ${want}: ${await r.text()}`);
    }
    expect(failures).toEqual([]);
    expect(tableDigest(watch, (t) => t === "import_tokens" || t === "audit_log")).toBe(before);
    const hosts = (prefix: string) => w.db.$client.prepare("select a.code from endpoints e join agencies a on a.id = e.agency_id where e.hostname like ? order by e.hostname").all(`${prefix}-%`);

    const byOfficer = await upload("officer", "agency=FIN-TAX&source=intune&name=tax.csv", intuneCsv("up-officer"));
    expect(byOfficer.status).toBe(201);
    expect(((await byOfficer.json()) as { import: { created: number } }).import.created).toBe(2);
    expect(hosts("up-officer")).toEqual([{ code: "FIN-TAX" }, { code: "FIN-TAX" }]);
    const byAgencyOfficer = await upload("agency_officer", "agency=JUS-PRIS-N", intuneCsv("up-ao"));
    expect(byAgencyOfficer.status).toBe(201);
    const again = await upload("agency_officer", "agency=JUS-PRIS-N", intuneCsv("up-ao"));
    expect(again.status).toBe(200); // the same file: nothing changed
    const refused = await upload("agency_officer", "agency=JUS-PRIS-N", "Dear colleague,\nno inventory here\n");
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { import: { message: string } }).import.message).toMatch(/not an inventory Muster reads/);

    const live = createImportToken(w.db, { userId: null, label: "test" }, ALL, { agencyId: w.agencyIds["JUS-PRIS"]! });
    const pushed = await push(live.token, gzipSync(intuneCsv("push-ok")), { "content-encoding": "gzip" });
    expect(pushed.status).toBe(201);
    expect(hosts("push-ok")).toEqual([{ code: "JUS-PRIS" }, { code: "JUS-PRIS" }]);
    const audit = w.db.$client.prepare("select actor, action, agency_id as agencyId from audit_log where action = 'import.apply' order by id desc limit 1").get();
    expect(audit).toEqual({ actor: `import-token:${live.row.tokenPrefix}`, action: "import.apply", agencyId: w.agencyIds["JUS-PRIS"] });
    watch.close();
  }, 120_000);

  const leaks = (text: string) => world.foreign.deviceIds.filter((d) => text.includes(d));
});

describe("the audit log is append-only", () => {
  it("offers no procedure that changes it, and refuses updates, deletes and replaces even in SQL", () => {
    expect(procedures.filter((p) => p.path.startsWith("audit.")).map((p) => `${p.type} ${p.path}`)).toEqual(["query audit.list"]);
    const sqlite = world.db.$client;
    const first = sqlite.prepare("select * from audit_log order by id limit 1").get() as { id: number; action: string };
    const count = () => (sqlite.prepare("select count(*) as n from audit_log").get() as { n: number }).n;
    const before = count();
    expect(() => sqlite.prepare("update audit_log set action = 'nothing happened' where id = ?").run(first.id)).toThrow(/append-only/);
    expect(() => sqlite.prepare("delete from audit_log where id = ?").run(first.id)).toThrow(/append-only/);
    // A replace by upsert on both engines; SQLite's own REPLACE, and PostgreSQL's TRUNCATE (which skips row triggers).
    expect(() => sqlite.prepare("insert into audit_log (id, at, actor, action) values (?, 0, 'x', 'rewritten') on conflict (id) do update set action = excluded.action").run(first.id)).toThrow(
      /append-only/,
    );
    if (isPostgres(world.db)) expect(() => sqlite.exec("truncate audit_log")).toThrow(/append-only/);
    else expect(() => sqlite.prepare("insert or replace into audit_log (id, at, actor, action) values (?, 0, 'x', 'rewritten')").run(first.id)).toThrow(/append-only/);
    expect(count()).toBe(before);
    expect((sqlite.prepare("select action from audit_log where id = ?").get(first.id) as { action: string }).action).toBe(first.action);
  });
});
