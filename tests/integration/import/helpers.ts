// Shared by the import tests: a real database with the Kaspersky ban in force, an agency, and the
// import service run on the fixture files (or on text written to a temporary file).
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import type { Db } from "~/server/db/client";
import { asciiLower } from "~/server/db/read-sql";
import { checkCounters } from "~/server/findings/counters";
import { type ImportInput, importInventory } from "~/server/import/service";
import { tableDigest } from "../reliability/support";
import { activate, freshDb, makeAgency, type TestDb } from "../ingest/helpers";

export const FIXTURES = path.join(__dirname, "../../fixtures/import");
export const OFFICER = { userId: null, label: "officer@import.test" };

export async function importWorld(): Promise<TestDb & { agencyId: number; otherAgencyId: number }> {
  const t = freshDb();
  await activate(t.db, "us-bod-17-01", Date.now() - 86_400_000);
  return { ...t, agencyId: makeAgency(t.db, "JUS-PRIS").id, otherAgencyId: makeAgency(t.db, "FIN-TAX").id };
}

export function runImport(db: Db, agencyId: number, file: string, opts: Partial<ImportInput> = {}) {
  const full = path.isAbsolute(file) ? file : path.join(FIXTURES, file);
  return importInventory(db, { agencyId, file: full, fileName: path.basename(full), actor: OFFICER, ...opts });
}

/** Writes `text` to a file in `dir` and returns its path. */
export function writeFile(dir: string, name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

export type EndpointView = { id: number; hostname: string; state: string; evidence: string; osPlatform: string; agencyId: number; lastCollectedAt: number | null; importedAt: number | null };

export function endpointNamed(db: Db, hostname: string): EndpointView | undefined {
  return db.$client
    .prepare(
      `select id, hostname, state, evidence, os_platform as osPlatform, agency_id as agencyId, last_collected_at as lastCollectedAt, imported_at as importedAt
       from endpoints where hostname collate nocase = ?`,
    )
    .get(asciiLower(hostname)) as EndpointView | undefined;
}

/** Open (or excepted) findings of an endpoint: "product:presence". */
export function openFindings(db: Db, endpointId: number): string[] {
  return (
    db.$client.prepare("select product, presence from findings where endpoint_id = ? and status in ('open', 'excepted') order by product").all(endpointId) as {
      product: string;
      presence: string;
    }[]
  ).map((f) => `${f.product}:${f.presence}`);
}

export function findingStatuses(db: Db, endpointId: number): string[] {
  return (db.$client.prepare("select product, status from findings where endpoint_id = ? order by product").all(endpointId) as { product: string; status: string }[]).map(
    (f) => `${f.product}:${f.status}`,
  );
}

/** Everything but the import history and the audit log (which a refused import does write). */
export function dataDigest(sqlite: Database.Database): string {
  return tableDigest(sqlite, (table) => table === "imports" || table === "audit_log" || table === "sqlite_sequence");
}

export function expectCountersConsistent(db: Db) {
  const m = checkCounters(db);
  if (m.length) throw new Error(`counter mismatches: ${JSON.stringify(m.slice(0, 5))}`);
}

const INTUNE_HEADER =
  "ApplicationKey,ApplicationName,ApplicationPublisher,ApplicationShortVersion,ApplicationVersion,DeviceId,DeviceName,OSDescription,OSVersion,Platform,UserId,EmailAddress,UserName";

/** An Intune export: `devices` Windows PCs with 10 programs each, every fifth with Kaspersky. */
export function intuneExport(file: string, devices: number): void {
  const lines = [`\uFEFF${INTUNE_HEADER}`];
  for (let d = 0; d < devices; d++) {
    const id = `${((d * 2654435761) >>> 0).toString(16).padStart(8, "0")}-4b7d-4e3a-9c1f-${d.toString(16).padStart(12, "0")}`;
    const tail = `${id},PC-THREAD-${String(d).padStart(6, "0")},Windows 11 Enterprise,10.0.22631.3447,Windows,u-${d},user${d}@thread.example.gov,User ${d}`;
    for (let i = 0; i < 10; i++) {
      const app = i === 0 && d % 5 === 0 ? "k,Kaspersky Endpoint Security for Windows,AO Kaspersky Lab,11.11.0,11.11.0.452" : `k${i},Business Application ${i},Contoso,${i}.0,${i}.0.${d % 3}`;
      lines.push(`${app},${tail}`);
    }
  }
  fs.writeFileSync(file, lines.join("\r\n"));
}
