// The import history, the devices each tool's exports were matched to, what each import did to
// each endpoint, and the devices left for an officer: every statement on those tables, with
// typed rows. Portable SQL (SQLite and PostgreSQL read it alike).
import type { Platform } from "~/agent/shared/protocol";
import type { Db } from "../db/client";
import type { ImportOutcome, ImportSource, ImportStatus } from "../db/schema/imports";
import { prep } from "../db/sql";
import { saidText } from "../i18n/errors";
import type { Said } from "../i18n/said";

export type DeviceMapping = { id: number; sourceDeviceId: string; endpointId: number; digest: string | null; collectedAt: number | null; hostname: string; lastImportId: number | null };

/** Every device of one tool already mapped in an agency, by the tool's device id. */
export function loadDeviceMappings(db: Db, agencyId: number, source: ImportSource): Map<string, DeviceMapping> {
  const rows = prep(
    db,
    `select id, source_device_id as sourceDeviceId, endpoint_id as endpointId, digest, collected_at as collectedAt, hostname, last_import_id as lastImportId
     from import_devices where agency_id = ? and source = ?`,
  ).all(agencyId, source) as DeviceMapping[];
  return new Map(rows.map((r) => [r.sourceDeviceId, r]));
}

export function upsertDeviceMapping(
  db: Db,
  m: { agencyId: number; source: ImportSource; sourceDeviceId: string; endpointId: number; hostname: string; digest: string | null; collectedAt: number | null; importId: number | null },
): void {
  prep(
    db,
    `insert into import_devices (agency_id, source, source_device_id, endpoint_id, hostname, digest, collected_at, last_import_id)
     values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (agency_id, source, source_device_id) do update set endpoint_id = excluded.endpoint_id, hostname = excluded.hostname,
       digest = excluded.digest, collected_at = excluded.collected_at, last_import_id = excluded.last_import_id`,
  ).run(m.agencyId, m.source, m.sourceDeviceId, m.endpointId, m.hostname, m.digest, m.collectedAt, m.importId);
}

/** Puts a mapping back as it was before an import. */
export function restoreDeviceMapping(db: Db, before: DeviceMapping): void {
  prep(db, "update import_devices set endpoint_id = ?, hostname = ?, digest = ?, collected_at = ?, last_import_id = ? where id = ?").run(
    before.endpointId,
    before.hostname,
    before.digest,
    before.collectedAt,
    before.lastImportId,
    before.id,
  );
}

/** Mappings an import created (those it only updated were restored first). */
export function deleteMappingsOfImport(db: Db, importId: number): void {
  prep(db, "delete from import_devices where last_import_id = ?").run(importId);
}

export type ImportRecord = {
  agencyId: number;
  source: ImportSource | null;
  status: ImportStatus;
  fileName: string;
  fileSha256: string;
  fileBytes: number;
  collectedAt: number;
  startedAt: number;
  finishedAt: number;
  actor: string;
  actorUserId: number | null;
  tokenId: number | null;
  rows: number;
  rowsSkipped: number;
  duplicateRows: number;
  devices: number;
  created: number;
  updated: number;
  unchanged: number;
  superseded: number;
  ambiguous: number;
  errorCount: number;
  message: string | null;
  /** JSON of the message as said to people (server/i18n/said.ts). */
  messageSaid: string | null;
  errors: string | null;
  firstEventId: number | null;
  firstFindingId: number | null;
};

const RECORD_COLUMNS = [
  "agency_id",
  "source",
  "status",
  "file_name",
  "file_sha256",
  "file_bytes",
  "collected_at",
  "started_at",
  "finished_at",
  "actor",
  "actor_user_id",
  "token_id",
  "rows",
  "rows_skipped",
  "duplicate_rows",
  "devices",
  "created",
  "updated",
  "unchanged",
  "superseded",
  "ambiguous",
  "error_count",
  "message",
  "message_said",
  "errors",
  "first_event_id",
  "first_finding_id",
] as const;

export function insertImport(db: Db, r: ImportRecord): number {
  const values = [
    r.agencyId,
    r.source,
    r.status,
    r.fileName,
    r.fileSha256,
    r.fileBytes,
    r.collectedAt,
    r.startedAt,
    r.finishedAt,
    r.actor,
    r.actorUserId,
    r.tokenId,
    r.rows,
    r.rowsSkipped,
    r.duplicateRows,
    r.devices,
    r.created,
    r.updated,
    r.unchanged,
    r.superseded,
    r.ambiguous,
    r.errorCount,
    r.message,
    r.messageSaid,
    r.errors,
    r.firstEventId,
    r.firstFindingId,
  ];
  return Number(prep(db, `insert into imports (${RECORD_COLUMNS.join(", ")}) values (${RECORD_COLUMNS.map(() => "?").join(", ")})`).run(...values).lastInsertRowid);
}

