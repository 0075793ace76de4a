// Dashboard accounts and their roles.
import { z } from "zod";
import { type Actor, recordAudit } from "../audit/log";
import { type Db, inTransaction } from "../db/client";
import { ROLES } from "../db/schema";
import { generatePassword, hashPassword } from "../lib/crypto";
import { badRequest, conflict, notFound } from "../lib/errors";
import type { Scope } from "../access/scope";
import type { Locale } from "../i18n/locales";
import { agencyByCode } from "../agencies/store";
import { countUserRows, insertFirstUser, insertUser, setUserLocale, setUserPassword, updateUserAccess, userById, userIdByEmail, usersWithAgency } from "./store";

export const ZPasswordSchema = z.string().min(12, "errors.tooShort").max(200, "errors.tooLong");

export const ZCreateUserSchema = z
  .object({
    email: z.string().trim().toLowerCase().email("errors.invalidEmail").max(254),
    name: z.string().trim().min(1, "errors.required").max(120),
    role: z.enum(ROLES),
    agencyCode: z.string().trim().max(32).optional().nullable(),
    password: ZPasswordSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === "agency_officer" && !v.agencyCode) {
      ctx.addIssue({ code: "custom", path: ["agencyCode"], message: "errors.agencyOfficerNeedsAgency" });
    }
  });
export type CreateUserInput = z.input<typeof ZCreateUserSchema>;

export type PublicUser = {
  id: number;
  email: string;
  name: string;
  role: (typeof ROLES)[number];
  agencyId: number | null;
  agencyCode: string | null;
  agencyName: string | null;
  disabled: boolean;
  createdAt: number;
  lastLoginAt: number | null;
};

/** Creates an account; returns the generated password once when none was given. */
export async function createUser(db: Db, actor: Actor, input: CreateUserInput) {
  const data = ZCreateUserSchema.parse(input);
  const password = data.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const user = inTransaction(db, () => {
    if (userIdByEmail(db, data.email)) {
      throw conflict("errors.userExists", { email: data.email });
    }
    let agencyId: number | null = null;
    if (data.agencyCode) {
      const agency = agencyByCode(db, data.agencyCode.toUpperCase());
      if (!agency) throw badRequest("errors.noAgencyCode", { code: data.agencyCode.toUpperCase() });
      agencyId = agency.id;
    }
    const row = insertUser(db, { email: data.email, name: data.name, role: data.role, agencyId, passwordHash });
    recordAudit(db, actor, {
      action: "user.create",
      objectType: "user",
      objectId: row.id,
      agencyId,
      details: { email: row.email, role: row.role, agency: data.agencyCode ?? null },
    });
    return row;
  });
  return { user, generatedPassword: data.password ? null : password };
}

/**
 * The first administrator of an empty database (bootstrap.ts), created only while there is no
 * account at all: the check and the insert are one conditional statement in one immediate
 * transaction, so of several app nodes starting at once on an empty database exactly one creates
 * it. Null on the nodes that found an account already (no password generated for them).
 */
export async function createFirstAdmin(db: Db, actor: Actor, input: { email: string; password?: string }) {
  const data = ZCreateUserSchema.parse({ email: input.email, name: "Administrator", role: "admin", password: input.password });
  const password = data.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const user = inTransaction(db, () => {
    const id = insertFirstUser(db, { email: data.email, name: data.name, role: "admin", passwordHash });
    if (id === undefined) return null;
    recordAudit(db, actor, { action: "user.create", objectType: "user", objectId: id, agencyId: null, details: { email: data.email, role: "admin", agency: null } });
    return userById(db, id)!;
  });
  return user && { user, generatedPassword: data.password ? null : password };
}

export function listUsers(db: Db, scope: Scope): PublicUser[] {
  const rows = usersWithAgency(db);
  return scope.kind === "all" ? rows : rows.filter((r) => r.agencyId !== null && scope.ids.includes(r.agencyId));
}

export const ZUpdateUserSchema = z.object({
  id: z.number().int().positive(),
  role: z.enum(ROLES).optional(),
  agencyCode: z.string().trim().max(32).nullable().optional(),
  disabled: z.boolean().optional(),
});

export function updateUser(db: Db, actor: Actor, input: z.infer<typeof ZUpdateUserSchema>) {
  const data = ZUpdateUserSchema.parse(input);
  return inTransaction(db, () => {
    const before = userById(db, data.id);
    if (!before) throw notFound("errors.userNotFound");
    if (before.id === actor.userId && (data.disabled || (data.role && data.role !== "admin"))) {
      throw badRequest("errors.cannotDemoteSelf");
    }
    let agencyId = before.agencyId;
    if (data.agencyCode !== undefined) {
      if (data.agencyCode === null || data.agencyCode === "") agencyId = null;
      else {
        const agency = agencyByCode(db, data.agencyCode.toUpperCase());
        if (!agency) throw badRequest("errors.noAgencyCode", { code: data.agencyCode.toUpperCase() });
        agencyId = agency.id;
      }
    }
    const role = data.role ?? before.role;
    if (role === "agency_officer" && agencyId === null) throw badRequest("errors.agencyOfficerNeedsAgency");
    const disabled = data.disabled ?? before.disabled;
    // What the person may see or do changed: their open sessions end (auth/options.ts checks the version).
    const access = role !== before.role || agencyId !== before.agencyId || disabled !== before.disabled;
    const after = updateUserAccess(db, data.id, { role, agencyId, disabled }, access);
    recordAudit(db, actor, {
      action: "user.update",
      objectType: "user",
      objectId: data.id,
      agencyId,
      details: {
        email: before.email,
        before: { role: before.role, agencyId: before.agencyId, disabled: before.disabled },
        after: { role: after.role, agencyId: after.agencyId, disabled: after.disabled },
        ...(access ? { sessionsEnded: true } : {}),
      },
    });
    return after;
  });
}

export async function setPassword(db: Db, actor: Actor, userId: number, password: string) {
  const parsed = ZPasswordSchema.parse(password);
  const passwordHash = await hashPassword(parsed);
  inTransaction(db, () => {
    // A new password ends every session signed in with the old one.
    const row = setUserPassword(db, userId, passwordHash);
    if (!row) throw notFound("errors.userNotFound");
    recordAudit(db, actor, { action: "user.password", objectType: "user", objectId: userId, details: { email: row.email, sessionsEnded: true } });
  });
}

export function countUsers(db: Db): number {
  return countUserRows(db);
}

/** A person's language (null: follow the browser). Audited like every other account change. */
export function setOwnLocale(db: Db, actor: Actor & { userId: number }, locale: Locale | null): void {
  inTransaction(db, () => {
    setUserLocale(db, actor.userId, locale);
    recordAudit(db, actor, { action: "user.locale", objectType: "user", objectId: String(actor.userId), details: { locale } });
  });
}
