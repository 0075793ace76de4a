// The admin CLI's commands. Each validates its flags, calls a service and prints the result.
import fs from "node:fs";
import path from "node:path";
import { cliActor } from "../audit/log";
import { recordAudit } from "../audit/log";
import { createAgency, getAgencyByCode } from "../agencies/service";
import { ALL } from "../access/scope";
import { bootstrap } from "../bootstrap";
import { databasePath, databaseUrl } from "../config";
import { getDb, migrateDb, recordedMigrationCount } from "../db/client";
import { closePg, getPgPool, migratePg, pgDrizzle, explainPgError } from "../db/pg";
import { insertAuditEntryPg } from "../audit/store-pg";
import { createToken } from "../enrollment/tokens";
import { parseDuration } from "../lib/time";
import { generatePassword } from "../lib/crypto";
import { createUser, setPassword } from "../users/service";
import { userByEmail } from "../users/store";
import { getPolicy, listPolicies, previewPolicyChange } from "../policy/service";
import { setPolicyActive } from "../reevaluation/policy-change";
import { markReevaluationPending, runPendingReevaluation } from "../reevaluation/reevaluate";
import { checkCounters } from "../findings/counters";
import { IMPORT_SOURCES, type ImportSource } from "../db/schema";
import { importInventory } from "../import/service";
import { createImportToken } from "../import/tokens";
import { config } from "../config";

type Values = Record<string, string | boolean | undefined>;
type OptionSpec = Record<string, { type: "string" | "boolean"; short?: string }>;
export type Command = {
  summary: string;
  usage: string;
  options: OptionSpec;
  run: (values: Values, positionals: string[]) => Promise<void>;
  /** Why the command refuses DATABASE_URL (it is SQLite's own); every other command runs on PostgreSQL when it is set. */
  sqliteOnly?: string;
};

export class UsageError extends Error {}

/**
 * A consistent copy of the database in FILE, which must not exist. All pages in one step, inside
 * one read transaction: a snapshot while the server keeps writing (WAL; copied in small steps the
 * backup would restart at every commit another process makes and, under load, never finish).
 * Written into a private folder made for it beside FILE (0700, unpredictable name) in a file
 * created exclusively (0600), then linked to FILE: link, unlike rename, refuses to replace a file
 * that appeared meanwhile. FILE is a whole backup or absent, and never someone else's file.
 */
