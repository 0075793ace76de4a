// Dashboard accounts as the users service keeps them: created, listed with their agency, their
// role, agency and access changed (a change of access bumps the session version), password, locale.
import { asc, eq, sql } from "drizzle-orm";
import { type Db, isPostgres } from "../db/client";
import { prep } from "../db/sql";
import { agencies, type Role, users } from "../db/schema";
import type { Locale } from "../i18n/locales";

export type UserRow = typeof users.$inferSelect;

export type UserListRow = {
  id: number;
  email: string;
  name: string;
  role: Role;
  agencyId: number | null;
  agencyCode: string | null;
  agencyName: string | null;
  disabled: boolean;
  createdAt: number;
  lastLoginAt: number | null;
};

export function userIdByEmail(db: Db, email: string): { id: number } | undefined {
  return db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
}

/** The whole row of the account with this email (as stored: lower case). */
export function userByEmail(db: Db, email: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.email, email)).get();
}

export function userById(db: Db, id: number): UserRow | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

/** Text parameters only (no agency: it stays null), so PostgreSQL types them from the columns. */
export const INSERT_FIRST_USER = "insert into users (email, name, role, password_hash) select ?, ?, ?, ? where not exists (select 1 from users) on conflict (email) do nothing returning id";

/**
 * PostgreSQL: the lock the first account's creation holds until its transaction ends. SHARE ROW
 * EXCLUSIVE conflicts with itself and with every write to users, and the insert after it (a new
 * statement, with a new snapshot) then sees an account another session committed meanwhile.
 */
const LOCK_USERS_FOR_FIRST = "lock table users in share row exclusive mode";

/**
 * The first account, only while there is none: one conditional statement, in the caller's
 * transaction. On SQLite the immediate transaction holds the write lock, so no other node can add an
 * account between the check and the insert. PostgreSQL's BEGIN takes no lock: two sessions would
 * both see no account and, with different emails, both insert one; so the users table is locked
 * first (only here: an empty deployment's first start). Its id, or undefined when an account exists already.
 */
export function insertFirstUser(db: Db, values: { email: string; name: string; role: Role; passwordHash: string }): number | undefined {
  if (isPostgres(db)) prep(db, LOCK_USERS_FOR_FIRST).run();
  const row = prep(db, INSERT_FIRST_USER).get(values.email, values.name, values.role, values.passwordHash) as { id: number } | undefined;
  return row?.id;
}

export function insertUser(db: Db, values: { email: string; name: string; role: Role; agencyId: number | null; passwordHash: string }): UserRow {
  return db.insert(users).values(values).returning().get();
}

/** Every account with its agency's code and name, by email. */
export function usersWithAgency(db: Db): UserListRow[] {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      agencyId: users.agencyId,
      agencyCode: agencies.code,
      agencyName: agencies.name,
      disabled: users.disabled,
      createdAt: users.createdAt,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .orderBy(asc(users.email))
    .all();
}

/** Role, agency and disabled flag; `endSessions` bumps the session version (auth/options.ts checks it). */
export function updateUserAccess(db: Db, id: number, access: { role: Role; agencyId: number | null; disabled: boolean }, endSessions: boolean): UserRow {
  return db
    .update(users)
    .set({ ...access, ...(endSessions ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}) })
    .where(eq(users.id, id))
    .returning()
    .get();
}

/** A new password hash, ending every session (the session version moves); undefined: no such account. */
export function setUserPassword(db: Db, userId: number, passwordHash: string): { email: string } | undefined {
  return db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ email: users.email })
    .get();
}

export function countUserRows(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(users).get()!.n;
}

export function setUserLocale(db: Db, userId: number, locale: Locale | null): void {
  db.update(users).set({ locale }).where(eq(users.id, userId)).run();
}