/** Counts and outcome of an import, written when it finishes (the row exists from its start). */
export function finishImport(
  db: Db,
  id: number,
  r: Pick<ImportRecord, "status" | "finishedAt" | "devices" | "created" | "updated" | "unchanged" | "superseded" | "ambiguous" | "message" | "messageSaid">,
): void {
  prep(db, "update imports set status = ?, finished_at = ?, devices = ?, created = ?, updated = ?, unchanged = ?, superseded = ?, ambiguous = ?, message = ?, message_said = ? where id = ?").run(
    r.status,
    r.finishedAt,
    r.devices,
    r.created,
    r.updated,
    r.unchanged,
    r.superseded,
    r.ambiguous,
    r.message,
    r.messageSaid,
    id,
  );
}

/** How far an applying import has got, with each chunk: its counts and the time (the heartbeat that says it is alive). */
export function recordImportProgress(db: Db, id: number, p: Pick<ImportRecord, "finishedAt" | "created" | "updated" | "unchanged" | "superseded" | "ambiguous">): void {
  prep(db, "update imports set finished_at = ?, created = ?, updated = ?, unchanged = ?, superseded = ?, ambiguous = ? where id = ? and status = 'applying'").run(
    p.finishedAt,
    p.created,
    p.updated,
    p.unchanged,
    p.superseded,
    p.ambiguous,
    id,
  );
}

/** An applying import whose progress was not written for this long has no process left to finish it. */
export const IMPORT_HEARTBEAT_STALE_MS = 120_000;

/** An import of the agency being applied now (its progress written since `aliveSince`), if any. */
export function applyingImportOf(db: Db, agencyId: number, aliveSince: number): { id: number } | undefined {
  return prep(db, "select id from imports where agency_id = ? and status = 'applying' and finished_at >= ? limit 1").get(agencyId, aliveSince) as { id: number } | undefined;
}

/** Imports left "applying" whose progress was last written before `staleBefore`: no process is applying them. */
export function interruptedImports(db: Db, staleBefore: number): ImportRow[] {
  return prep(db, `${ROW_SELECT} where status = 'applying' and finished_at < ?`).all(staleBefore) as ImportRow[];
}

/** An applied import of the same file into the same agency from the same tool, if any. */
export function findAppliedImportOfFile(db: Db, agencyId: number, source: ImportSource, sha256: string): { id: number; finishedAt: number } | undefined {
  return prep(db, "select id, finished_at as finishedAt from imports where file_sha256 = ? and agency_id = ? and source = ? and status = 'applied' order by id desc limit 1").get(
    sha256,
    agencyId,
    source,
  ) as { id: number; finishedAt: number } | undefined;
}

export type ImportRow = ImportRecord & { id: number; undoneAt: number | null; undoneBy: string | null };

const ROW_SELECT = `select id, agency_id as agencyId, source, status, file_name as fileName, file_sha256 as fileSha256, file_bytes as fileBytes,
  collected_at as collectedAt, started_at as startedAt, finished_at as finishedAt, actor, actor_user_id as actorUserId, token_id as tokenId,
  rows, rows_skipped as rowsSkipped, duplicate_rows as duplicateRows, devices, created, updated, unchanged, superseded, ambiguous,
  error_count as errorCount, message, message_said as messageSaid, errors, first_event_id as firstEventId, first_finding_id as firstFindingId, undone_at as undoneAt, undone_by as undoneBy
  from imports`;

export function getImport(db: Db, id: number): ImportRow | undefined {
  return prep(db, `${ROW_SELECT} where id = ?`).get(id) as ImportRow | undefined;
}

/** Newest first, within the given agencies (null: all), keyset-paginated by id. */
export function listImportRows(db: Db, agencyIds: readonly number[] | null, limit: number, beforeId?: number): ImportRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (agencyIds !== null) {
    where.push(agencyIds.length ? `agency_id in (${agencyIds.map(() => "?").join(",")})` : "false");
    args.push(...agencyIds);
  }
  if (beforeId !== undefined) {
    where.push("id < ?");
    args.push(beforeId);
  }
  return prep(db, `${ROW_SELECT}${where.length ? ` where ${where.join(" and ")}` : ""} order by id desc limit ${Math.floor(limit)}`).all(...args) as ImportRow[];
}

export function markImportUndone(db: Db, id: number, at: number, by: string): void {
  prep(db, "update imports set status = 'undone', undone_at = ?, undone_by = ? where id = ?").run(at, by, id);
}

// ---- what an import did to each endpoint --------------------------------------------------------

export function insertImportEndpoint(db: Db, importId: number, endpointId: number, outcome: ImportOutcome, before: string | null): void {
  prep(db, "insert into import_endpoints (import_id, endpoint_id, outcome, before) values (?, ?, ?, ?)").run(importId, endpointId, outcome, before);
}

export type ImportEndpointRow = { endpointId: number; outcome: ImportOutcome; before: string | null };

