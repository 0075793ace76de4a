// The demo deployment: three ministries, eight agencies and a site, one account per role,
// a Kaspersky ban in force for 60 days and 90 days of fleet history replayed through the
// real ingest code. Idempotent: an existing demo database is reused as it is.
import { createAgency, getAgencyByCode } from "../agencies/service";
import { SYSTEM_ACTOR } from "../audit/log";
import { bootstrap } from "../bootstrap";
import type { Db } from "../db/client";
import { demoMarker, markDemoDatabase } from "../db/demo-marker";
import { demoFleetSpec } from "../fleet/profiles";
import { addDays, dayOf } from "../lib/time";
import { createUser } from "../users/service";
import { userByEmail } from "../users/store";
import { closeReplayedEvents } from "../notify-events/record";
import { runMaintenance } from "../maintenance/run";
import { IMPORTED_AGENCY, seedImportedAgency } from "./imported-agency";
import { replayFleet } from "./replay";

export const DEMO_PASSWORD = "muster-demo-2026";

/** Deadlines are relative to the day the demo is seeded, so the story holds any day. */
export const DEMO_AGENCIES = [
  { code: "MIN-JUS", name: "Ministry of Justice", parent: undefined, deadlineInDays: 60 },
  { code: "JUS-POL", name: "National Police", parent: "MIN-JUS", deadlineInDays: 45 },
  { code: "JUS-PRIS", name: "Prison Service", parent: "MIN-JUS", deadlineInDays: 14 },
  { code: "JUS-IND", name: "Immigration and Naturalisation Service", parent: "MIN-JUS", deadlineInDays: 60 },
  { code: "MIN-FIN", name: "Ministry of Finance", parent: undefined, deadlineInDays: 90 },
  { code: "FIN-TAX", name: "Tax and Customs Administration", parent: "MIN-FIN", deadlineInDays: 30 },
  { code: "FIN-TRES", name: "Treasury Agency", parent: "MIN-FIN", deadlineInDays: 90 },
  { code: "MIN-INT", name: "Ministry of the Interior", parent: undefined, deadlineInDays: 75 },
  { code: "INT-ICT", name: "Government ICT Services", parent: "MIN-INT", deadlineInDays: -3 },
  { code: "INT-ELEC", name: "Electoral Council", parent: "MIN-INT", deadlineInDays: 75 },
  { code: "INT-SITE-HAG", name: "Central data centre", parent: "INT-ICT", deadlineInDays: null },
  IMPORTED_AGENCY,
] as const;

export const DEMO_USERS = [
  { email: "admin@demo.muster", name: "Demo Administrator", role: "admin", agency: undefined },
  { email: "officer@demo.muster", name: "Demo Security Officer", role: "officer", agency: undefined },
  { email: "police@demo.muster", name: "Demo Police Officer", role: "agency_officer", agency: "JUS-POL" },
  { email: "auditor@demo.muster", name: "Demo Auditor", role: "auditor", agency: undefined },
] as const;

/** The policies the demo puts in force on its ban day. */
export const DEMO_POLICIES = ["us-bod-17-01"];

async function seedFleet(db: Db, now: number, log: (line: string) => void) {
  const today = dayOf(now);
  for (const a of DEMO_AGENCIES) {
    createAgency(db, SYSTEM_ACTOR, {
      code: a.code,
      name: a.name,
      parentCode: a.parent,
      deadline: a.deadlineInDays === null ? null : addDays(today, a.deadlineInDays),
    });
  }
  const people: Record<string, { id: number; role: (typeof DEMO_USERS)[number]["role"]; email: string }> = {};
  for (const u of DEMO_USERS.slice(1)) {
    const { user } = await createUser(db, SYSTEM_ACTOR, { email: u.email, name: u.name, role: u.role, agencyCode: u.agency ?? null, password: DEMO_PASSWORD });
    people[u.role] = { id: user.id, role: u.role, email: user.email };
  }
  const admin = userByEmail(db, DEMO_USERS[0].email)!;
  const person = (p: { id: number; role: "admin" | "officer"; email: string }) => ({ who: { id: p.id, role: p.role }, actor: { userId: p.id, label: p.email } });
  const stats = await replayFleet(db, demoFleetSpec(now), {
    now,
    policySlugs: DEMO_POLICIES,
    requester: person(people.officer as { id: number; role: "officer"; email: string }),
    approver: person({ id: admin.id, role: "admin", email: admin.email }),
    system: SYSTEM_ACTOR,
    log,
  });
  log(`Replayed ${stats.checkins.toLocaleString("en")} check-ins from ${stats.endpoints.toLocaleString("en")} endpoints (${stats.waivers} waivers) in ${(stats.ms / 1000).toFixed(1)} s`);
  if (stats.rejected) log(`  warning: ${stats.rejected} check-ins were rejected`);
  const customs = getAgencyByCode(db, IMPORTED_AGENCY.code)!;
  await seedImportedAgency(db, customs.id, now, { userId: people.officer!.id, label: people.officer!.email }, log);
  runMaintenance(db, now);
  // The replayed 90 days are history: digests report them, no alert goes out for them.
  closeReplayedEvents(db, Date.now());
  markDemoDatabase(db, now);
}

export async function seedDemo(opts: { now?: number; log?: (line: string) => void } = {}) {
  const log = opts.log ?? ((line: string) => console.log(line));
  process.env.MUSTER_ADMIN_EMAIL ||= DEMO_USERS[0].email;
  process.env.MUSTER_ADMIN_PASSWORD ||= DEMO_PASSWORD;
  const { db } = await bootstrap({ actor: SYSTEM_ACTOR, log: () => {} });
  const seeded = userByEmail(db, DEMO_USERS[1].email);
  if (seeded) {
    log("Reusing the existing demo database (npm run demo -- --reset starts over).");
    // Seeded by a version before the marker: its demo accounts say whose it is.
    if (!demoMarker(db)) markDemoDatabase(db, Date.now());
  } else await seedFleet(db, opts.now ?? Date.now(), log);
  return { db, password: DEMO_PASSWORD, users: DEMO_USERS.map((u) => ({ email: u.email, role: u.role, agency: u.agency })) };
}
