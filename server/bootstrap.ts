// What a server start (and the admin CLI) does before anything else: apply migrations,
// make sure an auth secret exists, and create the first administrator on an empty database.
import { type Actor, SYSTEM_ACTOR } from "./audit/log";
import { ensureAuthSecret } from "./auth/secret";
import { type Db, getDb, migrateDb } from "./db/client";
import { syncCatalogVersion } from "./ingest/catalog-sync";
import { seedPolicies } from "./policy/seed";
import { countUsers, createUser } from "./users/service";

export type BootstrapResult = { db: Db; firstAdmin: { email: string; password: string | null } | null };

export async function bootstrap(opts: { actor?: Actor; log?: (line: string) => void } = {}): Promise<BootstrapResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const db = getDb();
  migrateDb(db);
  ensureAuthSecret();
  seedPolicies(db);
  const catalog = syncCatalogVersion(db);
  if (catalog?.previous && catalog.rematched) {
    log(`Catalog ${catalog.previous} -> ${catalog.current}: ${catalog.rematched} software entries re-matched; endpoints will be re-evaluated`);
  }
  let firstAdmin: BootstrapResult["firstAdmin"] = null;
  if (countUsers(db) === 0) {
    const email = (process.env.MUSTER_ADMIN_EMAIL || "admin@muster.local").toLowerCase();
    const password = process.env.MUSTER_ADMIN_PASSWORD || undefined;
    const { generatedPassword } = await createUser(db, opts.actor ?? SYSTEM_ACTOR, {
      email,
      name: "Administrator",
      role: "admin",
      password,
    });
    firstAdmin = { email, password: generatedPassword };
    if (generatedPassword) {
      log(`\n  First administrator created: ${email}\n  Password (shown once, store it now): ${generatedPassword}\n`);
    } else {
      log(`\n  First administrator created: ${email} (password from MUSTER_ADMIN_PASSWORD)\n`);
    }
  }
  return { db, firstAdmin };
}
