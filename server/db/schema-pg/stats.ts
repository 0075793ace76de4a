import { bigint, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";

/** Counters kept per agency (its own endpoints only; roll-ups sum the subtree). */
const counterColumns = {
  endpoints: integer("endpoints").notNull().default(0),
  banned: integer("banned").notNull().default(0),
  remnants: integer("remnants").notNull().default(0),
  excepted: integer("excepted").notNull().default(0),
  unprotected: integer("unprotected").notNull().default(0),
  clean: integer("clean").notNull().default(0),
  stale: integer("stale").notNull().default(0),
  neverReported: integer("never_reported").notNull().default(0),
  /** Stale endpoints last seen with banned software: at least one open finding (see server/findings/needs-action.ts). */
  staleBanned: integer("stale_banned").notNull().default(0),
  openFindings: integer("open_findings").notNull().default(0),
  exceptedFindings: integer("excepted_findings").notNull().default(0),
  resolvedFindings: integer("resolved_findings").notNull().default(0),
};

/** Live counters, updated in the same transaction as every change. */
export const agencyCounts = pgTable("agency_counts", {
  agencyId: bigint("agency_id", { mode: "number" })
    .primaryKey()
    .references(() => agencies.id),
  ...counterColumns,
  removalsTotal: integer("removals_total").notNull().default(0),
  reinstallsTotal: integer("reinstalls_total").notNull().default(0),
});

/** End-of-day copy of the counters plus that day's removals and reinstalls. Written
 *  incrementally on each change; a day without a row carries the previous day forward. */
export const agencyDaily = pgTable(
  "agency_daily",
  {
    agencyId: bigint("agency_id", { mode: "number" })
      .notNull()
      .references(() => agencies.id),
    day: text("day").notNull(), // YYYY-MM-DD (UTC)
    ...counterColumns,
    removals: integer("removals").notNull().default(0),
    reinstalls: integer("reinstalls").notNull().default(0),
    detections: integer("detections").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.day] })],
);

/** Endpoints with a present observation of a vendor's or product's software, per agency (SQLite's
 *  twin; kept by the triggers of drizzle/pg/0005_presence_counts_triggers.sql). */
export const presenceCounts = pgTable(
  "presence_counts",
  {
    kind: text("kind", { enum: ["vendor", "product"] }).notNull(),
    slug: text("slug").notNull(),
    agencyId: bigint("agency_id", { mode: "number" })
      .notNull()
      .references(() => agencies.id),
    endpoints: integer("endpoints").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.kind, t.slug, t.agencyId] })],
);

/** The twin of SQLite's open_finding_counts (server/db/schema/stats.ts), kept by drizzle/pg/0009's triggers. */
export const openFindingCounts = pgTable(
  "open_finding_counts",
  {
    agencyId: bigint("agency_id", { mode: "number" })
      .notNull()
      .references(() => agencies.id),
    product: text("product").notNull(),
    version: text("version").notNull(),
    findings: integer("findings").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.product, t.version] })],
);

/** The twin of SQLite's agent_version_counts (server/db/schema/stats.ts), kept by drizzle/pg/0011's triggers. */
export const agentVersionCounts = pgTable(
  "agent_version_counts",
  {
    agencyId: bigint("agency_id", { mode: "number" })
      .notNull()
      .references(() => agencies.id),
    version: text("version").notNull(),
    endpoints: integer("endpoints").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.version] })],
);
