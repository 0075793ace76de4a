// Where removal deadlines come from: the agencies' own (and their parents'), and the policies in
// force (every agency, or the subtree of the agency a policy is scoped to).
import "server-only";
import type { Db } from "../db/client";
import { prep } from "../db/sql";

/** Earliest deadline among the policies in force, if any. */
export function earliestPolicyDeadline(db: Db): string | null {
  return (prep(db, "select min(deadline) as d from policies where active = true and deadline is not null").get() as { d: string | null }).d;
}

/** The deadlines of the policies in force, with the path of the agency each is scoped to (null: every agency). */
export function policyDeadlineScopes(db: Db): { deadline: string; path: string | null }[] {
  return prep(db, "select p.deadline, a.path from policies p left join agencies a on a.id = p.agency_id where p.active = true and p.deadline is not null").all() as {
    deadline: string;
    path: string | null;
  }[];
}

export function agencyPaths(db: Db): { id: number; path: string }[] {
  return prep(db, "select id, path from agencies").all() as { id: number; path: string }[];
}

export type AgencyDeadlineRow = { id: number; parentId: number | null; deadline: string | null };

/** Every agency with its parent and its own deadline. */
export function agencyDeadlines(db: Db): AgencyDeadlineRow[] {
  return prep(db, "select id, parent_id as parentId, deadline from agencies").all() as AgencyDeadlineRow[];
}

/** One agency's parent and own deadline, if the agency exists. */
export function agencyParentDeadline(db: Db, id: number): Omit<AgencyDeadlineRow, "id"> | undefined {
  return prep(db, "select parent_id as parentId, deadline from agencies where id = ?").get(id) as Omit<AgencyDeadlineRow, "id"> | undefined;
}
