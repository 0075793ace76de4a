// The agencies a report covers, as its scope and figures read them: one agency, the agencies in
// scope in tree order, and every agency's parent and deadline (ancestors lend their deadline).
import "server-only";
import type { Db } from "../db/client";
import { inIds } from "../db/read-sql";
import { prep } from "../db/sql";

export type AgencyInfo = { id: number; code: string; name: string; parentId: number | null; depth: number; path: string; deadline: string | null };
export type AgencyDeadlineRow = { id: number; parentId: number | null; deadline: string | null };

export function agencyInfo(db: Db, id: number): AgencyInfo | undefined {
  return prep(db, "select id, code, name, parent_id as parentId, depth, path, deadline from agencies where id = ?").get(id) as AgencyInfo | undefined;
}

/** The agencies among `ids` (null: every agency), ordered by path (parents before children). */
export function agenciesInScope(db: Db, ids: number[] | null): AgencyInfo[] {
  return prep(db, `select id, code, name, parent_id as parentId, depth, path, deadline from agencies where ${inIds("id", ids)} order by path`).all() as AgencyInfo[];
}

/** Every agency's parent and own deadline. */
export function allAgencyDeadlines(db: Db): AgencyDeadlineRow[] {
  return prep(db, "select id, parent_id as parentId, deadline from agencies").all() as AgencyDeadlineRow[];
}
