import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { ENDPOINT_STATES } from "../schema/endpoints";
import { nowMs } from "./columns";
import { agencies } from "./agencies";
import { users } from "./users";

export const enrollmentTokens = pgTable(
  "enrollment_tokens",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    agencyId: bigint("agency_id", { mode: "number" })
      .notNull()
      .references(() => agencies.id),
    /** SHA-256 (hex) of the token; the token itself is shown once at creation. */
    tokenHash: text("token_hash").notNull().unique(),
    /** First characters of the token, so officers can tell tokens apart. */
    tokenPrefix: text("token_prefix").notNull(),
    label: text("label"),
    createdBy: bigint("created_by", { mode: "number" }).references(() => users.id),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(nowMs),
    expiresAt: bigint("expires_at", { mode: "number" }),
    maxUses: integer("max_uses"),
    uses: integer("uses").notNull().default(0),
    revokedAt: bigint("revoked_at", { mode: "number" }),
    lastUsedAt: bigint("last_used_at", { mode: "number" }),
  },
  (t) => [index("enrollment_tokens_agency_idx").on(t.agencyId)],
);

/** One enrolled machine. `state` is kept current by ingest, re-evaluation and the stale sweep. */
export const endpoints = pgTable(
  "endpoints",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    /** Opaque public id the agent authenticates with (never the row id). */
    deviceId: text("device_id").notNull().unique(),
    agencyId: bigint("agency_id", { mode: "number" })
      .notNull()
      .references(() => agencies.id),
    hostname: text("hostname").notNull(),
    osPlatform: text("os_platform", { enum: ["windows", "darwin", "linux"] }).notNull(),
    osName: text("os_name").notNull().default(""),
    osVersion: text("os_version").notNull().default(""),
    osArch: text("os_arch").notNull().default(""),
    agentVersion: text("agent_version").notNull().default(""),
    /** SHA-256 of the machine id, as sent by the agent. */
    hardwareId: text("hardware_id").notNull(),
    /** SHA-256 (hex) of the device secret. */
    secretHash: text("secret_hash").notNull(),
    enrolledAt: bigint("enrolled_at", { mode: "number" }).notNull(),
    enrollmentTokenId: bigint("enrollment_token_id", { mode: "number" }).references(() => enrollmentTokens.id),
    firstReportAt: bigint("first_report_at", { mode: "number" }),
    lastReportAt: bigint("last_report_at", { mode: "number" }),
    lastCollectedAt: bigint("last_collected_at", { mode: "number" }),
    lastSeq: bigint("last_seq", { mode: "number" }).notNull().default(0),
    catalogVersion: text("catalog_version"),
    /** Digest of the last accepted report's software and collectors: an identical report (the
     *  common case) skips the observation diff. Written by ingest only. */
    reportDigest: text("report_digest"),
    state: text("state", { enum: ENDPOINT_STATES }).notNull().default("never-reported"),
    stateChangedAt: bigint("state_changed_at", { mode: "number" }).notNull(),
    /** Set when an officer revokes the machine: its secret stops working at once. It stays
     *  revoked (a new enrollment included) until an officer re-admits it. */
    revokedAt: bigint("revoked_at", { mode: "number" }),
    /** Enrollments of this machine so far (1 at the first): check-ins are keyed by it, so a new
     *  enrollment's sequence starts at 1 again beside the earlier ones instead of replacing them. */
    enrollment: integer("enrollment").notNull().default(1),
    /** A re-enrollment waiting for an officer (the machine is revoked, or reported recently and did
     *  not prove its old credential): SHA-256 of the credential it was given, which works only once
     *  an officer admits it; the old one keeps working meanwhile. */
    pendingSecretHash: text("pending_secret_hash"),
    pendingAt: bigint("pending_at", { mode: "number" }),
    /** New distinct software entries outside the catalog this device added on `newSoftwareDay`
     *  (days since the epoch, UTC): bounded per day (MUSTER_NEW_SOFTWARE_PER_DAY). */
    newSoftwareDay: integer("new_software_day"),
    newSoftwareCount: integer("new_software_count").notNull().default(0),
    /** Where the current state comes from: "agent", or the management tool whose inventory was
     *  imported last (intune, defender, configmgr, osquery, fleet). For an import, last_collected_at
     *  is when the tool collected it, last_report_at the same moment (staleness counts from there)
     *  and imported_at when Muster imported it. */
    evidence: text("evidence").notNull().default("agent"),
    importedAt: bigint("imported_at", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("endpoints_agency_hardware_idx").on(t.agencyId, t.hardwareId),
    index("endpoints_agency_state_idx").on(t.agencyId, t.state, t.hostname),
    index("endpoints_agency_last_report_idx").on(t.agencyId, t.lastReportAt),
    index("endpoints_state_last_report_idx").on(t.state, t.lastReportAt),
    index("endpoints_last_report_idx").on(t.lastReportAt),
    /** `collate nocase` in SQLite: ASCII letters folded, then bytes compared (pg-compat.ts rewrites the queries alike). */
    index("endpoints_hostname_idx").on(sql`lower(${t.hostname} collate "C")`),
    /** Dashboard: the endpoints of one state in hostname order (the Endpoints list filtered by state). */
    index("endpoints_state_hostname_idx").on(t.state, sql`lower(${t.hostname} collate "C")`),
    /** Re-enrollments waiting for an officer. */
    index("endpoints_pending_idx").on(t.pendingAt).where(sql`${t.pendingAt} is not null`),
    /** Counts split by evidence: the imported endpoints are found without reading the agent ones. */
    index("endpoints_evidence_idx").on(t.evidence, t.state, t.agencyId),
    /** Exact counts of the Endpoints list filtered by operating system (with state, agency and last
     *  report), read from the index alone. */
    index("endpoints_os_idx").on(t.osPlatform, t.state, t.agencyId, t.lastReportAt),
    /** Agent versions per agency (Enrollment page), read from the index alone. */
    index("endpoints_agency_version_idx").on(t.agencyId, t.agentVersion).where(sql`${t.revokedAt} is null`),
    /** The endpoints that went stale in a period (Changes), newest first. */
    index("endpoints_stale_changed_idx").on(t.stateChangedAt, t.agencyId).where(sql`${t.state} = 'stale'`),
  ],
);
