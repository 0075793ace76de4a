// The audit log: one entry appended per change (a cached statement: enrollments write one each,
// a million when a national fleet enrolls), and the filtered, keyset-paginated read of the log.
import { and, desc, eq, gte, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog } from "../db/schema";
import { prep } from "../db/sql";

export type AuditRow = typeof auditLog.$inferSelect;

export function insertAuditEntry(
  db: Db,
  at: number,
  actorUserId: number | null,
  actor: string,
  action: string,
  objectType: string | null,
  objectId: string | null,
  agencyId: number | null,
  details: string | null,
  ip: string | null,
): void {
  prep(db, "insert into audit_log (at, actor_user_id, actor, action, object_type, object_id, agency_id, details, ip) values (?, ?, ?, ?, ?, ?, ?, ?, ?)").run(
    at,
    actorUserId,
    actor,
    action,
    objectType,
    objectId,
    agencyId,
    details,
    ip,
  );
}

export type AuditFilter = {
  /** Only entries of these agencies; null: every entry. */
  agencyIds: number[] | null;
  action?: string;
  from?: number;
  to?: number;
  /** Entries below this id (the keyset cursor). */
  below?: number;
  /** Text in the actor, action, object id or details (taken literally). */
  q?: string;
};

/** Newest first, at most `limit` entries (`window`: ids per window of a text search). */
export function auditEntries(db: Db, filter: AuditFilter, limit: number, window = SEARCH_WINDOW): AuditRow[] {
  const where: SQL[] = [];
  if (filter.agencyIds !== null) {
    where.push(inArray(auditLog.agencyId, filter.agencyIds));
  }
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.from !== undefined) where.push(gte(auditLog.at, filter.from));
  if (filter.to !== undefined) where.push(lt(auditLog.at, filter.to));
  if (filter.below !== undefined) where.push(lt(auditLog.id, filter.below));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    // Case ignored on both engines: SQLite's LIKE ignores (ASCII) case, PostgreSQL's does not.
    where.push(
      or(
        sql`lower(${auditLog.actor}) like lower(cast(${pattern} as text)) escape '\\'`,
        sql`lower(${auditLog.action}) like lower(cast(${pattern} as text)) escape '\\'`,
        sql`lower(${auditLog.objectId}) like lower(cast(${pattern} as text)) escape '\\'`,
        sql`lower(${auditLog.details}) like lower(cast(${pattern} as text)) escape '\\'`,
      ) as SQL,
    );
  }
  if (!filter.q) return newestFirst(db, where, limit);
  // A text search reads the log backwards in windows of ids and stops once the page is full.
  // PostgreSQL, expecting few matches, otherwise filters and sorts the whole log (a million
  // enrollment entries at national scale) even when the newest rows already match.
  const rows: AuditRow[] = [];
  let hi = filter.below ?? newestId(db) + 1;
  while (rows.length < limit && hi > 1) {
    const lo = Math.max(1, hi - window);
    rows.push(...newestFirst(db, [...where, lt(auditLog.id, hi), gte(auditLog.id, lo)], limit - rows.length));
    hi = lo;
  }
  return rows;
}

/** Ids per window of a text search (tens of milliseconds of filtering each). */
const SEARCH_WINDOW = 20_000;

function newestId(db: Db): number {
  return (
    db
      .select({ top: sql<number | null>`max(${auditLog.id})` })
      .from(auditLog)
      .get()?.top ?? 0
  );
}

function newestFirst(db: Db, where: SQL[], limit: number): AuditRow[] {
  return db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
}
