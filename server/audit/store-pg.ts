// The audit log on PostgreSQL (server/db/schema-pg): so far only what `npm run admin -- migrate`
// records there. The SQLite statements are in store.ts; the server does not run on PostgreSQL yet.
import type { PgDb } from "../db/pg";
import { auditLog } from "../db/schema-pg";

export type PgAuditInsert = typeof auditLog.$inferInsert;

export async function insertAuditEntryPg(db: PgDb, entry: PgAuditInsert): Promise<void> {
  await db.insert(auditLog).values(entry);
}
