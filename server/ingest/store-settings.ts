// The ingest's rows of `settings`: the catalog version the stored matches were computed with
// (catalog-sync.ts) and the deployment's hardware-id salt, with the re-keying of stored ids (hardware-id.ts).
import { type Db, isPostgres } from "../db/client";
import { prep } from "../db/sql";

export function storedCatalogVersion(db: Db): string | undefined {
  return (prep(db, "select value from settings where key = 'catalog_version'").get() as { value: string } | undefined)?.value;
}

export function saveCatalogVersion(db: Db, version: string): void {
  prep(db, "insert into settings (key, value) values ('catalog_version', ?) on conflict (key) do update set value = excluded.value").run(version);
}

export function storedSetting(db: Db, key: string): string | undefined {
  return (prep(db, "select value from settings where key = ?", { keep: true }).get(key) as { value: string } | undefined)?.value;
}

export const INSERT_SETTING_IF_ABSENT = "insert into settings (key, value) values (?, ?) on conflict (key) do nothing";

/** Inserts the setting unless it exists (the same statement on PostgreSQL); true when this inserted it. */
export function insertSettingIfAbsent(db: Db, key: string, value: string): boolean {
  return prep(db, INSERT_SETTING_IF_ABSENT).run(key, value).changes === 1;
}

/**
 * Replaces every endpoint's stored hardware id by `rekey(id)`, in one statement (through an SQL
 * function registered on this connection). Prepared once, not cached: it runs when the salt is made.
 * PostgreSQL has no functions written in JavaScript: there each row is updated by itself (a new
 * PostgreSQL deployment makes its salt before or soon after its first endpoints, so they are few).
 */
export function rekeyHardwareIds(db: Db, rekey: (id: string) => string): void {
  if (isPostgres(db)) {
    const rows = prep(db, "select id, hardware_id as hardwareId from endpoints").all() as { id: number; hardwareId: string }[];
    const update = prep(db, "update endpoints set hardware_id = ? where id = ?");
    for (const r of rows) update.run(rekey(r.hardwareId), r.id);
    return;
  }
  db.$client.function("muster_rekey_hardware_id", { deterministic: true }, (id: unknown) => rekey(String(id)));
  db.$client.prepare("update endpoints set hardware_id = muster_rekey_hardware_id(hardware_id)").run();
}
