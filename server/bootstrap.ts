// What a server start (and the admin CLI) does before anything else: apply migrations,
// make sure an auth secret exists, and create the first administrator on an empty database.
import fs from "node:fs";
import path from "node:path";
import { type Actor, SYSTEM_ACTOR } from "./audit/log";
import { ensureAuthSecret } from "./auth/secret";
import { config, dataDir } from "./config";
import { type Db, getDb, holdStartupLock, migrateDb } from "./db/client";
import { backfillStaleBanned } from "./findings/counters";
import { syncCatalogVersion } from "./ingest/catalog-sync";
import { hardwareSalt } from "./ingest/hardware-id";
import { seedPolicies } from "./policy/seed";
import { countUsers, createFirstAdmin } from "./users/service";

export const FIRST_ADMIN_FILE = "first-admin-password";

/**
 * Where the first administrator's generated password goes: to the terminal when one is attached
 * (someone is reading), otherwise into a file in the data folder that only this user can read,
 * never into a log (stdout of a service ends up in journald or a log shipper).
 */
function firstAdminNotice(email: string, password: string, terminal: boolean): string {
  if (terminal) return `\n  First administrator created: ${email}\n  Password (shown once, store it now): ${password}\n`;
  const file = path.join(dataDir(), FIRST_ADMIN_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.rmSync(file, { force: true }); // a leftover of an earlier database; the new file is created exclusively
  fs.writeFileSync(file, `${email}\n${password}\n`, { mode: 0o600, flag: "wx" });
  return `\n  First administrator created: ${email}\n  Its generated password is in ${file} (readable by this user only): sign in, change it, delete the file.\n`;
}

export type BootstrapResult = { db: Db; firstAdmin: { email: string; password: string | null } | null };

export async function bootstrap(opts: { actor?: Actor; log?: (line: string) => void; terminal?: boolean } = {}): Promise<BootstrapResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const db = getDb();
  const release = holdStartupLock(db);
  try {
    return await startUp(db, log, opts);
  } finally {
    release();
  }
}

async function startUp(db: Db, log: (line: string) => void, opts: { actor?: Actor; terminal?: boolean }): Promise<BootstrapResult> {
  migrateDb(db);
  backfillStaleBanned(db);
  ensureAuthSecret();
  seedPolicies(db);
  hardwareSalt(db); // made on first start; re-keys the hardware ids of a database from before salting
  const catalog = syncCatalogVersion(db);
  if (catalog?.previous && catalog.rematched) {
    log(`Catalog ${catalog.previous} -> ${catalog.current}: ${catalog.rematched} software entries re-matched; endpoints will be re-evaluated`);
  }
  let firstAdmin: BootstrapResult["firstAdmin"] = null;
  if (countUsers(db) === 0) {
    // Several nodes may start at once on an empty database: exactly one creates the administrator
    // (the check and the insert are one statement in one transaction); the others say so and
    // write no password file.
    const { email, password } = config.firstAdmin;
    const created = await createFirstAdmin(db, opts.actor ?? SYSTEM_ACTOR, { email, password });
    if (!created) {
      log(`\n  First administrator already created (by another node or process starting at the same time); none created here\n`);
    } else if (created.generatedPassword) {
      firstAdmin = { email, password: created.generatedPassword };
      log(firstAdminNotice(email, created.generatedPassword, opts.terminal ?? Boolean(process.stdout.isTTY)));
    } else {
      firstAdmin = { email, password: null };
      log(`\n  First administrator created: ${email} (password from MUSTER_ADMIN_PASSWORD)\n`);
    }
  }
  return { db, firstAdmin };
}
