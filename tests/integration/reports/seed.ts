// A small realistic fleet for the report tests, replayed day by day through the real services:
// agencies (with a sub-agency), one account per role, a Kaspersky ban in force, enrollments,
// check-ins with removals, remnants and reinstalls, waivers requested and approved by two people,
// and the nightly maintenance (stale sweep). Everything the report reads is written by the same
// code that writes it in production.
import { BUILTIN_CATALOG } from "~/agent/shared/catalog";
import { ALL } from "~/server/access/scope";
import { createAgency } from "~/server/agencies/service";
import type { Actor } from "~/server/audit/log";
import type { Db } from "~/server/db/client";
import { createToken } from "~/server/enrollment/tokens";
import { approveWaiver, requestWaiver } from "~/server/findings/waivers";
import { DEMO_PROFILE_DEFAULTS } from "~/server/fleet/profiles";
import { type AgencyProfile, type EndpointPlan, type FleetSpec, planFleet, reportOn } from "~/server/fleet/plan";
import { fleetTimeline } from "~/server/fleet/timeline";
import { type BulkCheckin, enrollDevice, ingestCheckins } from "~/server/ingest/bulk";
import { syncCatalogVersion } from "~/server/ingest/catalog-sync";
import { DAY_MS } from "~/server/lib/time";
import { runMaintenance } from "~/server/maintenance/run";
import { seedPolicies } from "~/server/policy/seed";
import { setPolicyActive } from "~/server/reevaluation/policy-change";
import { createUser } from "~/server/users/service";

export const PASSWORD = "reports-password-123";
export const USERS = {
  admin: { email: "admin@reports.test", name: "Ada Admin", role: "admin", agency: null },
  officer: { email: "officer@reports.test", name: "Otto Officer", role: "officer", agency: null },
  agency_officer: { email: "prisons@reports.test", name: "Pia Prisons", role: "agency_officer", agency: "JUS-PRIS" },
  auditor: { email: "auditor@reports.test", name: "Aud Itor", role: "auditor", agency: null },
} as const;
export type SeedRole = keyof typeof USERS;

export const AGENCIES = [
  ["MIN-JUS", "Ministry of Justice", undefined, null],
  ["JUS-PRIS", "Prison Service", "MIN-JUS", "2027-03-31"],
  ["JUS-PRIS-N", "Prison Service, North region", "JUS-PRIS", null],
  ["JUS-POL", "National Police", "MIN-JUS", "2027-01-31"],
  ["MIN-FIN", "Ministry of Finance", undefined, null],
  ["FIN-TAX", "Tax Administration", "MIN-FIN", "2026-12-31"],
] as const;

export const POLICY = "lt-2017-kaspersky";
const HISTORY_DAYS = 30;

const profile = (code: string, endpoints: number, over: Partial<AgencyProfile>): AgencyProfile => ({ ...DEMO_PROFILE_DEFAULTS, code, endpoints, ...over });

export type SeededFleet = {
  users: Record<SeedRole, { id: number; email: string }>;
  agencies: Record<string, number>;
  devices: Map<number, { deviceId: string; secret: string; seq: number; plan: EndpointPlan }>;
  now: number;
  spec: FleetSpec;
};

