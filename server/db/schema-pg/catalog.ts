import { bigint, index, pgTable, text } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * The deployment's local catalog overlay: what its officers classified (or suppressed) beyond the
 * built-in catalog. Rows are never deleted: a rule withdrawn is `retired`, so the history of what
 * the catalog said stays. Every change bumps settings.catalog_overlay_revision.
 */
export const catalogLocalVendors = pgTable("catalog_local_vendors", {
  slug: text("slug").primaryKey(), // "local-..."
  name: text("name").notNull(),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
  createdBy: bigint("created_by", { mode: "number" }).references(() => users.id),
});

export const catalogLocalProducts = pgTable("catalog_local_products", {
  slug: text("slug").primaryKey(), // "local-..."
  /** A built-in vendor's slug or a local vendor's. */
  vendor: text("vendor").notNull(),
  name: text("name").notNull(),
  category: text("category").notNull(),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
  createdBy: bigint("created_by", { mode: "number" }).references(() => users.id),
});

export const catalogLocalRules = pgTable(
  "catalog_local_rules",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    /** classify: the entries it matches are this product; suppress: they are not security software. */
    kind: text("kind", { enum: ["classify", "suppress"] }).notNull(),
    /** The entry source it applies to, or null for every source. */
    source: text("source"),
    /** Case-insensitive regular expressions (anchored as the officer chose); at least one is set. */
    namePattern: text("name_pattern"),
    publisherPattern: text("publisher_pattern"),
    identifierPattern: text("identifier_pattern"),
    vendor: text("vendor"),
    product: text("product"),
    category: text("category"),
    note: text("note").notNull().default(""),
    /** The software entry an officer classified from (the Catalog page), if any. */
    fromSoftwareId: bigint("from_software_id", { mode: "number" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    createdBy: bigint("created_by", { mode: "number" }).references(() => users.id),
    createdByLabel: text("created_by_label").notNull(),
    retiredAt: bigint("retired_at", { mode: "number" }),
    retiredBy: bigint("retired_by", { mode: "number" }).references(() => users.id),
  },
  (t) => [index("catalog_local_rules_retired_idx").on(t.retiredAt)],
);
