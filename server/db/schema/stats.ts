import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { agencies } from "./agencies";
import type { EndpointState } from "./endpoints";

/** The levels both counter tables carry (camelCase names of the columns below), in order. */
export const LEVEL_FIELDS = [
  "endpoints",
  "banned",
  "remnants",
  "excepted",
  "unprotected",
  "clean",
  "stale",
  "neverReported",
  "staleBanned",
  "openFindings",
  "exceptedFindings",
  "resolvedFindings",
] as const;
export type LevelField = (typeof LEVEL_FIELDS)[number];

/** The level that counts an endpoint in each state. */
export const STATE_LEVEL: Record<EndpointState, LevelField> = {
  banned: "banned",
  remnants: "remnants",
  excepted: "excepted",
  unprotected: "unprotected",
  clean: "clean",
  stale: "stale",
  "never-reported": "neverReported",
};

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
export const agencyCounts = sqliteTable("agency_counts", {
  agencyId: integer("agency_id")
    .primaryKey()
    .references(() => agencies.id),
  ...counterColumns,
  removalsTotal: integer("removals_total").notNull().default(0),
  reinstallsTotal: integer("reinstalls_total").notNull().default(0),
});

/** End-of-day copy of the counters plus that day's removals and reinstalls. Written
 *  incrementally on each change; a day without a row carries the previous day forward. */
export const agencyDaily = sqliteTable(
  "agency_daily",
  {
    agencyId: integer("agency_id")
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

/**
 * Endpoints with at least one present observation of a vendor's (kind "vendor") or a product's
 * (kind "product") software, per agency: the exact total of the Endpoints list's "present" filter
 * without reading every observation. Kept by triggers on observations, software and endpoints
 * (drizzle/0016_presence_counts.sql), so every path that writes them (ingest, imports and their
 * undo, re-matching) keeps it in step in its own transaction.
 */
export const presenceCounts = sqliteTable(
  "presence_counts",
  {
    kind: text("kind", { enum: ["vendor", "product"] }).notNull(),
    slug: text("slug").notNull(),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    endpoints: integer("endpoints").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.kind, t.slug, t.agencyId] })],
);

/**
 * Open findings per agency, product and version: the Overview's and an agency's "what remains"
 * table without reading every open finding. Kept by triggers on findings (drizzle/0018), so every
 * writer (ingest, re-evaluation, waivers, imports) keeps it exact in its own transaction. Rows
 * that fall to 0 stay.
 */
export const openFindingCounts = sqliteTable(
  "open_finding_counts",
  {
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    product: text("product").notNull(),
    version: text("version").notNull(),
    findings: integer("findings").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.product, t.version] })],
);

/**
 * Enrolled, unrevoked endpoints per agency and agent version ("" before the first report): the
 * Enrollment page's versions without reading every endpoint. Kept by triggers on endpoints
 * (drizzle/0019), in the transaction of every writer. Rows that fall to 0 stay.
 */
export const agentVersionCounts = sqliteTable(
  "agent_version_counts",
  {
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    version: text("version").notNull(),
    endpoints: integer("endpoints").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.version] })],
);