async function writeBackup(db: ReturnType<typeof getDb>, file: string): Promise<void> {
  const work = fs.mkdtempSync(path.join(path.dirname(file), ".muster-backup-"));
  try {
    const partial = path.join(work, "backup.db");
    fs.closeSync(fs.openSync(partial, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600));
    await db.$client.backup(partial, { progress: () => 0x7fffffff });
    try {
      fs.linkSync(partial, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") throw new UsageError(`${file} appeared while the backup was written; it was left as it is: choose a new file name`);
      throw err;
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function required(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== "string" || v.trim() === "") throw new UsageError(`--${name} is required`);
  return v.trim();
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/** Migrations recorded in drizzle's journal table (0 on a new database). */
function appliedMigrations(db: ReturnType<typeof getDb>): number {
  try {
    return recordedMigrationCount(db);
  } catch {
    return 0;
  }
}

async function ready() {
  const { db } = await bootstrap({ actor: cliActor() });
  return db;
}

async function setActiveFromCli(slug: string, active: boolean) {
  const db = await ready();
  let policy;
  try {
    policy = getPolicy(db, slug);
  } catch {
    throw new UsageError(`No policy with slug ${slug} (see: npm run admin -- list-policies)`);
  }
  const preview = previewPolicyChange(db, policy.id, active);
  const r = await setPolicyActive(db, cliActor(), { policyId: policy.id, active }, { reevaluate: "sync" });
  if (!r.changed) {
    console.log(`${policy.slug} is already ${active ? "in force" : "inactive"}`);
    return;
  }
  console.log(
    `${policy.slug} ${active ? "is now in force" : "was withdrawn"}: ${preview.endpointsAffected} endpoint(s) affected; re-evaluated ${r.reevaluation?.endpoints ?? 0} in ${r.reevaluation?.ms ?? 0} ms`,
  );
}

/**
 * `migrate` with DATABASE_URL: drizzle/pg's migrations under the migration advisory lock (db/pg.ts),
 * each applied one named, then an audit entry in the PostgreSQL database's own log.
 */
async function migratePostgres(url: string): Promise<void> {
  const result = await migratePg({ url, onWait: () => console.log("Another node is migrating this database; waiting for it to finish (advisory lock)") });
  for (const tag of result.applied) console.log(`  applied ${tag}`);
  try {
    await insertAuditEntryPg(pgDrizzle(getPgPool(url)), {
      at: Date.now(),
      actorUserId: null,
      actor: cliActor().label,
      action: "database.migrate",
      objectType: "database",
      details: JSON.stringify({ applied: result.applied.length, total: result.total }),
    });
  } catch (err) {
    throw explainPgError(err, url);
  } finally {
    await closePg(url);
  }
  const applied = result.applied.length;
  if (result.unknown > 0) {
    console.log(`Note: the database has ${result.unknown} migration(s) newer than this version of Muster knows: a newer version migrated it. Nothing was undone.`);
  }
  console.log(`Migrations applied to PostgreSQL ${result.target}${applied > 0 ? ` (${applied} new, ${result.total} in all)` : ` (none pending, ${result.total} in all)`}`);
}

export const COMMANDS: Record<string, Command> = {
  migrate: {
    summary: "Apply database migrations (also done at every server start); on PostgreSQL when DATABASE_URL is set.",
    usage: "",
    options: {},
    async run() {
      const url = databaseUrl();
      if (url) return migratePostgres(url);
      const db = getDb();
      const before = appliedMigrations(db);
      migrateDb(db);
      const after = appliedMigrations(db);
      recordAudit(db, cliActor(), { action: "database.migrate", objectType: "database", details: { applied: after - before, total: after } });
      console.log(`Migrations applied to ${databasePath()}${after > before ? ` (${after - before} new)` : " (none pending)"}`);
    },
  },
  "create-agency": {
    summary: "Create an agency, optionally under a parent and with a removal deadline.",
    usage: "--code C --name N [--parent P] [--deadline YYYY-MM-DD]",
    options: { code: { type: "string" }, name: { type: "string" }, parent: { type: "string" }, deadline: { type: "string" } },
    async run(values) {
      const db = await ready();
      const row = createAgency(db, cliActor(), {
        code: required(values, "code"),
        name: required(values, "name"),
        parentCode: (values.parent as string | undefined) || undefined,
        deadline: (values.deadline as string | undefined) || undefined,
      });
      console.log(`Created agency ${row.code} (${row.name})${row.deadline ? `, deadline ${row.deadline}` : ""}`);
    },
  },
  "create-user": {
    summary: "Create an account. The password is read from standard input, or generated and printed once.",
    usage: "--email E --role admin|officer|agency_officer|auditor [--agency C] [--name N]",
    options: { email: { type: "string" }, role: { type: "string" }, agency: { type: "string" }, name: { type: "string" } },
    async run(values) {
      const db = await ready();
      const email = required(values, "email");
      const password = (await readStdin()) || undefined;
      const { user, generatedPassword } = await createUser(db, cliActor(), {
        email,
        name: (values.name as string | undefined) || email.split("@")[0]!,
        role: required(values, "role") as "admin",
        agencyCode: (values.agency as string | undefined) || null,
        password,
      });
      console.log(`Created ${user.role} ${user.email}`);
      if (generatedPassword) console.log(`Password (shown once): ${generatedPassword}`);
    },
  },
  "set-password": {
    summary: "Set an account's password (read from standard input, or generated and printed once); ends its open sessions.",
    usage: "--email E",
    options: { email: { type: "string" } },
    async run(values) {
      const db = await ready();
      const email = required(values, "email").toLowerCase();
      const user = userByEmail(db, email);
      if (!user) throw new UsageError(`No account ${email}`);
      const given = (await readStdin()) || undefined;
      const password = given ?? generatePassword();
      await setPassword(db, cliActor(), user.id, password);
      console.log(`Password of ${email} changed; its open sessions have ended`);
      if (!given) console.log(`Password (shown once): ${password}`);
    },
  },
  "create-token": {
    summary: "Create an enrollment token for an agency; prints it once.",
    usage: "--agency C [--expires-in 7d] [--max-uses N] [--label L]",
    options: { agency: { type: "string" }, "expires-in": { type: "string" }, "max-uses": { type: "string" }, label: { type: "string" } },
    async run(values) {
      const db = await ready();
      const code = required(values, "agency");
      const agency = getAgencyByCode(db, code);
      if (!agency) throw new UsageError(`No agency with code ${code.toUpperCase()}`);
      const expiresRaw = (values["expires-in"] as string | undefined) ?? "7d";
      const expiresInMs = parseDuration(expiresRaw);
      if (expiresInMs === null) throw new UsageError(`--expires-in must look like 30m, 12h, 7d or 2w (got "${expiresRaw}")`);
      let maxUses: number | null = null;
      if (values["max-uses"] !== undefined) {
        maxUses = Number(values["max-uses"]);
        if (!Number.isInteger(maxUses) || maxUses < 1) throw new UsageError("--max-uses must be a whole number of at least 1");
      }
      const { token, row } = createToken(db, cliActor(), ALL, {
        agencyId: agency.id,
        expiresInMs,
        maxUses,
        label: (values.label as string | undefined) || undefined,
      });
      console.error(`Enrollment token for ${agency.code}, expires ${new Date(row.expiresAt!).toISOString()}${maxUses ? `, ${maxUses} uses` : ""}:`);
      console.log(token);
    },
  },
  "list-policies": {
    summary: "List the ban policies, whether each is in force, and how many endpoints have a product in its scope.",
    usage: "",
    options: {},
    async run() {
      const db = await ready();
      for (const p of listPolicies(db)) {
        const scope = `${[...p.vendors, ...p.products].join(",")}${p.categories ? ` [${p.categories.join(",")}]` : ""}${p.agencyCode ? ` in ${p.agencyCode}` : ""}`;
        const origin = p.origin === "local" ? `local v${p.version}${p.supersededAt !== null ? " (replaced)" : ""}` : "built-in";
        console.log(`${p.active ? "ACTIVE  " : "inactive"}  ${p.slug.padEnd(30)} ${origin.padEnd(10)} ${p.status.padEnd(8)} ${scope.padEnd(28)} ${p.endpointsInScope} endpoint(s) in scope`);
      }
    },
  },
  "activate-policy": {
    summary: "Put a ban policy in force (by slug) and re-evaluate the endpoints it affects.",
    usage: "--slug S",
    options: { slug: { type: "string" } },
    async run(values) {
      await setActiveFromCli(required(values, "slug"), true);
    },
  },
  "deactivate-policy": {
    summary: "Withdraw a ban policy (by slug) and re-evaluate the endpoints it affected.",
    usage: "--slug S",
    options: { slug: { type: "string" } },
    async run(values) {
      await setActiveFromCli(required(values, "slug"), false);
    },
  },
  reevaluate: {
    summary: "Re-evaluate every endpoint now (findings, states, counters), then check the counters against a recomputation.",
    usage: "",
    options: {},
    async run() {
      const db = await ready();
      db.$client.transaction(() => markReevaluationPending(db, { all: true })).immediate();
      const stats = runPendingReevaluation(db);
      recordAudit(db, cliActor(), { action: "endpoints.reevaluate", objectType: "endpoints", details: { endpoints: stats.endpoints, changed: stats.changed } });
      console.log(`Re-evaluated ${stats.endpoints} endpoint(s) in ${stats.ms} ms; ${stats.changed} changed`);
      const mismatches = checkCounters(db);
      if (mismatches.length) {
        for (const m of mismatches.slice(0, 20)) console.error(`counter mismatch: agency ${m.agencyId} ${m.what}: stored ${m.stored}, expected ${m.expected}`);
        process.exitCode = 1;
      } else console.log("Counters and daily history agree with a recomputation.");
    },
  },
  import: {
    summary: "Import a management tool's inventory (Intune, Defender, Configuration Manager, osquery, Fleet) into an agency.",
    usage: `--agency C [--source ${IMPORT_SOURCES.join("|")}] [--collected-at ISO] [--host H] FILE`,
    options: { agency: { type: "string" }, source: { type: "string" }, "collected-at": { type: "string" }, host: { type: "string" } },
    async run(values, positionals) {
      const target = positionals[0];
      if (!target) throw new UsageError("Give the inventory file: npm run admin -- import --agency C --source intune FILE");
      const source = values.source as string | undefined;
      if (source !== undefined && !IMPORT_SOURCES.includes(source as ImportSource)) throw new UsageError(`--source must be one of ${IMPORT_SOURCES.join(", ")}`);
      const collectedRaw = values["collected-at"] as string | undefined;
      const collectedAt = collectedRaw === undefined ? undefined : Date.parse(collectedRaw);
      if (collectedAt !== undefined && !Number.isFinite(collectedAt)) throw new UsageError(`--collected-at must be a date and time, e.g. 2026-05-02T07:00:00Z (got "${collectedRaw}")`);
      const file = path.resolve(target);
      if (!fs.existsSync(file)) throw new UsageError(`${file} does not exist`);
      const size = fs.statSync(file).size;
      if (size > config.importMaxBytes) throw new UsageError(`${file} is larger than ${config.importMaxBytes} bytes (MUSTER_IMPORT_MAX_BYTES)`);
      const db = await ready();
      const code = required(values, "agency");
      const agency = getAgencyByCode(db, code);
      if (!agency) throw new UsageError(`No agency with code ${code.toUpperCase()}`);
      const r = await importInventory(db, {
        agencyId: agency.id,
        source: source as ImportSource | undefined,
        file,
        fileName: path.basename(file),
        collectedAt,
        host: values.host as string | undefined,
        actor: cliActor(),
      });
      console.log(`Import #${r.id} into ${agency.code} (${r.source ?? "unknown format"}): ${r.status}. ${r.message}`);
      console.log(
        `${r.rows} row(s), ${r.rowsSkipped} skipped, ${r.duplicateRows} duplicate(s); ${r.devices} device(s): ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.superseded} superseded, ${r.ambiguous} ambiguous`,
      );
      for (const e of r.errors) console.error(`line ${e.line}: ${e.message}`);
      if (r.errorCount > r.errors.length) console.error(`... and ${r.errorCount - r.errors.length} more`);
      if (r.status === "refused" || r.status === "failed") throw new Error(`import #${r.id} ${r.status}: nothing was imported`);
    },
  },
  "create-import-token": {
    summary: "Create a token a script uses to push an agency's inventories over HTTP; prints it once.",
    usage: "--agency C [--expires-in 90d] [--label L]",
    options: { agency: { type: "string" }, "expires-in": { type: "string" }, label: { type: "string" } },
    async run(values) {
      const db = await ready();
      const code = required(values, "agency");
      const agency = getAgencyByCode(db, code);
      if (!agency) throw new UsageError(`No agency with code ${code.toUpperCase()}`);
      const raw = (values["expires-in"] as string | undefined) ?? "90d";
      const expiresInMs = parseDuration(raw);
      if (expiresInMs === null) throw new UsageError(`--expires-in must look like 12h, 30d or 52w (got "${raw}")`);
      const { token, row } = createImportToken(db, cliActor(), ALL, { agencyId: agency.id, expiresInMs, label: (values.label as string | undefined) || undefined });
      console.error(`Import token for ${agency.code}, expires ${new Date(row.expiresAt!).toISOString()}:`);
      console.log(token);
    },
  },
  backup: {
    summary: "Write a consistent copy of the database to FILE (SQLite online backup; safe under load).",
    usage: "FILE",
    options: {},
    sqliteOnly: "it copies the SQLite file; on PostgreSQL back up with pg_dump, or continuous archiving and point-in-time recovery (README, Running on PostgreSQL)",
    async run(_values, positionals) {
      const target = positionals[0];
      if (!target) throw new UsageError("Give the backup file: npm run admin -- backup FILE");
      const file = path.resolve(target);
      if (fs.existsSync(file)) throw new UsageError(`${file} already exists; choose a new file name`);
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const db = getDb();
      migrateDb(db);
      const started = Date.now();
      await writeBackup(db, file);
      recordAudit(db, cliActor(), { action: "database.backup", objectType: "database", details: { file } });
      const size = fs.statSync(file).size;
      console.log(`Backup written to ${file} (${(size / 1048576).toFixed(1)} MiB in ${Date.now() - started} ms)`);
    },
  },
};
