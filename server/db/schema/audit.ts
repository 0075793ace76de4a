import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { agencies } from "./agencies";
import { users } from "./users";

/** Append-only: triggers in the migrations refuse UPDATE and DELETE. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    actorUserId: integer("actor_user_id"),
    /** Who acted, as shown: an email, "cli:<os user>", "agent:<deviceId>" or "system". */
    actor: text("actor").notNull(),
    action: text("action").notNull(), // e.g. "user.create", "policy.activate"
    objectType: text("object_type"),
    objectId: text("object_id"),
    /** Agency the object belongs to, for agency-scoped reading. */
    agencyId: integer("agency_id"),
    details: text("details"), // JSON
    ip: text("ip"),
  },
  (t) => [index("audit_at_idx").on(t.at), index("audit_actor_idx").on(t.actorUserId, t.at), index("audit_object_idx").on(t.objectType, t.objectId), index("audit_action_idx").on(t.action, t.at)],
);

/** Published (frozen) reports: canonical JSON and its SHA-256 never change once written. */
export const reports = sqliteTable(
  "reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    scopeAgencyId: integer("scope_agency_id").references(() => agencies.id),
    asOf: text("as_of").notNull(), // YYYY-MM-DD
    title: text("title").notNull(),
    sha256: text("sha256").notNull(),
    previousReportId: integer("previous_report_id"),
    publishedAt: integer("published_at").notNull(),
    publishedBy: integer("published_by")
      .notNull()
      .references(() => users.id),
    /** Last on purpose (migration 0004): metadata reads never walk the JSON's overflow pages. */
    data: text("data").notNull(),
  },
  (t) => [index("reports_scope_idx").on(t.scopeAgencyId, t.publishedAt)],
);

/** Files served for a published report (each PDF rendering, the CSVs), by SHA-256, so /verify can
 *  say which report a downloaded file belongs to. The data file's own fingerprint is reports.sha256. */
export const reportFiles = sqliteTable("report_files", {
  sha256: text("sha256").primaryKey(),
  reportId: integer("report_id")
    .notNull()
    .references(() => reports.id),
  kind: text("kind").notNull(), // "pdf", "agencies.csv", "endpoints.csv"
  firstServedAt: integer("first_served_at").notNull(),
});

/** Small key/value store for deployment state (applied catalog version, policy epoch ...). */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/**
 * Work one app node at a time does for the whole deployment (issue 15): the maintenance pass.
 * A node holds a lease until `expires_at` (ms) and renews it while it runs; a lease that lapsed
 * (its node stopped or was killed) is taken by the next node that asks (work/store-leases.ts).
 */
export const jobLeases = sqliteTable("job_leases", {
  name: text("name").primaryKey(),
  /** The node holding it (ops/node.ts: random per process). */
  holder: text("holder").notNull(),
  expiresAt: integer("expires_at").notNull(),
});
