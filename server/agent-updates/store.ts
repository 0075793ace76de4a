// Data access for agent versions and self-updates: versions per agency, the staged rollouts (and
// the one that applies to an agency), the self-update problems. Typed rows, agency-scoped.
import "server-only";
import type { Db } from "../db/client";
import type { Scope } from "../access/scope";
import { prep } from "../db/sql";

export type AgencyVersionRow = { agencyId: number; version: string; endpoints: number };
export type RolloutRow = { agencyId: number; version: string | null; percent: number; updatedAt: number };
export type UpdateEventRow = {
  at: number;
  deviceId: string;
  hostname: string;
  agencyCode: string;
  fromVersion: string;
  toVersion: string;
  outcome: "updated" | "refused" | "failed" | "rolled-back";
  reason: string | null;
};

/** `true` / `false` rather than 1 / 0: PostgreSQL refuses an integer as a condition (SQLite reads them alike). */
function scopeClause(scope: Scope, column: string): { sql: string; params: number[] } {
  if (scope.kind === "all") return { sql: "true", params: [] };
  if (!scope.ids.length) return { sql: "false", params: [] };
  return { sql: `${column} in (${scope.ids.map(() => "?").join(",")})`, params: scope.ids };
}

/** Enrolled, unrevoked endpoints per agency and agent version: from the counts drizzle/0019's
 *  triggers keep (one row per agency and version, not one per endpoint). */
export function selectVersionsByAgency(db: Db, scope: Scope): AgencyVersionRow[] {
  const s = scopeClause(scope, "agency_id");
  return db.$client
    .prepare(`select agency_id as agencyId, version, endpoints from agent_version_counts where endpoints <> 0 and ${s.sql} order by agency_id, version`)
    .all(...s.params) as AgencyVersionRow[];
}

export function selectRollouts(db: Db): RolloutRow[] {
  return db.$client.prepare("select agency_id as agencyId, version, percent, updated_at as updatedAt from agent_rollouts").all() as RolloutRow[];
}

/** Self-update problems (refused, failed, rolled back) since `since`, newest first. */
export function selectUpdateProblems(db: Db, scope: Scope, since: number, limit: number): UpdateEventRow[] {
  const s = scopeClause(scope, "e.agency_id");
  return db.$client
    .prepare(
      `select u.at, e.device_id as deviceId, e.hostname, a.code as agencyCode, u.from_version as fromVersion, u.to_version as toVersion, u.outcome, u.reason
       from agent_update_events u join endpoints e on e.id = u.endpoint_id join agencies a on a.id = e.agency_id
       where u.outcome <> 'updated' and u.at >= ? and ${s.sql} order by u.at desc limit ?`,
    )
    .all(since, ...s.params, limit) as UpdateEventRow[];
}

/** Problems per agency since `since`. */
export function countUpdateProblemsByAgency(db: Db, scope: Scope, since: number): Map<number, number> {
  const s = scopeClause(scope, "e.agency_id");
  const rows = db.$client
    .prepare(
      `select e.agency_id as agencyId, count(*) as n from agent_update_events u join endpoints e on e.id = u.endpoint_id where u.outcome <> 'updated' and u.at >= ? and ${s.sql} group by e.agency_id`,
    )
    .all(since, ...s.params) as { agencyId: number; n: number }[];
  return new Map(rows.map((r) => [r.agencyId, r.n]));
}

/** The rollout set on an agency or its nearest ancestor that has one (on the check-in path: cached). */
export function nearestRollout(db: Db, agencyId: number): { agencyId: number; version: string | null; percent: number } | undefined {
  return prep(
    db,
    `select r.agency_id as agencyId, r.version, r.percent from agent_rollouts r
     join agencies p on p.id = r.agency_id
     join agencies a on a.id = ?
     where substr(a.path, 1, length(p.path)) = p.path
     order by p.depth desc limit 1`,
  ).get(agencyId) as { agencyId: number; version: string | null; percent: number } | undefined;
}

export function upsertRollout(db: Db, r: { agencyId: number; version: string | null; percent: number; at: number; userId: number | null }): void {
  db.$client
    .prepare(
      `insert into agent_rollouts (agency_id, version, percent, updated_at, updated_by) values (?, ?, ?, ?, ?)
       on conflict(agency_id) do update set version = excluded.version, percent = excluded.percent, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .run(r.agencyId, r.version, r.percent, r.at, r.userId);
}

export function agencyExists(db: Db, agencyId: number): boolean {
  return db.$client.prepare("select 1 from agencies where id = ?").get(agencyId) !== undefined;
}

export function deleteRollout(db: Db, agencyId: number): boolean {
  return db.$client.prepare("delete from agent_rollouts where agency_id = ?").run(agencyId).changes > 0;
}
