// Every change made through the dashboard, the admin CLI or the system is recorded here.
import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog } from "../db/schema";
import type { Scope } from "../access/scope";
import type { AuditAction } from "./actions";
import { prep } from "../db/sql";
import { config } from "../config";

export type Actor = { userId: number | null; label: string; ip?: string | null };

export const SYSTEM_ACTOR: Actor = { userId: null, label: "system" };

export function cliActor(): Actor {
  return { userId: null, label: `cli:${config.osUser}` };
}

export type AuditEntry = {
  /** One of AUDIT_ACTIONS (server/audit/actions.ts): a new id goes there and in the catalogs (audit.actions). */
  action: AuditAction;
  objectType?: string;
  objectId?: string | number;
  agencyId?: number | null;
  details?: Record<string, unknown>;
};

export function recordAudit(db: Db, actor: Actor, entry: AuditEntry, at = Date.now()): void {
  // A cached prepared statement: enrollments write one entry each, a million of them when a
  // national fleet enrolls, and building the query through the ORM cost more than the insert.
  prep(db, "insert into audit_log (at, actor_user_id, actor, action, object_type, object_id, agency_id, details, ip) values (?, ?, ?, ?, ?, ?, ?, ?, ?)").run(
    at,
    actor.userId,
    actor.label,
    entry.action,
    entry.objectType ?? null,
    entry.objectId === undefined ? null : String(entry.objectId),
    entry.agencyId ?? null,
    entry.details ? JSON.stringify(entry.details) : null,
    actor.ip ?? null,
  );
}

export type AuditQuery = {
  q?: string;
  action?: string;
  from?: number;
  to?: number;
  cursor?: number; // id to continue below
  limit: number;
};

/** Newest first, keyset-paginated by id. Agency-scoped viewers see their agencies' entries only. */
export function listAudit(db: Db, scope: Scope, query: AuditQuery) {
  const where: SQL[] = [];
  if (scope.kind === "agencies") {
    where.push(inArray(auditLog.agencyId, scope.ids));
  }
  if (query.action) where.push(eq(auditLog.action, query.action));
  if (query.from !== undefined) where.push(gte(auditLog.at, query.from));
  if (query.to !== undefined) where.push(lt(auditLog.at, query.to));
  if (query.cursor !== undefined) where.push(lt(auditLog.id, query.cursor));
  if (query.q) {
    const pattern = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(
        sql`${auditLog.actor} like ${pattern} escape '\\'`,
        sql`${auditLog.action} like ${pattern} escape '\\'`,
        sql`${auditLog.objectId} like ${pattern} escape '\\'`,
        sql`${auditLog.details} like ${pattern} escape '\\'`,
      ) as SQL,
    );
  }
  const rows = db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1)
    .all();
  const more = rows.length > query.limit;
  const items = more ? rows.slice(0, query.limit) : rows;
  return { items, nextCursor: more ? items[items.length - 1]!.id : null };
}