export function importEndpoints(db: Db, importId: number): ImportEndpointRow[] {
  return prep(db, "select endpoint_id as endpointId, outcome, before from import_endpoints where import_id = ?").all(importId) as ImportEndpointRow[];
}

/** An endpoint of this import that a later, not undone import also touched, if any. */
export function laterImportOfSameEndpoints(db: Db, importId: number): { importId: number; endpointId: number } | undefined {
  return prep(
    db,
    `select later.import_id as importId, later.endpoint_id as endpointId
     from import_endpoints mine
     join import_endpoints later on later.endpoint_id = mine.endpoint_id and later.import_id > mine.import_id
     join imports i on i.id = later.import_id and i.status in ('applied', 'applying', 'failed')
     where mine.import_id = ? limit 1`,
  ).get(importId) as { importId: number; endpointId: number } | undefined;
}

/** An endpoint of this import whose agent reported after `since`, or that got a waiver request since. */
export function laterReportOrWaiver(db: Db, importId: number, since: number): { endpointId: number; what: "report" | "waiver" } | undefined {
  const report = prep(
    db,
    `select ie.endpoint_id as endpointId from import_endpoints ie
     where ie.import_id = ? and exists (select 1 from checkins c where c.endpoint_id = ie.endpoint_id and c.received_at >= ?) limit 1`,
  ).get(importId, since) as { endpointId: number } | undefined;
  if (report) return { ...report, what: "report" };
  const waiver = prep(
    db,
    `select ie.endpoint_id as endpointId from import_endpoints ie
     where ie.import_id = ? and exists (select 1 from waivers w where w.endpoint_id = ie.endpoint_id and w.requested_at >= ?) limit 1`,
  ).get(importId, since) as { endpointId: number } | undefined;
  return waiver ? { ...waiver, what: "waiver" } : undefined;
}

// ---- devices left for an officer ----------------------------------------------------------------

export function insertAmbiguity(
  db: Db,
  a: { importId: number; agencyId: number; source: ImportSource; sourceDeviceId: string; hostname: string; platform: Platform; candidates: number[]; reason: Said },
): void {
  prep(db, "insert into import_ambiguities (import_id, agency_id, source, source_device_id, hostname, platform, candidates, reason, reason_said) values (?, ?, ?, ?, ?, ?, ?, ?, ?)").run(
    a.importId,
    a.agencyId,
    a.source,
    a.sourceDeviceId,
    a.hostname,
    a.platform,
    JSON.stringify(a.candidates),
    saidText(a.reason),
    JSON.stringify(a.reason),
  );
}

export type AmbiguityRow = {
  id: number;
  importId: number;
  agencyId: number;
  source: ImportSource;
  sourceDeviceId: string;
  hostname: string;
  platform: Platform;
  candidates: string;
  reason: string;
  /** JSON of the reason as said to people. */
  reasonSaid: string | null;
  resolvedEndpointId: number | null;
  resolvedAt: number | null;
  resolvedBy: string | null;
};

const AMBIGUITY_SELECT = `select id, import_id as importId, agency_id as agencyId, source, source_device_id as sourceDeviceId, hostname, platform, candidates, reason, reason_said as reasonSaid,
  resolved_endpoint_id as resolvedEndpointId, resolved_at as resolvedAt, resolved_by as resolvedBy from import_ambiguities`;

/** Open ambiguities of the newest import of each device (older ones are superseded), within the agencies. */
export function openAmbiguities(db: Db, agencyIds: readonly number[] | null, limit: number): AmbiguityRow[] {
  const scope = agencyIds === null ? "true" : agencyIds.length ? `a.agency_id in (${agencyIds.map(() => "?").join(",")})` : "false";
  return prep(
    db,
    `${AMBIGUITY_SELECT.replace("from import_ambiguities", "from import_ambiguities a")} where ${scope} and a.resolved_at is null
     and a.id = (select max(b.id) from import_ambiguities b where b.agency_id = a.agency_id and b.source = a.source and b.source_device_id = a.source_device_id)
     order by a.id desc limit ${Math.floor(limit)}`,
  ).all(...(agencyIds ?? [])) as AmbiguityRow[];
}

export function getAmbiguity(db: Db, id: number): AmbiguityRow | undefined {
  return prep(db, `${AMBIGUITY_SELECT} where id = ?`).get(id) as AmbiguityRow | undefined;
}

/** Marks every open ambiguity of the device resolved (linked to an endpoint, or left as a new one). */
export function resolveAmbiguities(db: Db, a: { agencyId: number; source: ImportSource; sourceDeviceId: string; endpointId: number | null; at: number; by: string }): void {
  prep(
    db,
    `update import_ambiguities set resolved_endpoint_id = ?, resolved_at = ?, resolved_by = ?
     where agency_id = ? and source = ? and source_device_id = ? and resolved_at is null`,
  ).run(a.endpointId, a.at, a.by, a.agencyId, a.source, a.sourceDeviceId);
}
