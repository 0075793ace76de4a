import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { agencies } from "./agencies";

export const ROLES = ["admin", "officer", "agency_officer", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull().unique(), // stored lower-case
    name: text("name").notNull(),
    /** scrypt$N$r$p$salt$hash (base64); null for accounts that only sign in through OIDC. */
    passwordHash: text("password_hash"),
    role: text("role", { enum: ROLES }).notNull(),
    /** Required for agency_officer: the agency (and its sub-agencies) they may see. */
    agencyId: integer("agency_id").references(() => agencies.id),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
    lastLoginAt: integer("last_login_at"),
    /** Raised by a password, role or agency change and by disabling: sessions signed with an older
     *  value end at their next request. */
    sessionVersion: integer("session_version").notNull().default(0),
    /** The identity-provider account bound at the first OIDC sign-in (issuer + subject); later
     *  sign-ins match on these, never on the email claim. */
    oidcIssuer: text("oidc_issuer"),
    oidcSubject: text("oidc_subject"),
    /** The language the person chose ("en", "nl"): pages and what Muster sends them (e-mails). Null
     *  follows the browser's Accept-Language on pages; e-mails are then in the default language. */
    locale: text("locale"),
  },
  (t) => [index("users_agency_idx").on(t.agencyId), uniqueIndex("users_oidc_idx").on(t.oidcIssuer, t.oidcSubject)],
);

/** Failed sign-in counters, per account ("acct:<email>") and per address ("ip:<addr>"). */
export const authThrottle = sqliteTable("auth_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStart: integer("window_start").notNull(),
  lockedUntil: integer("locked_until"),
});
