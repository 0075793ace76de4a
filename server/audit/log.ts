// Every change made through the dashboard, the admin CLI or the system is recorded here.
import type { Db } from "../db/client";
import type { Scope } from "../access/scope";
import type { AuditAction } from "./actions";
import { auditEntries, insertAuditEntry } from "./store";
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
  // A cached prepared statement (store.ts): enrollments write one entry each, a million of them
  // when a national fleet enrolls, and building the query through the ORM cost more than the insert.
  insertAuditEntry(
    db,
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
  const filter = { agencyIds: scope.kind === "agencies" ? scope.ids : null, action: query.action, from: query.from, to: query.to, below: query.cursor, q: query.q };
  const rows = auditEntries(db, filter, query.limit + 1);
  const more = rows.length > query.limit;
  const items = more ? rows.slice(0, query.limit) : rows;
  return { items, nextCursor: more ? items[items.length - 1]!.id : null };
}
