import { bigint, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { IMPORT_SOURCES, IMPORT_STATUSES, IMPORT_OUTCOMES } from "../schema/imports";
import { nowMs } from "./columns";
import { agencies } from "./agencies";
import { endpoints } from "./endpoints";
import { users } from "./users";

/** Tokens a script uses to push inventories of one agency (POST /api/import/v1/inventory). */
export const importTokens = pgTable(
  "import_tokens",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    agencyId: bigint("agency_id", { mode: "number" })
      .notNull()
      .references(() => agencies.id),
    /** SHA-256 (hex) of the token; the token itself is shown once at creation. */
    tokenHash: text("token_hash").notNull().unique(),
    tokenPrefix: text("token_prefix").notNull(),
    label: text("label"),
    createdBy: bigint("created_by", { mode: "number" }).references(() => users.id),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(nowMs),
    expiresAt: bigint("expires_at", { mode: "number" }),
    uses: integer("uses").notNull().default(0),
    revokedAt: bigint("revoked_at", { mode: "number" }),
    lastUsedAt: bigint("last_used_at", { mode: "number" }),
  },
  (t) => [index("import_tokens_agency_idx").on(t.agencyId)],
);

/** One import attempt, whatever its outcome (refused ones too): the Import page's history. */
export const imports = pgTable(
  "imports",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    agencyId: bigint("agency_id", { mode: "number" })
      .notNull()
      .references(() => agencies.id),
    /** null: the file was in no format Muster reads. */
    source: text("source", { enum: IMPORT_SOURCES }),
    status: text("status", { enum: IMPORT_STATUSES }).notNull(),
    fileName: text("file_name").notNull().default(""),
    fileSha256: text("file_sha256").notNull(),
    fileBytes: bigint("file_bytes", { mode: "number" }).notNull(),
    /** When the tool collected the inventory (given, or read from the file), else the import time. */
    collectedAt: bigint("collected_at", { mode: "number" }).notNull(),
    startedAt: bigint("started_at", { mode: "number" }).notNull(),
    finishedAt: bigint("finished_at", { mode: "number" }).notNull(),
    actor: text("actor").notNull(),
    actorUserId: bigint("actor_user_id", { mode: "number" }).references(() => users.id),
    tokenId: bigint("token_id", { mode: "number" }).references(() => importTokens.id),
    rows: integer("rows").notNull().default(0),
    /** Rows left out on purpose (mobile platforms, packages that are not installed ...). */
    rowsSkipped: integer("rows_skipped").notNull().default(0),
    duplicateRows: integer("duplicate_rows").notNull().default(0),
    devices: integer("devices").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    /** Matched endpoints whose agent (or a newer export of this tool) reported later than this export. */
    superseded: integer("superseded").notNull().default(0),
    ambiguous: integer("ambiguous").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    /** Why the file was refused, or what happened (one sentence). */
    message: text("message"),
    /** The same, as said to people (JSON: catalog key and parameters, server/i18n/said.ts), shown in the reader's language. */
    messageSaid: text("message_said"),
    /** JSON: the first bad rows, [{ line, message, said }]. */
    errors: text("errors"),
    /** Ids of the events and findings rows written by the import (for undo): the first of each. */
    firstEventId: bigint("first_event_id", { mode: "number" }),
    firstFindingId: bigint("first_finding_id", { mode: "number" }),
    undoneAt: bigint("undone_at", { mode: "number" }),
    undoneBy: text("undone_by"),
  },
  (t) => [index("imports_agency_idx").on(t.agencyId, t.id), index("imports_sha_idx").on(t.fileSha256)],
);

/** A tool's own device id, remembered per agency and source, and the endpoint it maps to. */
export const importDevices = pgTable(
  "import_devices",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    agencyId: bigint("agency_id", { mode: "number" })
      .notNull()
      .references(() => agencies.id),
    source: text("source", { enum: IMPORT_SOURCES }).notNull(),
    sourceDeviceId: text("source_device_id").notNull(),
    endpointId: bigint("endpoint_id", { mode: "number" })
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    hostname: text("hostname").notNull(),
    /** Digest of the software the last applied export listed for the device. */
    digest: text("digest"),
    collectedAt: bigint("collected_at", { mode: "number" }),
    lastImportId: bigint("last_import_id", { mode: "number" }),
  },
  (t) => [uniqueIndex("import_devices_key_idx").on(t.agencyId, t.source, t.sourceDeviceId), index("import_devices_endpoint_idx").on(t.endpointId)],
);

/** What one import did to each endpoint it matched or created. */
export const importEndpoints = pgTable(
  "import_endpoints",
  {
    importId: bigint("import_id", { mode: "number" })
      .notNull()
      .references(() => imports.id),
    endpointId: bigint("endpoint_id", { mode: "number" }).notNull(),
    outcome: text("outcome", { enum: IMPORT_OUTCOMES }).notNull(),
    /** JSON before-image of what the import changed (endpoint, its observations of this source,
     *  its findings, the device mapping); null for endpoints the import created. */
    before: text("before"),
  },
  (t) => [primaryKey({ columns: [t.importId, t.endpointId] }), index("import_endpoints_endpoint_idx").on(t.endpointId, t.importId)],
);

/** Devices an import could not place without guessing: an officer links them (or not). */
export const importAmbiguities = pgTable(
  "import_ambiguities",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    importId: bigint("import_id", { mode: "number" })
      .notNull()
      .references(() => imports.id),
    agencyId: bigint("agency_id", { mode: "number" })
      .notNull()
      .references(() => agencies.id),
    source: text("source", { enum: IMPORT_SOURCES }).notNull(),
    sourceDeviceId: text("source_device_id").notNull(),
    hostname: text("hostname").notNull(),
    platform: text("platform", { enum: ["windows", "darwin", "linux"] }).notNull(),
    /** JSON array of the candidate endpoint ids. */
    candidates: text("candidates").notNull(),
    reason: text("reason").notNull(),
    /** The reason as said to people (JSON: catalog key and parameters), shown in the reader's language. */
    reasonSaid: text("reason_said"),
    resolvedEndpointId: bigint("resolved_endpoint_id", { mode: "number" }),
    resolvedAt: bigint("resolved_at", { mode: "number" }),
    resolvedBy: text("resolved_by"),
  },
  (t) => [index("import_ambiguities_agency_idx").on(t.agencyId, t.resolvedAt), index("import_ambiguities_import_idx").on(t.importId)],
);
