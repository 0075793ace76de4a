// Data access for import tokens: the row a scheduled script's token is stored as (its SHA-256,
// never the token), the list for the Import page, revocation and counting each use.
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { agencies, importTokens, users } from "../db/schema";

export type ImportTokenRow = typeof importTokens.$inferSelect;
export type NewImportToken = { agencyId: number; tokenHash: string; tokenPrefix: string; label: string | null; createdBy: number | null; createdAt: number; expiresAt: number };

export type ImportTokenListRow = {
  id: number;
  agencyId: number;
  agencyCode: string;
  agencyName: string;
  tokenPrefix: string;
  label: string | null;
  createdAt: number;
  createdBy: string | null;
  expiresAt: number | null;
  uses: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
};

export function insertImportToken(db: Db, t: NewImportToken): ImportTokenRow {
  return db.insert(importTokens).values(t).returning().get();
}

/** The tokens of these agencies (null: every agency), newest first, with their agency and creator. */
export function listImportTokenRows(db: Db, agencyIds: number[] | null): ImportTokenListRow[] {
  return db
    .select({
      id: importTokens.id,
      agencyId: importTokens.agencyId,
      agencyCode: agencies.code,
      agencyName: agencies.name,
      tokenPrefix: importTokens.tokenPrefix,
      label: importTokens.label,
      createdAt: importTokens.createdAt,
      createdBy: users.email,
      expiresAt: importTokens.expiresAt,
      uses: importTokens.uses,
      revokedAt: importTokens.revokedAt,
      lastUsedAt: importTokens.lastUsedAt,
    })
    .from(importTokens)
    .innerJoin(agencies, eq(agencies.id, importTokens.agencyId))
    .leftJoin(users, eq(users.id, importTokens.createdBy))
    .where(agencyIds === null ? undefined : inArray(importTokens.agencyId, agencyIds))
    .orderBy(desc(importTokens.id))
    .all();
}

export function importTokenById(db: Db, id: number): ImportTokenRow | undefined {
  return db.select().from(importTokens).where(eq(importTokens.id, id)).get();
}

export function importTokenByHash(db: Db, tokenHash: string): ImportTokenRow | undefined {
  return db.select().from(importTokens).where(eq(importTokens.tokenHash, tokenHash)).get();
}

/** Revokes a token not revoked yet; the row after, or undefined when it already was. */
export function revokeImportTokenRow(db: Db, id: number, at: number): ImportTokenRow | undefined {
  return db
    .update(importTokens)
    .set({ revokedAt: at })
    .where(and(eq(importTokens.id, id), isNull(importTokens.revokedAt)))
    .returning()
    .get();
}

/** Records a use: the new count and when. */
export function recordImportTokenUse(db: Db, id: number, uses: number, at: number): void {
  db.update(importTokens).set({ uses, lastUsedAt: at }).where(eq(importTokens.id, id)).run();
}
