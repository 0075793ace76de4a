import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
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
  },
  (t) => [index("users_agency_idx").on(t.agencyId)],
);

/** Failed sign-in counters, per account ("acct:<email>") and per address ("ip:<addr>"). */
export const authThrottle = sqliteTable("auth_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStart: integer("window_start").notNull(),
  lockedUntil: integer("locked_until"),
});
