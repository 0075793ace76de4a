// A seeded deployment for the access, fuzz and audit tests: the reports' fleet (two ministries,
// six agencies, one account per role, the agency officer in JUS-PRIS), plus what every procedure
// and route needs to have something to act on: published reports in and out of the officer's
// scope, pending and approved waivers in both, tokens, and spare accounts. Sessions over HTTP are
// minted with the server's AUTH_SECRET (NextAuth's own encoder), including expired and forged ones.
import fs from "node:fs";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { ALL, scopeFor, type Viewer } from "~/server/access/scope";
import type { Actor } from "~/server/audit/log";
import type { Db } from "~/server/db/client";
import { createToken } from "~/server/enrollment/tokens";
import { approveWaiver, requestWaiver } from "~/server/findings/waivers";
import { importInventory } from "~/server/import/service";
import { insertAmbiguity } from "~/server/import/store";
import { createImportToken } from "~/server/import/tokens";

const GOVERNED = { compensatingControls: "Isolated network segment, traffic monitored.", extensionReason: "The replacement is scheduled after the removal deadline." };
import { publishReport } from "~/server/reports/publish";
import { createUser } from "~/server/users/service";
import { say } from "~/server/import/texts";
import { type SeededFleet, type SeedRole, seedFleet, USERS } from "../reports/seed";

export const AUTH_SECRET = "reliability-tests-auth-secret-0123456789abcdef";
export const ROLES = ["admin", "officer", "agency_officer", "auditor"] as const;
/** The agency officer's agency; its subtree is JUS-PRIS and JUS-PRIS-N. */
export const OWN = ["JUS-PRIS", "JUS-PRIS-N"];
export const FOREIGN = ["MIN-JUS", "JUS-POL", "MIN-FIN", "FIN-TAX"];

export type World = {
  db: Db;
  file: string;
  fleet: SeededFleet;
  viewers: Record<SeedRole, Viewer>;
  agencyIds: Record<string, number>;
  reports: { own: number; foreign: number; all: number };
  /** Ids of rows in the officer's subtree and outside it. */
  own: { endpoints: number[]; deviceIds: string[]; findings: number[]; waivers: number[]; tokens: number[] };
  foreign: { endpoints: number[]; deviceIds: string[]; findings: number[]; waivers: number[]; tokens: number[] };
  spareUsers: number[];
  /** An applied import, an open ambiguous device and an import token in the officer's subtree and outside it. */
  imports: { own: number; foreign: number; ownAmbiguity: number; foreignAmbiguity: number; ownToken: number; foreignToken: number };
};

/** A small Intune export of `n` Windows devices named `<prefix>-<i>`, the first with Kaspersky. */
export function intuneCsv(prefix: string, n = 2): string {
  const rows = ["ApplicationKey,ApplicationName,ApplicationPublisher,ApplicationShortVersion,ApplicationVersion,DeviceId,DeviceName,OSDescription,OSVersion,Platform,UserId,EmailAddress,UserName"];
  for (let i = 0; i < n; i++) {
    const app = i === 0 ? "Kaspersky Endpoint Security for Windows,AO Kaspersky Lab,11.11.0,11.11.0.452" : "Google Chrome,Google LLC,124.0,124.0.6367.91";
    rows.push(`k${i},${app},${prefix}-dev-${i},${prefix}-${i},Windows 11 Enterprise,10.0.22631,Windows,u${i},user${i}@example.gov,User ${i}`);
  }
  return `${rows.join("\n")}\n`;
}

/** Imports a generated Intune export into an agency (as the CLI would) and returns the import id. */
export async function importInto(db: Db, agencyId: number, prefix: string, dir: string): Promise<number> {
  const file = path.join(dir, `${prefix}.csv`);
  fs.writeFileSync(file, intuneCsv(prefix));
  const r = await importInventory(db, { agencyId, file, fileName: `${prefix}.csv`, actor: { userId: null, label: "cli:test" } });
  if (r.status !== "applied") throw new Error(`import ${prefix}: ${r.status} ${r.message}`);
  return r.id;
}