export async function seedFleet(db: Db, opts: { now?: number; scale?: number } = {}): Promise<SeededFleet> {
  const now = opts.now ?? Date.now();
  const scale = opts.scale ?? 1;
  seedPolicies(db);
  syncCatalogVersion(db);
  const system: Actor = { userId: null, label: "cli:seed" };
  const agencies: Record<string, number> = {};
  for (const [code, name, parentCode, deadline] of AGENCIES) agencies[code] = createAgency(db, system, { code, name, parentCode, deadline }).id;
  const users = {} as SeededFleet["users"];
  for (const [role, u] of Object.entries(USERS) as [SeedRole, (typeof USERS)[SeedRole]][]) {
    const { user } = await createUser(db, system, { email: u.email, name: u.name, role: u.role, agencyCode: u.agency, password: PASSWORD });
    users[role] = { id: user.id, email: user.email };
  }
  const as = (role: SeedRole): Actor => ({ userId: users[role].id, label: users[role].email });

  const spec: FleetSpec = {
    seed: 11,
    days: HISTORY_DAYS,
    banDay: 3,
    startMs: Math.floor(now / DAY_MS) * DAY_MS - (HISTORY_DAYS - 1) * DAY_MS,
    agencies: [
      profile("MIN-JUS", 6 * scale, { kaspersky: 0.5, removed: 1 }),
      profile("JUS-PRIS", 40 * scale, { kaspersky: 0.9, removed: 0.35, removalFrom: 0.3, removalTo: 1, stale: 0.05, waivers: 0.05 }),
      profile("JUS-PRIS-N", 20 * scale, { kaspersky: 0.8, removed: 0.5, never: 0.05 }),
      profile("JUS-POL", 40 * scale, { kaspersky: 0.85, removed: 0.95, removalFrom: 0.05, removalTo: 0.6, remnants: 0.2 }),
      profile("MIN-FIN", 6 * scale, { kaspersky: 0.25, removed: 1 }),
      profile("FIN-TAX", 48 * scale, { kaspersky: 0.75, removed: 0.7, reinstall: 0.1, waivers: 0.04, unprotected: 0.2 }),
    ],
  };
  const plans = planFleet(spec);
  const policy = db.$client.prepare("select id from policies where slug = ?").get(POLICY) as { id: number };
  await setPolicyActive(db, as("admin"), { policyId: policy.id, active: true }, { now: spec.startMs, reevaluate: "sync" });

  const tokens = new Map<string, string>();
  for (const [code, id] of Object.entries(agencies)) {
    tokens.set(code, createToken(db, as("admin"), ALL, { agencyId: id, label: "seed", expiresInMs: 300 * DAY_MS }).token);
  }
  const devices: SeededFleet["devices"] = new Map();
  let batch: BulkCheckin[] = [];
  const flush = () => {
    if (!batch.length) return;
    const bad = ingestCheckins(db, batch).find((r) => r.status !== 200);
    if (bad) throw new Error(`seed check-in refused: ${JSON.stringify(bad.body)}`);
    batch = [];
  };
  for (const ev of fleetTimeline(spec, BUILTIN_CATALOG.version, { plans, notAfter: now - 3_600_000 })) {
    if (ev.type === "checkin") {
      const d = devices.get(ev.plan.key)!;
      d.seq += 1;
      batch.push({ report: { ...ev.report, deviceId: d.deviceId, seq: d.seq }, secret: d.secret, now: ev.at });
      continue;
    }
    flush();
    if (ev.type === "enroll") {
      const p = ev.plan;
      const r = enrollDevice(db, { enrollToken: tokens.get(p.agencyCode)!, hostname: p.hostname, hardwareId: p.hardwareId, agentVersion: "1.0.0", os: p.os }, { now: ev.at });
      devices.set(p.key, { deviceId: r.deviceId, secret: r.deviceSecret, seq: 0, plan: p });
    } else if (ev.type === "waiver") {
      const endpointId = (db.$client.prepare("select id from endpoints where device_id = ?").get(devices.get(ev.plan.key)!.deviceId) as { id: number }).id;
      const finding = db.$client.prepare("select id from findings where endpoint_id = ? and status = 'open' order by id limit 1").get(endpointId) as { id: number } | undefined;
      if (!finding) continue;
      const w = requestWaiver(
        db,
        { id: users.officer.id, role: "officer" },
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
      approveWaiver(db, { id: users.admin.id, role: "admin" }, as("admin"), ALL, { waiverId: w.id, note: "Isolated segment confirmed" }, ev.at + 3_600_000);
    } else if (ev.type === "day-end") {
      runMaintenance(db, ev.at);
    }
  }
  flush();
  runMaintenance(db, now);
  return { users, agencies, devices, now, spec };
}

/**
 * New check-ins after the seed: every still-reporting Kaspersky endpoint of `agencyCode` removes
 * it (its collectors all succeed and list nothing banned any more). Returns how many reported.
 */
export function removeKaspersky(db: Db, fleet: SeededFleet, agencyCode: string, at: number): number {
  const items: BulkCheckin[] = [];
  const lastDay = fleet.spec.days - 1;
  for (const d of fleet.devices.values()) {
    const p = d.plan;
    if (p.agencyCode !== agencyCode || !p.kaspersky || p.lastReportDay < lastDay) continue;
    const cleaned: EndpointPlan = {
      ...p,
      removalDay: 0,
      agentRemovalDay: 0,
      remnantsUntil: -1,
      reinstallDay: Number.POSITIVE_INFINITY,
      replacement: "defender",
      replacementDay: 0,
      defenderOff: false,
    };
    d.seq += 1;
    items.push({ report: { ...reportOn(cleaned, lastDay, at, BUILTIN_CATALOG.version), deviceId: d.deviceId, seq: d.seq }, secret: d.secret, now: at });
  }
  const bad = ingestCheckins(db, items).find((r) => r.status !== 200);
  if (bad) throw new Error(`check-in refused: ${JSON.stringify(bad.body)}`);
  return items.length;
}
