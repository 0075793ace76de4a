// Seeds the end-to-end database through the same services the dashboard, CLI and agent API use:
// agencies and one account per role, a Kaspersky ban in force, then a small fleet (60 endpoints
// over six agencies) replayed day by day through the ingest bulk functions with its own
// timestamps: enrollments, check-ins, removals, remnants, a reinstall, waivers, stale and
// never-reported machines, and the nightly maintenance. Finally checks every state occurs.
// Run as a child process: node --require ./server/runtime/preload.cjs --import tsx tests/e2e/seed.ts
import { BUILTIN_CATALOG } from "~/agent/shared/catalog";
import type { SoftwareEntry } from "~/agent/shared/protocol";
import { ALL } from "~/server/access/scope";
import { createAgency } from "~/server/agencies/service";
import { type Actor, cliActor } from "~/server/audit/log";
import { bootstrap } from "~/server/bootstrap";
import { createToken } from "~/server/enrollment/tokens";
import { DEMO_PROFILE_DEFAULTS } from "~/server/fleet/profiles";
import { type AgencyProfile, type EndpointPlan, type FleetSpec, NEVER, planFleet } from "~/server/fleet/plan";
import { fleetTimeline } from "~/server/fleet/timeline";
import { approveWaiver, requestWaiver } from "~/server/findings/waivers";
import { type BulkCheckin, enrollDevice, ingestCheckins } from "~/server/ingest/bulk";
import { DAY_MS } from "~/server/lib/time";
import { runMaintenance } from "~/server/maintenance/run";
import { setPolicyActive } from "~/server/reevaluation/policy-change";
import { createUser } from "~/server/users/service";
import { E2E_PASSWORD, E2E_USERS } from "./users";

/** The policy the seed puts in force: vendor-wide Kaspersky ban without a legal deadline of its own. */
export const E2E_POLICY = "lt-2017-kaspersky";
export const E2E_HISTORY_DAYS = 21;
/** Endpoints reporting an unrecognized security product (for the catalog page). */
const UNRECOGNIZED: SoftwareEntry = { source: "windows-uninstall", name: "Acme Endpoint Shield", version: "3.2.1", publisher: "Acme Security Ltd", unrecognized: true };
/** On Linux machines with nothing else: an antivirus the catalog does not know (they are unprotected until an officer classifies it). */
const UNRECOGNIZED_LINUX: SoftwareEntry = { source: "dpkg", name: "acme-antivirus", version: "3.2.1-1", publisher: "Acme Security Ltd", identifier: "acme-antivirus", unrecognized: true };

const profile = (code: string, endpoints: number, over: Partial<AgencyProfile>): AgencyProfile => ({ ...DEMO_PROFILE_DEFAULTS, code, endpoints, ...over });

