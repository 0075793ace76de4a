import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { FINDING_STATUSES, WAIVER_STATUSES } from "../schema/policy";
import { agencies } from "./agencies";
import { endpoints } from "./endpoints";
import { users } from "./users";

/**
 * A legal measure against vendors or products. Only policies an administrator put in force act.
 * Built-in policies (seeded with each release) are read-only; local ones are written by the
 * deployment's administrators, editable until first in force, then changed only by a new version
 * (a new row pointing at the previous one), so the text in force at any time is kept.
 */
export const policies = pgTable("policies", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
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
  active: boolean("active").notNull().default(false),
  activatedAt: bigint("activated_at", { mode: "number" }),
  activatedBy: bigint("activated_by", { mode: "number" }).references(() => users.id),
  origin: text("origin", { enum: ["builtin", "local"] })
    .notNull()
    .default("builtin"),
  /** JSON array of product slugs covered in addition to the vendors' (built-in or local products). */
  products: text("products").notNull().default("[]"),
  /** Root of the agency subtree the policy applies to; null: every agency. */
  agencyId: bigint("agency_id", { mode: "number" }).references(() => agencies.id),
  version: integer("version").notNull().default(1),
  /** The version this one replaces (local policies). */
  previousVersionId: bigint("previous_version_id", { mode: "number" }),
  /** When a later version was put in force in its place. */
  supersededAt: bigint("superseded_at", { mode: "number" }),
  /** First time it was put in force: from then on its text is frozen. */
  firstInForceAt: bigint("first_in_force_at", { mode: "number" }),
  createdAt: bigint("created_at", { mode: "number" }),
  createdBy: bigint("created_by", { mode: "number" }).references(() => users.id),
  updatedAt: bigint("updated_at", { mode: "number" }),
  /**
   * The policy's texts in other languages, as JSON: `{"nl": {"legalReference": "...", "summary": "...",
   * "name": "..."}}` (each optional). The columns above are the English text; pages and reports show
   * the reader's language where given (server/policy/texts.ts), else the English.
   */
  texts: text("texts"),
});

/** One banned product (or its remnants) on one endpoint under the policies in force. */
export const findings = pgTable(
  "findings",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    endpointId: bigint("endpoint_id", { mode: "number" })
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    agencyId: bigint("agency_id", { mode: "number" })
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
    firstDetectedAt: bigint("first_detected_at", { mode: "number" }).notNull(),
    lastChangedAt: bigint("last_changed_at", { mode: "number" }).notNull(),
    resolvedAt: bigint("resolved_at", { mode: "number" }),
    resolvedSeq: bigint("resolved_seq", { mode: "number" }),
    reopenCount: integer("reopen_count").notNull().default(0),
    reopenedAt: bigint("reopened_at", { mode: "number" }),
    waiverId: bigint("waiver_id", { mode: "number" }),
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

/** An exception for one finding, requested by one officer and approved by another (with a decision note). */
export const waivers = pgTable(
  "waivers",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    findingId: bigint("finding_id", { mode: "number" })
      .notNull()
      .references(() => findings.id, { onDelete: "cascade" }),
    endpointId: bigint("endpoint_id", { mode: "number" })
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    agencyId: bigint("agency_id", { mode: "number" })
      .notNull()
      .references(() => agencies.id),
    justification: text("justification").notNull(),
    /** What keeps the risk down meanwhile (network isolation, monitoring ...). */
    compensatingControls: text("compensating_controls").notNull().default(""),
    /** Why the waiver lasts beyond the agency's removal deadline (required then). */
    extensionReason: text("extension_reason"),
    /** Waivers asked for together (all banned products of one machine) share the first one's id; decided together. */
    requestId: bigint("request_id", { mode: "number" }),
    requestedBy: bigint("requested_by", { mode: "number" })
      .notNull()
      .references(() => users.id),
    requestedAt: bigint("requested_at", { mode: "number" }).notNull(),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
    status: text("status", { enum: WAIVER_STATUSES }).notNull().default("pending"),
    decidedBy: bigint("decided_by", { mode: "number" }).references(() => users.id),
    decidedAt: bigint("decided_at", { mode: "number" }),
    decisionNote: text("decision_note"),
  },
  (t) => [
    index("waivers_finding_idx").on(t.findingId),
    index("waivers_agency_status_idx").on(t.agencyId, t.status),
    index("waivers_status_expires_idx").on(t.status, t.expiresAt),
    index("waivers_request_idx").on(t.requestId),
  ],
);
