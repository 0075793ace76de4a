// Issue 15: a report's fingerprint is the same for the same data on SQLite and on PostgreSQL. The
// fleet is replayed once on SQLite, every row is copied as it is into a PostgreSQL database (ids
// included: both engines then hold the very same data), and the same reports are published on
// both: deployment-wide today, one agency's subtree on a past day (rebuilt from the timelines).
// Runs under either MUSTER_TEST_ENGINE: it uses the suite's cluster when there is one, else
// starts its own (tests/support/postgres.ts).
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL } from "~/server/access/scope";
import { closeDb, type Db, getDb, migrateDb } from "~/server/db/client";
import { SyncPgConnection } from "~/server/db/pg-sync";
import { addDays, dayOf } from "~/server/lib/time";
import { buildReportData } from "~/server/reports/build";
import { canonicalJson } from "~/server/reports/canonical";
import { publishReport } from "~/server/reports/publish";
import { resolveReportScope } from "~/server/reports/scope";
import { registerReportFile, verifyFingerprint } from "~/server/reports/verify";
import { type TempPostgres, startPostgres } from "../../support/postgres";
import { tempDir } from "../../support/db";
import { type SeededFleet, seedFleet, USERS } from "./seed";
import fs from "node:fs";
import path from "node:path";

// A fixed clock: both databases are asked about the same moment.
const NOW = Date.UTC(2026, 10, 20, 15, 0, 0);

let dir: string;
let sqliteFile: string;
let sqlite: Db;
let pgUrl: string;
let pg: Db;
let ownCluster: TempPostgres | null = null;
let dropPg: () => void = () => {};
let fleet: SeededFleet;

/** A new database on the suite's cluster (MUSTER_TEST_PG_URL), or on a cluster of this file's own. */
async function newPgDatabase(): Promise<string> {
  const name = `t_fp_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = process.env.MUSTER_TEST_PG_URL;
  if (!admin) {
    ownCluster = await startPostgres();
    return ownCluster.createDatabase(name);
  }
  const conn = new SyncPgConnection(admin);
  conn.query(`create database ${name}`);
  conn.close();
  dropPg = () => {
    const c = new SyncPgConnection(admin);
    try {
      c.query(`drop database if exists ${name} with (force)`);
    } finally {
      c.close();
    }
  };
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Every row of every table of `from` into the same table of `to` (PostgreSQL), triggers and foreign keys off meanwhile. */
function copyRows(from: Db, to: Db): void {
  const pgTables = new Set(
    (to.$client.prepare("select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'").all() as { t: string }[]).map((r) => r.t),
  );
  const tables = (from.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'").all() as { name: string }[])
    .map((r) => r.name)
    .filter((t) => pgTables.has(t));
  to.$client.exec("set session_replication_role = replica");
  try {
    for (const table of tables) {
      const rows = from.$client.prepare(`select * from "${table}"`).raw(true).all() as unknown[][];
      if (rows.length === 0) continue;
      const columns = (from.$client.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => `"${c.name}"`);
      // Booleans arrive as 1/0, which PostgreSQL's boolean input reads as well.
      const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
      for (let i = 0; i < rows.length; i += perStatement) {
        const chunk = rows.slice(i, i + perStatement);
        const values = chunk.map(() => `(${columns.map(() => "?").join(", ")})`).join(", ");
        to.$client.prepare(`insert into "${table}" (${columns.join(", ")}) values ${values}`).run(chunk.flat());
      }
    }
  } finally {
    to.$client.exec("set session_replication_role = origin");
  }
  // The ids were copied, not drawn: each identity continues after the largest one.
  const identities = to.$client.prepare("select table_name as t, column_name as c from information_schema.columns where table_schema = 'public' and is_identity = 'YES'").all() as {
    t: string;
    c: string;
  }[];
  for (const { t, c } of identities) {
    to.$client.prepare(`select setval(pg_get_serial_sequence('"${t}"', '${c}'), (select max("${c}") from "${t}")) where exists (select 1 from "${t}")`).get();
  }
}

beforeAll(async () => {
  dir = tempDir("muster-fingerprint-");
  sqliteFile = path.join(dir, "muster.db");
  sqlite = getDb(sqliteFile);
  migrateDb(sqlite);
  fleet = await seedFleet(sqlite, { now: NOW });
  pgUrl = await newPgDatabase();
  pg = getDb(pgUrl);
  migrateDb(pg);
  copyRows(sqlite, pg);
}, 240_000);

afterAll(async () => {
  closeDb(sqliteFile);
  if (pgUrl) closeDb(pgUrl);
  dropPg();
  await ownCluster?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const officer = () => ({ id: fleet.users.officer.id, email: USERS.officer.email, name: USERS.officer.name, role: USERS.officer.role, agencyId: null });
const actor = () => ({ userId: fleet.users.officer.id, label: USERS.officer.email });

/** Where two texts first differ, with some context (a fingerprint alone would not say why). */
function firstDifference(a: string, b: string): string | null {
  if (a === b) return null;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: sqlite …${a.slice(Math.max(0, i - 80), i + 80)}… postgres …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

describe("the same data gives the same report on SQLite and PostgreSQL", () => {
  it("the same canonical text, deployment-wide today and for an agency on a past day", () => {
    for (const [agencyId, asOf] of [
      [null, dayOf(NOW)],
      [fleet.agencies["JUS-PRIS"]!, addDays(dayOf(NOW), -5)],
    ] as const) {
      const text = (db: Db) => {
        const data = buildReportData(db, resolveReportScope(db, ALL, agencyId), { asOf, now: NOW });
        expect(data.findings.count).toBeGreaterThan(0); // the per-endpoint rows are part of what is compared
        return canonicalJson(data);
      };
      const [a, b] = [text(sqlite), text(pg)];
      expect(firstDifference(a, b)).toBeNull();
    }
  });

  it("the same fingerprint when published", () => {
    const publish = (db: Db, agencyId: number | null, asOf: string) => publishReport(db, officer(), ALL, actor(), { agencyId, asOf }, NOW);
    for (const [agencyId, asOf] of [
      [null, dayOf(NOW)],
      [fleet.agencies["JUS-POL"]!, addDays(dayOf(NOW), -10)],
    ] as const) {
      const a = publish(sqlite, agencyId, asOf);
      const b = publish(pg, agencyId, asOf);
      expect(b.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(b.sha256).toBe(a.sha256);
      // Both verify it alike, and a file served for it (the verification page's look-ups).
      const file = (db: Db, id: number) => registerReportFile(db, id, "agencies.csv", `report ${a.sha256}`, NOW);
      expect(file(pg, b.id)).toBe(file(sqlite, a.id));
      for (const sha of [a.sha256, file(sqlite, a.id)]) {
        const [va, vb] = [verifyFingerprint(sqlite, sha), verifyFingerprint(pg, sha)];
        expect(va).not.toBeNull();
        expect(vb).toEqual(va);
      }
    }
  });
});
