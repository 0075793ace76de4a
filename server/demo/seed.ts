// The demo deployment: ministries, agencies and one account per role. Idempotent: an
// existing demo database is reused as it is.
import { eq } from "drizzle-orm";
import { createAgency } from "../agencies/service";
import { SYSTEM_ACTOR } from "../audit/log";
import { bootstrap } from "../bootstrap";
import { users } from "../db/schema";
import { createUser } from "../users/service";

export const DEMO_PASSWORD = "muster-demo-2026";

export const DEMO_AGENCIES = [
  { code: "MIN-JUS", name: "Ministry of Justice and Security", parent: undefined, deadline: null },
  { code: "JUS-POL", name: "National Police", parent: "MIN-JUS", deadline: "2027-01-15" },
  { code: "JUS-PRIS", name: "Custodial Institutions Agency", parent: "MIN-JUS", deadline: "2026-12-15" },
  { code: "JUS-IND", name: "Immigration and Naturalisation Service", parent: "MIN-JUS", deadline: "2027-02-28" },
  { code: "MIN-FIN", name: "Ministry of Finance", parent: undefined, deadline: null },
  { code: "FIN-TAX", name: "Tax and Customs Administration", parent: "MIN-FIN", deadline: "2026-12-31" },
  { code: "FIN-TRES", name: "Treasury Agency", parent: "MIN-FIN", deadline: "2027-03-31" },
  { code: "MIN-INT", name: "Ministry of the Interior", parent: undefined, deadline: null },
  { code: "INT-ICT", name: "Government ICT Services", parent: "MIN-INT", deadline: "2026-12-01" },
  { code: "INT-ELEC", name: "Electoral Council", parent: "MIN-INT", deadline: "2027-01-31" },
  { code: "INT-SITE-HAG", name: "The Hague data centre", parent: "INT-ICT", deadline: null },
] as const;

export const DEMO_USERS = [
  { email: "admin@demo.muster", name: "Demo Administrator", role: "admin", agency: undefined },
  { email: "officer@demo.muster", name: "Demo Security Officer", role: "officer", agency: undefined },
  { email: "police@demo.muster", name: "Demo Police Officer", role: "agency_officer", agency: "JUS-POL" },
  { email: "auditor@demo.muster", name: "Demo Auditor", role: "auditor", agency: undefined },
] as const;

export async function seedDemo() {
  process.env.MUSTER_ADMIN_EMAIL ||= DEMO_USERS[0].email;
  process.env.MUSTER_ADMIN_PASSWORD ||= DEMO_PASSWORD;
  const { db } = await bootstrap({ actor: SYSTEM_ACTOR, log: () => {} });
  const seeded = db.select().from(users).where(eq(users.email, DEMO_USERS[1].email)).get();
  if (!seeded) {
    for (const a of DEMO_AGENCIES) {
      createAgency(db, SYSTEM_ACTOR, { code: a.code, name: a.name, parentCode: a.parent, deadline: a.deadline });
    }
    for (const u of DEMO_USERS.slice(1)) {
      await createUser(db, SYSTEM_ACTOR, { email: u.email, name: u.name, role: u.role, agencyCode: u.agency ?? null, password: DEMO_PASSWORD });
    }
  }
  return { password: DEMO_PASSWORD, users: DEMO_USERS.map((u) => ({ email: u.email, role: u.role, agency: u.agency })) };
}
