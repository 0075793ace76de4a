// The accounts as sign-in reads and writes them (options.ts, oidc.ts): found by email, id or
// identity-provider binding, bound to a provider's issuer + subject, their last sign-in.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";

export type AccountRow = typeof users.$inferSelect;

export function accountByEmail(db: Db, email: string): AccountRow | undefined {
  return db.select().from(users).where(eq(users.email, email)).get();
}

export function accountById(db: Db, id: number): AccountRow | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function accountByOidc(db: Db, issuer: string, subject: string): AccountRow | undefined {
  return db
    .select()
    .from(users)
    .where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, subject)))
    .get();
}

/** Binds the account to a provider identity unless it is bound already; returns whether it was. */
export function bindOidcIdentity(db: Db, userId: number, issuer: string, subject: string): boolean {
  const changed = db
    .update(users)
    .set({ oidcIssuer: issuer, oidcSubject: subject })
    .where(and(eq(users.id, userId), isNull(users.oidcSubject)))
    .run().changes;
  return changed > 0;
}

/** A successful sign-in: when it happened, and the password's new hash when it was rehashed. */
export function recordSignIn(db: Db, userId: number, at: number, rehash: string | null): void {
  db.update(users)
    .set({ lastLoginAt: at, ...(rehash ? { passwordHash: rehash } : {}) })
    .where(eq(users.id, userId))
    .run();
}
