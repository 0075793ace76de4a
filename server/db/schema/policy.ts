import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { agencies } from "./agencies";
import { endpoints } from "./endpoints";
import { users } from "./users";

/**
 * A legal measure against vendors or products. Only policies an administrator put in force act.
 * Built-in policies (seeded with each release) are read-only; local ones are written by the
 * deployment's administrators, editable until first in force, then changed only by a new version
 * (a new row pointing at the previous one), so the text in force at any time is kept.
 */
export const policies = sqliteTable("policies", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  jurisdiction: text("jurisdiction").notNull(),
  legalReference: text("legal_reference").notNull(),
  legalUrl: text("legal_url"),
  summary: text("summary").notNull().default(""),
  effectiveDate: text("effective_date").notNull(), // YYYY-MM-DD
  status: text("status", { enum: ["banned", "advisory"] }).notNull(),
  /** JSON array of vendor slugs. */
  vendors: text("vendors").notNull(),
  /** JSON array of categories the measure covers, or null for every product of the vendors. */
  categories: text("categories"),
  deadline: text("deadline"), // YYYY-MM-DD
  active: integer("active", { mode: "boolean" }).notNull().default(false),
  activatedAt: integer("activated_at"),
  activatedBy: integer("activated_by").references(() => users.id),
  origin: text("origin", { enum: ["builtin", "local"] })
    .notNull()
    .default("builtin"),
  /** JSON array of product slugs covered in addition to the vendors' (built-in or local products). */
  products: text("products").notNull().default("[]"),
  /** Root of the agency subtree the policy applies to; null: every agency. */
  agencyId: integer("agency_id").references(() => agencies.id),
  version: integer("version").notNull().default(1),
  /** The version this one replaces (local policies). */
  previousVersionId: integer("previous_version_id"),
  /** When a later version was put in force in its place. */
  supersededAt: integer("superseded_at"),
  /** First time it was put in force: from then on its text is frozen. */
  firstInForceAt: integer("first_in_force_at"),
  createdAt: integer("created_at"),
  createdBy: integer("created_by").references(() => users.id),
  updatedAt: integer("updated_at"),
  /**
   * The policy's texts in other languages, as JSON: `{"nl": {"legalReference": "...", "summary": "...",
   * "name": "..."}}` (each optional). The columns above are the English text; pages and reports show
   * the reader's language where given (server/policy/texts.ts), else the English.
   */
  texts: text("texts"),
});

export const FINDING_STATUSES = ["open", "resolved", "excepted", "withdrawn"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** One banned product (or its remnants) on one endpoint under the policies in force. */
export const findings = sqliteTable(
  "findings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    endpointId: integer("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    vendor: text("vendor").notNull(),
    product: text("product").notNull(),
    version: text("version").notNull().default(""),
    /** open: present; resolved: verified absent; excepted: covered by an approved waiver;
     *  withdrawn: no policy in force covers it any more. */
    status: text("status", { enum: FINDING_STATUSES }).notNull(),
    presence: text("presence", { enum: ["installed", "remnants", "absent"] }).notNull(),
    /** JSON array of the ids of the policies in force that cover the product. */
    policyIds: text("policy_ids").notNull(),
    firstDetectedAt: integer("first_detected_at").notNull(),
    lastChangedAt: integer("last_changed_at").notNull(),
    resolvedAt: integer("resolved_at"),
    resolvedSeq: integer("resolved_seq"),
    reopenCount: integer("reopen_count").notNull().default(0),
    reopenedAt: integer("reopened_at"),
    waiverId: integer("waiver_id"),
  },
  (t) => [
    uniqueIndex("findings_endpoint_product_idx").on(t.endpointId, t.product),
    index("findings_agency_status_idx").on(t.agencyId, t.status, t.product, t.version),
    index("findings_status_product_idx").on(t.status, t.product, t.version),
    /** What changed over a period (server/dashboard/changes.ts): findings opened, removed, reinstalled. */
    index("findings_first_detected_idx").on(t.firstDetectedAt, t.agencyId),
    index("findings_resolved_at_idx").on(t.resolvedAt, t.status, t.agencyId).where(sql`${t.resolvedAt} is not null`),
    index("findings_reopened_at_idx").on(t.reopenedAt, t.agencyId).where(sql`${t.reopenedAt} is not null`),
  ],
);

export const WAIVER_STATUSES = ["pending", "approved", "rejected", "revoked"] as const;
export type WaiverStatus = (typeof WAIVER_STATUSES)[number];

/** An exception for one finding, requested by one officer and approved by another (with a decision note). */
export const waivers = sqliteTable(
  "waivers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    findingId: integer("finding_id")
      .notNull()
      .references(() => findings.id, { onDelete: "cascade" }),
    endpointId: integer("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    justification: text("justification").notNull(),
    /** What keeps the risk down meanwhile (network isolation, monitoring ...). */
    compensatingControls: text("compensating_controls").notNull().default(""),
    /** Why the waiver lasts beyond the agency's removal deadline (required then). */
    extensionReason: text("extension_reason"),
    /** Waivers asked for together (all banned products of one machine) share the first one's id; decided together. */
    requestId: integer("request_id"),
    requestedBy: integer("requested_by")
      .notNull()
      .references(() => users.id),
    requestedAt: integer("requested_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    status: text("status", { enum: WAIVER_STATUSES }).notNull().default("pending"),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: integer("decided_at"),
    decisionNote: text("decision_note"),
  },
  (t) => [
    index("waivers_finding_idx").on(t.findingId),
    index("waivers_agency_status_idx").on(t.agencyId, t.status),
    index("waivers_status_expires_idx").on(t.status, t.expiresAt),
    index("waivers_request_idx").on(t.requestId),
  ],
);
