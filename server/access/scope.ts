// Who may see what. Agency officers see their agency and its sub-agencies; everyone else
// sees the whole deployment. Services take a Scope and filter their queries with it.
import "server-only";
import type { Db } from "../db/client";
import type { Role } from "../db/schema";
import { forbidden } from "../lib/errors";
import type { Locale } from "../i18n/locales";
import { agencyIdsUnder, agencyPath } from "./store";

/** `locale` is the language the person chose; null follows the browser. */
export type Viewer = { id: number; email: string; name: string; role: Role; agencyId: number | null; locale?: Locale | null };

export type Scope = { kind: "all" } | { kind: "agencies"; ids: number[]; rootId: number };

export const ALL: Scope = { kind: "all" };

/** The ids of an agency and all its descendants. */
export function subtreeIds(db: Db, agencyId: number): number[] {
  const path = agencyPath(db, agencyId);
  if (path === undefined) return [];
  return agencyIdsUnder(db, path);
}

export function scopeFor(db: Db, viewer: Pick<Viewer, "role" | "agencyId">): Scope {
  if (viewer.role !== "agency_officer") return ALL;
  if (viewer.agencyId === null) return { kind: "agencies", ids: [], rootId: -1 };
  return { kind: "agencies", ids: subtreeIds(db, viewer.agencyId), rootId: viewer.agencyId };
}

export function inScope(scope: Scope, agencyId: number): boolean {
  return scope.kind === "all" || scope.ids.includes(agencyId);
}

export function assertInScope(scope: Scope, agencyId: number): void {
  if (!inScope(scope, agencyId)) throw forbidden("errors.agencyOutOfScope");
}

/** Narrows a scope to one agency subtree the viewer may see (for "report on agency X"). */
export function narrowScope(db: Db, scope: Scope, agencyId: number | null | undefined): Scope {
  if (agencyId === null || agencyId === undefined) return scope;
  assertInScope(scope, agencyId);
  return { kind: "agencies", ids: subtreeIds(db, agencyId), rootId: agencyId };
}

export const canWrite = (role: Role) => role !== "auditor";
export const isAdmin = (role: Role) => role === "admin";
