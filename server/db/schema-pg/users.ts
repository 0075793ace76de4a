import { bigint, boolean, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { ROLES } from "../schema/users";
import { nowMs } from "./columns";
import { agencies } from "./agencies";

export const users = pgTable(
  "users",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    email: text("email").notNull().unique(), // stored lower-case
    name: text("name").notNull(),
    /** scrypt$N$r$p$salt$hash (base64); null for accounts that only sign in through OIDC. */
    passwordHash: text("password_hash"),
    role: text("role", { enum: ROLES }).notNull(),
    /** Required for agency_officer: the agency (and its sub-agencies) they may see. */
    agencyId: bigint("agency_id", { mode: "number" }).references(() => agencies.id),
    disabled: boolean("disabled").notNull().default(false),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(nowMs),
    lastLoginAt: bigint("last_login_at", { mode: "number" }),
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
export const authThrottle = pgTable("auth_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStart: bigint("window_start", { mode: "number" }).notNull(),
  lockedUntil: bigint("locked_until", { mode: "number" }),
});
