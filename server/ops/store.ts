// What readiness reads and writes (health.ts): drizzle's record of applied migrations, and the
// settings row the probe writes to prove the database takes writes.
import { type Db, isPostgres } from "../db/client";
import { prep } from "../db/sql";

export function migrationsTableExists(db: Db): boolean {
  if (isPostgres(db)) return prep(db, "select 1 where to_regclass('drizzle.__drizzle_migrations') is not null").get() !== undefined;
  return prep(db, "select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get() !== undefined;
}

export function appliedMigrationCount(db: Db): number {
  return (prep(db, isPostgres(db) ? "select count(*) as n from drizzle.__drizzle_migrations" : "select count(*) as n from __drizzle_migrations").get() as { n: number }).n;
}

export function writeReadinessProbe(db: Db, value: string): void {
  prep(db, "insert into settings (key, value) values ('readiness_probe', ?) on conflict (key) do update set value = excluded.value").run(value);
}
