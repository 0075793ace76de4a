import { bigint, index, pgTable, text } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { users } from "./users";

/** Append-only: triggers in the migrations (drizzle/pg) refuse UPDATE, DELETE and TRUNCATE. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    at: bigint("at", { mode: "number" }).notNull(),
    actorUserId: bigint("actor_user_id", { mode: "number" }),
    /** Who acted, as shown: an email, "cli:<os user>", "agent:<deviceId>" or "system". */
    actor: text("actor").notNull(),
    action: text("action").notNull(), // e.g. "user.create", "policy.activate"
    objectType: text("object_type"),
    objectId: text("object_id"),
    /** Agency the object belongs to, for agency-scoped reading. */
    agencyId: bigint("agency_id", { mode: "number" }),
    details: text("details"), // JSON
    ip: text("ip"),
  },
  (t) => [index("audit_at_idx").on(t.at), index("audit_actor_idx").on(t.actorUserId, t.at), index("audit_object_idx").on(t.objectType, t.objectId), index("audit_action_idx").on(t.action, t.at)],
);

/** Published (frozen) reports: canonical JSON and its SHA-256 never change once written. */
export const reports = pgTable(
  "reports",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    scopeAgencyId: bigint("scope_agency_id", { mode: "number" }).references(() => agencies.id),
    asOf: text("as_of").notNull(), // YYYY-MM-DD
    title: text("title").notNull(),
    sha256: text("sha256").notNull(),
    previousReportId: bigint("previous_report_id", { mode: "number" }),
    publishedAt: bigint("published_at", { mode: "number" }).notNull(),
    publishedBy: bigint("published_by", { mode: "number" })
      .notNull()
      .references(() => users.id),
    /** Last, as in SQLite (where metadata reads must not walk the JSON's overflow pages); PostgreSQL keeps it out of line (TOAST) anyway. */
    data: text("data").notNull(),
  },
  (t) => [index("reports_scope_idx").on(t.scopeAgencyId, t.publishedAt)],
);

/** Files served for a published report (each PDF rendering, the CSVs), by SHA-256, so /verify can
 *  say which report a downloaded file belongs to. The data file's own fingerprint is reports.sha256. */
export const reportFiles = pgTable("report_files", {
  sha256: text("sha256").primaryKey(),
  reportId: bigint("report_id", { mode: "number" })
    .notNull()
    .references(() => reports.id),
  kind: text("kind").notNull(), // "pdf", "agencies.csv", "endpoints.csv"
  firstServedAt: bigint("first_served_at", { mode: "number" }).notNull(),
});

/** Small key/value store for deployment state (applied catalog version, policy epoch ...). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/**
 * Work one app node at a time does for the whole deployment (issue 15): the maintenance pass.
 * A node holds a lease until `expires_at` (ms) and renews it while it runs; a lease that lapsed
 * (its node stopped or was killed) is taken by the next node that asks (work/store-leases.ts).
 */
export const jobLeases = pgTable("job_leases", {
  name: text("name").primaryKey(),
  /** The node holding it (ops/node.ts: random per process). */
  holder: text("holder").notNull(),
  expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
});
