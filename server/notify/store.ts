// Data access for what notify reads and sets of people and agencies outside its own tables: the
// agency tree (for scopes and choices), a user's language, and whether an account or agency exists.
import type { Db } from "../db/client";
import type { Role } from "../db/schema";
import { prep } from "../db/sql";

export type AgencyInfo = { id: number; code: string; name: string; path: string; parentId: number | null };

/** Every agency, in tree order (by path). */
export function agenciesByPath(db: Db): AgencyInfo[] {
  return prep(db, "select id, code, name, path, parent_id as parentId from agencies order by path").all() as AgencyInfo[];
}

export type AgencyTreeRow = { id: number; code: string; name: string; depth: number; path: string };

/** Every agency with its depth, in tree order (what a person picks from). */
export function agencyTree(db: Db): AgencyTreeRow[] {
  return prep(db, "select id, code, name, depth, path from agencies order by path").all() as AgencyTreeRow[];
}

export function agencyExists(db: Db, id: number): boolean {
  return Boolean(prep(db, "select 1 from agencies where id = ?").get(id));
}

/** Whether the account exists (prepared directly, as the unsubscribe link always did). */
export function userExists(db: Db, userId: number): boolean {
  return Boolean(db.$client.prepare("select id from users where id = ?").get(userId));
}

/** The user's chosen language, null when none was chosen; undefined: no such user. */
export function userLocale(db: Db, userId: number): string | null | undefined {
  return (db.$client.prepare("select locale from users where id = ?").get(userId) as { locale: string | null } | undefined)?.locale;
}

/** The user's language, English when none was chosen. The user must exist. */
export function userLocaleOrEnglish(db: Db, userId: number): string {
  return (prep(db, "select coalesce(locale, 'en') as locale from users where id = ?").get(userId) as { locale: string }).locale;
}

export function setUserLocale(db: Db, userId: number, locale: string): void {
  prep(db, "update users set locale = ? where id = ?").run(locale, userId);
}

/** What an unsubscribe link needs of its account. */
export function unsubscribingUser(db: Db, userId: number): { email: string; role: Role; disabled: number } | undefined {
  return prep(db, "select email, role, disabled from users where id = ?").get(userId) as { email: string; role: Role; disabled: number } | undefined;
}
