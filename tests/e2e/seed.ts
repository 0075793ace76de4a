// Seeds the end-to-end database through the same services the dashboard and CLI use.
// Run as a child process: node --require ./server/runtime/preload.cjs --import tsx tests/e2e/seed.ts
import { createAgency } from "~/server/agencies/service";
import { cliActor } from "~/server/audit/log";
import { bootstrap } from "~/server/bootstrap";
import { createUser } from "~/server/users/service";
import { E2E_PASSWORD, E2E_USERS } from "./users";

async function main() {
  const { db } = await bootstrap({ log: () => {} });
  const actor = cliActor();
  for (const [code, name, parentCode, deadline] of [
    ["MIN-JUS", "Ministry of Justice", undefined, null],
    ["JUS-PRIS", "Prison Service", "MIN-JUS", "2027-03-31"],
    ["JUS-PRIS-NORTH", "Prison Service — North region", "JUS-PRIS", null],
    ["JUS-POL", "National Police", "MIN-JUS", "2027-01-31"],
    ["MIN-FIN", "Ministry of Finance", undefined, null],
    ["FIN-TAX", "Tax Administration", "MIN-FIN", "2026-12-31"],
  ] as const) {
    createAgency(db, actor, { code, name, parentCode, deadline });
  }
  for (const u of Object.values(E2E_USERS)) {
    await createUser(db, actor, { email: u.email, name: u.name, role: u.role, agencyCode: u.agency ?? null, password: E2E_PASSWORD });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