/** Seeds a migrated database of the suite's engine (createTempDb); `file` is its location, `dir` a folder for the imports' files. */
export async function seedWorld({ db, file, dir }: { db: Db; file: string; dir: string }): Promise<World> {
  const fleet = await seedFleet(db);
  const q = <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args) as T[];
  const agencyIds = Object.fromEntries(q<{ code: string; id: number }>("select code, id from agencies").map((a) => [a.code, a.id]));
  const viewers = {} as Record<SeedRole, Viewer>;
  for (const role of ROLES) {
    const u = q<Viewer>("select id, email, name, role, agency_id as agencyId from users where email = ?", USERS[role].email)[0]!;
    viewers[role] = u;
  }
  const actor = (role: SeedRole): Actor => ({ userId: viewers[role].id, label: viewers[role].email });
  const today = new Date().toISOString().slice(0, 10);
  const reports = {
    own: publishReport(db, viewers.agency_officer, scopeFor(db, viewers.agency_officer), actor("agency_officer"), { agencyId: agencyIds["JUS-PRIS"]!, asOf: today }).id,
    foreign: publishReport(db, viewers.officer, ALL, actor("officer"), { agencyId: agencyIds["FIN-TAX"]!, asOf: today }).id,
    all: publishReport(db, viewers.admin, ALL, actor("admin"), { agencyId: null, asOf: today }).id,
  };
  // Waivers awaiting a decision in both scopes (the seed's own are approved).
  for (const code of ["JUS-PRIS", "FIN-TAX"]) {
    const open = q<{ id: number }>("select id from findings where status = 'open' and agency_id = ? and id not in (select finding_id from waivers) order by id limit 2", agencyIds[code]);
    for (const f of open) {
      requestWaiver(db, viewers.officer, actor("officer"), ALL, {
        findingId: f.id,
        justification: `Isolated lab machine in ${code}, vendor support ends next quarter.`,
        ...GOVERNED,
        expiresAt: Date.now() + 30 * 86_400_000,
      });
    }
    const approved = q<{ id: number }>("select id from waivers where status = 'pending' and agency_id = ? order by id limit 1", agencyIds[code])[0];
    if (approved) approveWaiver(db, viewers.admin, actor("admin"), ALL, { waiverId: approved.id, note: "Approved after review" });
  }
  for (const code of ["JUS-PRIS-N", "JUS-POL"]) createToken(db, actor("admin"), ALL, { agencyId: agencyIds[code]!, label: `spare ${code}` });
  const spareUsers: number[] = [];
  for (let i = 0; i < 3; i++) {
    spareUsers.push((await createUser(db, actor("admin"), { email: `spare${i}@reliability.test`, name: `Spare ${i}`, role: "officer", password: "spare-password-1234" })).user.id);
  }
  const importIds = { own: await importInto(db, agencyIds["JUS-PRIS"]!, "pris-imp", dir), foreign: await importInto(db, agencyIds["FIN-TAX"]!, "tax-imp", dir) };
  const ambiguity = (importId: number, code: string) => {
    const candidate = q<{ id: number }>("select id from endpoints where agency_id = ? order by id limit 1", agencyIds[code])[0]!.id;
    insertAmbiguity(db, {
      importId,
      agencyId: agencyIds[code]!,
      source: "intune",
      sourceDeviceId: `amb-${code}`,
      hostname: `amb-${code}`,
      platform: "windows",
      candidates: [candidate],
      reason: say("ambiguousAgency", { count: 2, hostname: `amb-${code}` }),
    });
    return q<{ id: number }>("select max(id) as id from import_ambiguities")[0]!.id;
  };
  const imports = {
    own: importIds.own,
    foreign: importIds.foreign,
    ownAmbiguity: ambiguity(importIds.own, "JUS-PRIS"),
    foreignAmbiguity: ambiguity(importIds.foreign, "FIN-TAX"),
    ownToken: createImportToken(db, actor("admin"), ALL, { agencyId: agencyIds["JUS-PRIS"]! }).row.id,
    foreignToken: createImportToken(db, actor("admin"), ALL, { agencyId: agencyIds["FIN-TAX"]! }).row.id,
  };
  const ownIds = OWN.map((c) => agencyIds[c]!);
  const split = (sql: string) => {
    const rows = q<{ id: number; agency: number }>(sql);
    return { own: rows.filter((r) => ownIds.includes(r.agency)).map((r) => r.id), foreign: rows.filter((r) => !ownIds.includes(r.agency)).map((r) => r.id) };
  };
  const endpoints = split("select id, agency_id as agency from endpoints");
  const findings = split("select id, agency_id as agency from findings");
  const waivers = split("select id, agency_id as agency from waivers");
  const tokens = split("select id, agency_id as agency from enrollment_tokens");
  const device = (ids: number[]) => ids.map((id) => q<{ d: string }>("select device_id as d from endpoints where id = ?", id)[0]!.d);
  return {
    db,
    file,
    fleet,
    viewers,
    agencyIds,
    reports,
    own: { endpoints: endpoints.own, deviceIds: device(endpoints.own), findings: findings.own, waivers: waivers.own, tokens: tokens.own },
    foreign: { endpoints: endpoints.foreign, deviceIds: device(endpoints.foreign), findings: findings.foreign, waivers: waivers.foreign, tokens: tokens.foreign },
    spareUsers,
    imports,
  };
}

/** A NextAuth session cookie for `viewer`, as the server would issue it (maxAge < 0: already expired). */
export async function sessionCookie(viewer: Viewer, opts: { secret?: string; maxAgeS?: number; secure?: boolean } = {}): Promise<string> {
  const token = await encode({
    secret: opts.secret ?? AUTH_SECRET,
    maxAge: opts.maxAgeS ?? 3600,
    token: { sub: String(viewer.id), uid: viewer.id, role: viewer.role, agencyId: viewer.agencyId, email: viewer.email, name: viewer.name },
  });
  return `${opts.secure ? "__Secure-" : ""}next-auth.session-token=${token}`;
}