async function main() {
  const { db } = await bootstrap({ log: () => {} });
  const actor = cliActor();
  for (const [code, name, parentCode, deadline] of [
    ["MIN-JUS", "Ministry of Justice", undefined, null],
    ["JUS-PRIS", "Prison Service", "MIN-JUS", "2027-03-31"],
    // Its deadline passed three days ago: it is overdue, and so are its parents (honest roll-up).
    ["JUS-PRIS-NORTH", "Prison Service — North region", "JUS-PRIS", new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10)],
    ["JUS-POL", "National Police", "MIN-JUS", "2027-01-31"],
    ["MIN-FIN", "Ministry of Finance", undefined, null],
    ["FIN-TAX", "Tax Administration", "MIN-FIN", "2026-12-31"],
  ] as const) {
    createAgency(db, actor, { code, name, parentCode, deadline });
  }
  const ids: Record<string, number> = {};
  for (const u of Object.values(E2E_USERS)) {
    const { user } = await createUser(db, actor, { email: u.email, name: u.name, role: u.role, agencyCode: u.agency ?? null, password: E2E_PASSWORD });
    ids[u.role] = user.id;
  }
  const as = (role: keyof typeof E2E_USERS): Actor => ({ userId: ids[role]!, label: E2E_USERS[role].email });

  const now = Date.now();
  const spec: FleetSpec = {
    seed: 5,
    days: E2E_HISTORY_DAYS,
    banDay: 2,
    startMs: Math.floor(now / DAY_MS) * DAY_MS - (E2E_HISTORY_DAYS - 1) * DAY_MS,
    agencies: [
      profile("MIN-JUS", 4, { kaspersky: 0.5, removed: 1, never: 0, stale: 0 }),
      profile("JUS-PRIS", 14, { kaspersky: 0.9, removed: 0.35, removalFrom: 0.3, removalTo: 1, never: 0, stale: 0, waivers: 0, reinstall: 0 }),
      profile("JUS-PRIS-NORTH", 8, { kaspersky: 0.8, removed: 0.5, never: 0, stale: 0, waivers: 0, reinstall: 0 }),
      profile("JUS-POL", 12, { kaspersky: 0.85, removed: 0.95, removalFrom: 0.05, removalTo: 0.6, never: 0, stale: 0, waivers: 0, reinstall: 0 }),
      profile("MIN-FIN", 4, { kaspersky: 0.25, removed: 1, never: 0, stale: 0, waivers: 0, reinstall: 0 }),
      profile("FIN-TAX", 18, { kaspersky: 0.75, removed: 0.7, never: 0, stale: 0, waivers: 0, reinstall: 0 }),
    ],
  };
  const plans = planFleet(spec);
  forceScenarios(plans, spec);

  // The ban is in force from the start of the history.
  const policy = db.$client.prepare("select id from policies where slug = ?").get(E2E_POLICY) as { id: number };
  await setPolicyActive(db, as("admin"), { policyId: policy.id, active: true }, { now: spec.startMs, reevaluate: "sync" });

  const tokens = new Map<string, string>();
  const agencyIds = new Map((db.$client.prepare("select code, id from agencies").all() as { code: string; id: number }[]).map((a) => [a.code, a.id]));
  for (const code of agencyIds.keys()) {
    tokens.set(code, createToken(db, as("admin"), ALL, { agencyId: agencyIds.get(code)!, label: "seed", expiresInMs: 300 * DAY_MS }).token);
  }

  const devices = new Map<number, { deviceId: string; secret: string; seq: number }>();
  let batch: BulkCheckin[] = [];
  const flush = () => {
    if (!batch.length) return;
    const replies = ingestCheckins(db, batch);
    const bad = replies.find((r) => r.status !== 200);
    if (bad) throw new Error(`seed check-in refused: ${JSON.stringify(bad.body)}`);
    batch = [];
  };
  for (const ev of fleetTimeline(spec, BUILTIN_CATALOG.version, { plans, notAfter: now - 60_000 })) {
    if (ev.type === "checkin") {
      const d = devices.get(ev.plan.key)!;
      d.seq += 1;
      const extra = UNRECOGNIZED_KEYS.has(ev.plan.key) ? [UNRECOGNIZED] : UNRECOGNIZED_LINUX_KEYS.has(ev.plan.key) ? [UNRECOGNIZED_LINUX] : [];
      const software = [...ev.report.software, ...extra];
      batch.push({ report: { ...ev.report, software, deviceId: d.deviceId, seq: d.seq }, secret: d.secret, now: ev.at });
      continue;
    }
    flush();
    if (ev.type === "enroll") {
      const p = ev.plan;
      const r = enrollDevice(db, { enrollToken: tokens.get(p.agencyCode)!, hostname: p.hostname, hardwareId: p.hardwareId, agentVersion: "1.0.0", os: p.os }, { now: ev.at });
      devices.set(p.key, { deviceId: r.deviceId, secret: r.deviceSecret, seq: 0 });
    } else if (ev.type === "waiver") {
      const endpointId = endpointIdOf(db, devices.get(ev.plan.key)!.deviceId);
      const finding = db.$client.prepare("select id from findings where endpoint_id = ? and status = 'open' and product = 'kaspersky-endpoint-security'").get(endpointId) as { id: number };
      const w = requestWaiver(
        db,
        { id: ids.officer!, role: "officer" },
        as("officer"),
        ALL,
        {
          findingId: finding.id,
          justification: "Laboratory analyser certified only with this antivirus; isolated network segment.",
          expiresAt: ev.at + 120 * DAY_MS,
          compensatingControls: "Isolated network segment, traffic monitored.",
          extensionReason: "The replacement is scheduled after the removal deadline.",
        },
        ev.at,
      );
      approveWaiver(db, { id: ids.admin!, role: "admin" }, as("admin"), ALL, { waiverId: w.id, note: "Isolated segment confirmed" }, ev.at + 3_600_000);
    } else if (ev.type === "day-end") {
      runMaintenance(db, ev.at);
    }
  }
  flush();
  runMaintenance(db, now);

  // A request still awaiting a decision (for the pending list).
  const pendingHost = plans.find((p) => p.key === PENDING_KEY)!;
  const pendingFinding = db.$client
    .prepare("select f.id from findings f join endpoints e on e.id = f.endpoint_id where e.hostname = ? and f.status = 'open' order by f.id limit 1")
    .get(pendingHost.hostname) as { id: number } | undefined;
  if (!pendingFinding) throw new Error(`seed: no open finding on ${pendingHost.hostname} for the pending waiver`);
  requestWaiver(
    db,
    { id: ids.officer!, role: "officer" },
    as("officer"),
    ALL,
    {
      findingId: pendingFinding.id,
      justification: "Replacement licence ordered, delivery expected next month.",
      expiresAt: now + 30 * DAY_MS,
      compensatingControls: "Isolated network segment, traffic monitored.",
      extensionReason: "The replacement is scheduled after the removal deadline.",
    },
    now - 3_600_000,
  );

  const states = Object.fromEntries((db.$client.prepare("select state, count(*) as n from endpoints group by state").all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
  for (const s of ["banned", "remnants", "excepted", "unprotected", "clean", "stale", "never-reported"]) {
    if (!states[s]) throw new Error(`seed: no ${s} endpoint (states: ${JSON.stringify(states)})`);
  }
  const reinstalls = (db.$client.prepare("select count(*) as n from endpoint_events where kind = 'reinstalled'").get() as { n: number }).n;
  if (!reinstalls) throw new Error("seed: no reinstall happened");
  console.log(`e2e seed: ${plans.length} endpoints ${JSON.stringify(states)}, ${reinstalls} reinstall(s)`);
}

const UNRECOGNIZED_KEYS = new Set<number>();
const UNRECOGNIZED_LINUX_KEYS = new Set<number>();
let PENDING_KEY = -1;

function endpointIdOf(db: Awaited<ReturnType<typeof bootstrap>>["db"], deviceId: string): number {
  return (db.$client.prepare("select id from endpoints where device_id = ?").get(deviceId) as { id: number }).id;
}

/** Makes sure every story the pages show happens at least once, whatever the random plan. */
function forceScenarios(plans: EndpointPlan[], spec: FleetSpec) {
  const today = spec.days - 1;
  const used = new Set<number>();
  const windows = (code: string) => plans.filter((p) => p.agencyCode === code && p.platform === "windows" && !p.os.name.includes("Server"));
  const take = (list: EndpointPlan[], n: number, what: string) => {
    const free = list.filter((p) => !used.has(p.key));
    if (free.length < n) throw new Error(`seed: not enough endpoints for ${what}`);
    const out = free.slice(0, n);
    for (const p of out) used.add(p.key);
    return out;
  };
  const kaspersky = (p: EndpointPlan) => {
    p.kaspersky = "kes";
    p.hasAgent = true;
    p.defenderOff = true;
    p.removalDay = NEVER;
    p.agentRemovalDay = NEVER;
    p.remnantsUntil = -1;
    p.reinstallDay = NEVER;
    p.reRemovalDay = NEVER;
    p.replacement = null;
    p.replacementDay = NEVER;
    p.waiverDay = NEVER;
    p.lastReportDay = today;
    p.enrollDay = 0;
  };
  const tax = windows("FIN-TAX");
  // Excepted: an approved waiver.
  const [waived] = take(tax, 1, "a waiver");
  kaspersky(waived!);
  waived!.hasAgent = false; // the waiver covers its only banned product
  waived!.waiverDay = spec.banDay + 5;
  // Reinstalled: removed, then back two days ago.
  const [reinstalled] = take(tax, 1, "a reinstall");
  kaspersky(reinstalled!);
  reinstalled!.removalDay = spec.banDay + 4;
  reinstalled!.agentRemovalDay = spec.banDay + 4;
  reinstalled!.replacement = "defender";
  reinstalled!.replacementDay = spec.banDay + 4;
  reinstalled!.defenderOff = false;
  reinstalled!.reinstallDay = today - 2;
  // Pending waiver request on a banned machine.
  const [pending] = take(tax, 1, "a pending waiver");
  kaspersky(pending!);
  PENDING_KEY = pending!.key;
  // Banned machines in the Prison Service (the agency officer's) for the waiver flow.
  for (const p of take(windows("JUS-PRIS"), 3, "banned prison machines")) kaspersky(p);
  // Remnants: uninstalled, the drivers stay.
  const pol = windows("JUS-POL");
  const [remnant] = take(pol, 1, "remnants");
  kaspersky(remnant!);
  remnant!.removalDay = spec.banDay + 6;
  remnant!.agentRemovalDay = spec.banDay + 6;
  remnant!.remnantsUntil = NEVER;
  remnant!.replacement = "crowdstrike";
  remnant!.replacementDay = spec.banDay + 6;
  // Unprotected: Kaspersky removed, nothing enabled instead.
  const [bare] = take(pol, 1, "unprotected");
  kaspersky(bare!);
  bare!.removalDay = spec.banDay + 3;
  bare!.agentRemovalDay = spec.banDay + 3;
  // Clean: removed and replaced.
  for (const p of take(pol, 2, "clean")) {
    kaspersky(p);
    p.removalDay = spec.banDay + 2;
    p.agentRemovalDay = spec.banDay + 2;
    p.replacement = "defender";
    p.replacementDay = spec.banDay + 2;
    p.defenderOff = false;
  }
  // Stale: stopped reporting ten days ago. Never reported: enrolled, silent.
  const [stale] = take(windows("FIN-TAX"), 1, "stale");
  stale!.lastReportDay = Math.max(stale!.enrollDay, today - 10);
  const [never] = take(
    plans.filter((p) => p.agencyCode === "JUS-PRIS-NORTH"),
    1,
    "never reported",
  );
  never!.lastReportDay = -1;
  // Unrecognized security software on a few machines.
  for (const p of plans.filter((x) => x.platform === "windows").slice(0, 3)) UNRECOGNIZED_KEYS.add(p.key);
  // Two Linux machines whose only security software is that unknown antivirus (unprotected).
  for (const p of take(
    plans.filter((x) => x.platform === "linux" && x.agencyCode !== "JUS-PRIS-NORTH"),
    2,
    "unrecognized Linux antivirus",
  )) {
    Object.assign(p, { baseline: null, kaspersky: null, hasAgent: false, replacement: null, replacementDay: NEVER, lastReportDay: today, enrollDay: 0 });
    UNRECOGNIZED_LINUX_KEYS.add(p.key);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
