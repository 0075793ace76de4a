import { bigint, boolean, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { EVENT_KINDS } from "../schema/software";
import { endpoints } from "./endpoints";

/**
 * Distinct software entries as agents report them (one row per exact source/name/version/
 * publisher/identifier), with the server's own catalog match. A fleet of a million machines
 * reports a few thousand distinct entries, so observations stay small by pointing here.
 */
export const software = pgTable(
  "software",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    /** Hex digest of the entry's identity fields; the dedup key. */
    fp: text("fp").notNull().unique(),
    source: text("source").notNull(),
    name: text("name").notNull(),
    version: text("version").notNull().default(""),
    publisher: text("publisher").notNull().default(""),
    identifier: text("identifier").notNull().default(""),
    /** What the OS says the component is for (macOS Endpoint Security extensions), or null. */
    role: text("role"),
    vendor: text("vendor"),
    product: text("product"),
    category: text("category"),
    /** Product entry (program, app, package) or component (service, driver, unit, folder). */
    kind: text("kind", { enum: ["product", "component"] }).notNull(),
    /** Looks like security software but the catalog does not know it. */
    unrecognized: boolean("unrecognized").notNull().default(false),
    /** Catalog version the match above was computed with. */
    matchedWith: text("matched_with").notNull(),
    firstSeenAt: bigint("first_seen_at", { mode: "number" }).notNull(),
  },
  (t) => [index("software_product_idx").on(t.product), index("software_vendor_idx").on(t.vendor), index("software_unrecognized_idx").on(t.unrecognized)],
);

/**
 * What each endpoint has, one row per slot (a hash of source + identity, stable across
 * versions). Present while removed_at is null; last_seen_at is written when it disappears.
 */
export const observations = pgTable(
  "observations",
  {
    endpointId: bigint("endpoint_id", { mode: "number" })
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    slot: bigint("slot", { mode: "number" }).notNull(),
    softwareId: bigint("software_id", { mode: "number" })
      .notNull()
      .references(() => software.id),
    /** Security Center state (windows-security-center entries only). */
    enabled: boolean("enabled"),
    upToDate: boolean("up_to_date"),
    firstSeenAt: bigint("first_seen_at", { mode: "number" }).notNull(),
    lastSeenAt: bigint("last_seen_at", { mode: "number" }),
    removedAt: bigint("removed_at", { mode: "number" }),
    reinstalls: integer("reinstalls").notNull().default(0),
    /** Who saw it: "agent", or the management tool whose imported inventory listed it. An import
     *  only adds and removes its own tool's rows; an agent report supersedes them all. */
    origin: text("origin").notNull().default("agent"),
  },
  (t) => [
    primaryKey({ columns: [t.endpointId, t.slot] }),
    /** The software on endpoints now ("software_id in (...) and removed_at is null"), covering: the one
     *  index on observations besides the key. (A partial index on present rows, dropped by drizzle/pg/0013,
     *  was never chosen over it and cost 154 MiB and a write per change at 1,000,000 endpoints.) */
    index("observations_software_removed_idx").on(t.softwareId, t.removedAt, t.endpointId),
  ],
);

/** Per-endpoint timeline at product level (vendor + product), written by ingest. */
export const endpointEvents = pgTable(
  "endpoint_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    endpointId: bigint("endpoint_id", { mode: "number" })
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    at: bigint("at", { mode: "number" }).notNull(),
    kind: text("kind", { enum: EVENT_KINDS }).notNull(),
    vendor: text("vendor").notNull(),
    product: text("product").notNull(),
    version: text("version"),
    seq: bigint("seq", { mode: "number" }),
  },
  (t) => [index("endpoint_events_endpoint_idx").on(t.endpointId, t.at)],
);

/** Every accepted check-in (kept for audit and crash-safety checks; after the retention it moves to
 *  the archive beside the database, server/maintenance/archive.ts), keyed by
 *  the endpoint's enrollment and the sequence number within it. */
export const checkins = pgTable(
  "checkins",
  {
    endpointId: bigint("endpoint_id", { mode: "number" })
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    enrollment: integer("enrollment").notNull().default(1),
    seq: bigint("seq", { mode: "number" }).notNull(),
    receivedAt: bigint("received_at", { mode: "number" }).notNull(),
    collectedAt: bigint("collected_at", { mode: "number" }).notNull(),
    entries: integer("entries").notNull(),
    changes: integer("changes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.endpointId, t.enrollment, t.seq] }), index("checkins_received_idx").on(t.receivedAt)],
);
