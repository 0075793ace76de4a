// Enrollment tokens as officers manage them (tokens.ts): created (stored hashed), listed with
// their agency and creator, revoked. Their use by agents is in ingest/store-enroll.ts.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { agencies, enrollmentTokens, users } from "../db/schema";

export type TokenRow = typeof enrollmentTokens.$inferSelect;
export type TokenAgencyRow = typeof agencies.$inferSelect;

export type TokenListRow = {
  id: number;
  agencyId: number;
  agencyCode: string;
  agencyName: string;
  tokenPrefix: string;
  label: string | null;
  createdAt: number;
  createdBy: string | null;
  expiresAt: number | null;
  maxUses: number | null;
  uses: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
};

export function tokenAgency(db: Db, agencyId: number): TokenAgencyRow | undefined {
  return db.select().from(agencies).where(eq(agencies.id, agencyId)).get();
}

export function insertToken(db: Db, values: typeof enrollmentTokens.$inferInsert): TokenRow {
  return db.insert(enrollmentTokens).values(values).returning().get();
}

/** Newest first; `agencyIds` null: every agency's. */
export function tokensWithAgency(db: Db, agencyIds: number[] | null): TokenListRow[] {
  return db
    .select({
      id: enrollmentTokens.id,
      agencyId: enrollmentTokens.agencyId,
      agencyCode: agencies.code,
      agencyName: agencies.name,
      tokenPrefix: enrollmentTokens.tokenPrefix,
      label: enrollmentTokens.label,
      createdAt: enrollmentTokens.createdAt,
      createdBy: users.email,
      expiresAt: enrollmentTokens.expiresAt,
      maxUses: enrollmentTokens.maxUses,
      uses: enrollmentTokens.uses,
      revokedAt: enrollmentTokens.revokedAt,
      lastUsedAt: enrollmentTokens.lastUsedAt,
    })
    .from(enrollmentTokens)
    .innerJoin(agencies, eq(agencies.id, enrollmentTokens.agencyId))
    .leftJoin(users, eq(users.id, enrollmentTokens.createdBy))
    .where(agencyIds === null ? undefined : inArray(enrollmentTokens.agencyId, agencyIds))
    .orderBy(desc(enrollmentTokens.id))
    .all();
}

export function tokenById(db: Db, id: number): TokenRow | undefined {
  return db.select().from(enrollmentTokens).where(eq(enrollmentTokens.id, id)).get();
}

export function setTokenRevoked(db: Db, id: number, revokedAt: number): TokenRow {
  return db
    .update(enrollmentTokens)
    .set({ revokedAt })
    .where(and(eq(enrollmentTokens.id, id)))
    .returning()
    .get();
}
