import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { agencies } from "./agencies";
import { endpoints } from "./endpoints";
import { users } from "./users";

/** Management tools whose inventories Muster imports. "agent" is the evidence of the agent itself. */
export const IMPORT_SOURCES = ["intune", "defender", "configmgr", "osquery", "fleet"] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];
export type Evidence = "agent" | ImportSource;

/** "applying": its devices are being applied, a chunk at a time (its counts so far are stored). */
export const IMPORT_STATUSES = ["applied", "refused", "duplicate", "failed", "undone", "applying"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Tokens a script uses to push inventories of one agency (POST /api/import/v1/inventory). */
export const importTokens = sqliteTable(
  "import_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    /** SHA-256 (hex) of the token; the token itself is shown once at creation. */
    tokenHash: text("token_hash").notNull().unique(),
    tokenPrefix: text("token_prefix").notNull(),
    label: text("label"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
    expiresAt: integer("expires_at"),
    uses: integer("uses").notNull().default(0),
    revokedAt: integer("revoked_at"),
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [index("import_tokens_agency_idx").on(t.agencyId)],
);

/** One import attempt, whatever its outcome (refused ones too): the Import page's history. */
export const imports = sqliteTable(
  "imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    /** null: the file was in no format Muster reads. */
    source: text("source", { enum: IMPORT_SOURCES }),
    status: text("status", { enum: IMPORT_STATUSES }).notNull(),
    fileName: text("file_name").notNull().default(""),
    fileSha256: text("file_sha256").notNull(),
    fileBytes: integer("file_bytes").notNull(),
    /** When the tool collected the inventory (given, or read from the file), else the import time. */
    collectedAt: integer("collected_at").notNull(),
    startedAt: integer("started_at").notNull(),
    finishedAt: integer("finished_at").notNull(),
    actor: text("actor").notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    tokenId: integer("token_id").references(() => importTokens.id),
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
    firstEventId: integer("first_event_id"),
    firstFindingId: integer("first_finding_id"),
    undoneAt: integer("undone_at"),
    undoneBy: text("undone_by"),
  },
  (t) => [index("imports_agency_idx").on(t.agencyId, t.id), index("imports_sha_idx").on(t.fileSha256)],
);

/** A tool's own device id, remembered per agency and source, and the endpoint it maps to. */
export const importDevices = sqliteTable(
  "import_devices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    source: text("source", { enum: IMPORT_SOURCES }).notNull(),
    sourceDeviceId: text("source_device_id").notNull(),
    endpointId: integer("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    hostname: text("hostname").notNull(),
    /** Digest of the software the last applied export listed for the device. */
    digest: text("digest"),
    collectedAt: integer("collected_at"),
    lastImportId: integer("last_import_id"),
  },
  (t) => [uniqueIndex("import_devices_key_idx").on(t.agencyId, t.source, t.sourceDeviceId), index("import_devices_endpoint_idx").on(t.endpointId)],
);

export const IMPORT_OUTCOMES = ["created", "updated", "unchanged", "superseded"] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/** What one import did to each endpoint it matched or created. */
export const importEndpoints = sqliteTable(
  "import_endpoints",
  {
    importId: integer("import_id")
      .notNull()
      .references(() => imports.id),
    endpointId: integer("endpoint_id").notNull(),
    outcome: text("outcome", { enum: IMPORT_OUTCOMES }).notNull(),
    /** JSON before-image of what the import changed (endpoint, its observations of this source,
     *  its findings, the device mapping); null for endpoints the import created. */
    before: text("before"),
  },
  (t) => [primaryKey({ columns: [t.importId, t.endpointId] }), index("import_endpoints_endpoint_idx").on(t.endpointId, t.importId)],
);

/** Devices an import could not place without guessing: an officer links them (or not). */
export const importAmbiguities = sqliteTable(
  "import_ambiguities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    importId: integer("import_id")
      .notNull()
      .references(() => imports.id),
    agencyId: integer("agency_id")
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
    resolvedEndpointId: integer("resolved_endpoint_id"),
    resolvedAt: integer("resolved_at"),
    resolvedBy: text("resolved_by"),
  },
  (t) => [index("import_ambiguities_agency_idx").on(t.agencyId, t.resolvedAt), index("import_ambiguities_import_idx").on(t.importId)],
);
