// Reading published reports: who may read which (the report's agency within the viewer's scope),
// and their frozen data, verified against the fingerprint before use. A published report never
// changes (the table refuses UPDATE and DELETE), so its document data, without the per-endpoint
// rows, is kept in memory once verified.
import "server-only";
import type { Scope } from "../access/scope";
import type { Db } from "../db/client";
import { prep } from "../db/sql";
import { inIds } from "../db/read-sql";
import { forbidden, notFound } from "../lib/errors";
import { sha256Hex } from "./canonical";
import { canReadReport } from "./scope";
import type { ReportData } from "./types";

export type ReportMeta = {
  id: number;
  title: string;
  asOf: string;
  sha256: string;
  scopeAgencyId: number | null;
  scopeCode: string | null;
  scopeName: string | null;
  previousReportId: number | null;
  publishedAt: number;
  publishedBy: string;
};

const META_COLUMNS = `r.id, r.title, r.as_of as asOf, r.sha256, r.scope_agency_id as scopeAgencyId, a.code as scopeCode, a.name as scopeName,
  r.previous_report_id as previousReportId, r.published_at as publishedAt, coalesce(u.name || ' <' || u.email || '>', 'user ' || r.published_by) as publishedBy`;
const META_FROM = "reports r left join agencies a on a.id = r.scope_agency_id left join users u on u.id = r.published_by";

/** Published reports the viewer may read, newest first. */
export function listReports(db: Db, viewerScope: Scope, limit = 500): ReportMeta[] {
  const where = viewerScope.kind === "all" ? "true" : inIds("r.scope_agency_id", viewerScope.ids);
  return prep(db, `select ${META_COLUMNS} from ${META_FROM} where ${where} order by r.published_at desc, r.id desc limit ${Math.trunc(limit)}`).all() as ReportMeta[];
}

export function getReportMeta(db: Db, viewerScope: Scope, id: number): ReportMeta {
  const meta = prep(db, `select ${META_COLUMNS} from ${META_FROM} where r.id = ?`).get(id) as ReportMeta | undefined;
  if (!meta) throw notFound("errors.reportNotFound");
  if (!canReadReport(viewerScope, meta.scopeAgencyId)) throw forbidden("errors.reportOutOfScope");
  return meta;
}

/** The latest published report of a scope (null: the whole deployment) with a reporting date on or before `asOf`. */
export function latestReportIdOnOrBefore(db: Db, scopeAgencyId: number | null, asOf: string): { id: number } | undefined {
  // Only id and as_of (stored before the large data column) decide; the rest is read for one row.
  // `is not distinct from` is SQLite's `is` (null equals null) in words both engines read; typed for PostgreSQL.
  return prep(db, "select id from reports where scope_agency_id is not distinct from cast(? as bigint) and as_of <= ? order by as_of desc, id desc limit 1").get(scopeAgencyId, asOf) as
    | { id: number }
    | undefined;
}

/** A published report's id, reporting date, fingerprint and publication time. */
export function reportHead(db: Db, id: number): { id: number; asOf: string; sha256: string; publishedAt: number } {
  return prep(db, "select id, as_of as asOf, sha256, published_at as publishedAt from reports where id = ?").get(id) as {
    id: number;
    asOf: string;
    sha256: string;
    publishedAt: number;
  };
}

export type NewReport = {
  scopeAgencyId: number | null;
  asOf: string;
  title: string;
  data: string;
  sha256: string;
  previousReportId: number | null;
  publishedAt: number;
  publishedBy: number;
};

/** Stores a published report (the table refuses later changes); its id. */
export function insertReport(db: Db, r: NewReport): { id: number } {
  return prep(
    db,
    `insert into reports (scope_agency_id, as_of, title, data, sha256, previous_report_id, published_at, published_by)
         values (?, ?, ?, ?, ?, ?, ?, ?) returning id`,
  ).get(r.scopeAgencyId, r.asOf, r.title, r.data, r.sha256, r.previousReportId, r.publishedAt, r.publishedBy) as { id: number };
}

export class TamperedReportError extends Error {}

/** Document data: the report without its packed per-endpoint rows (only the endpoints CSV needs them). */
function documentOnly(json: string): ReportData {
  const data = JSON.parse(json) as ReportData;
  return { ...data, findings: { ...data.findings, rows: "" } };
}

/**
 * The frozen data exactly as stored, after checking it still hashes to its fingerprint. Without
 * `findingRows` the packed per-endpoint rows (megabytes at national scale, only the endpoints CSV
 * needs them) are left out, and the result is kept in memory: a published report never changes (the
 * table refuses updates), so it is read and verified once per process.
 */
export function loadReport(db: Db, viewerScope: Scope, id: number, opts: { findingRows?: boolean } = {}): { meta: ReportMeta; data: ReportData } {
  if (opts.findingRows === false) {
    const meta = getReportMeta(db, viewerScope, id);
    return { meta, data: lightData(db, id) };
  }
  const { meta, json } = loadReportText(db, viewerScope, id);
  return { meta, data: JSON.parse(json) as ReportData };
}

/** The stored canonical text itself (checked against its fingerprint), unparsed. */
export function loadReportText(db: Db, viewerScope: Scope, id: number): { meta: ReportMeta; json: string } {
  const meta = getReportMeta(db, viewerScope, id);
  return { meta, json: verifiedText(db, id, meta.sha256) };
}

function verifiedText(db: Db, id: number, sha256: string): string {
  const { data: json } = prep(db, "select data from reports where id = ?").get(id) as { data: string };
  if (sha256Hex(json) !== sha256) throw new TamperedReportError(`Report ${id} no longer matches its fingerprint: its stored data was altered`);
  return json;
}

const LIGHT_CACHE_SIZE = 16;
const g = globalThis as unknown as { __musterReportCache?: Map<string, ReportData> };
const lightCache: Map<string, ReportData> = (g.__musterReportCache ??= new Map());

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Most recently used last; shared objects are frozen so no reader can alter them for the next. */
function remember(key: string, data: ReportData): ReportData {
  deepFreeze(data);
  lightCache.delete(key);
  lightCache.set(key, data);
  if (lightCache.size > LIGHT_CACHE_SIZE) lightCache.delete(lightCache.keys().next().value!);
  return data;
}

/** A published report's data without its per-endpoint rows (no access check: callers do it). */
export function lightData(db: Db, id: number): ReportData {
  const key = `${db.$client.name}#${id}`;
  const hit = lightCache.get(key);
  if (hit) return remember(key, hit);
  const { sha256 } = prep(db, "select sha256 from reports where id = ?").get(id) as { sha256: string };
  return remember(key, documentOnly(verifiedText(db, id, sha256)));
}

/** Keeps the document data of a report just published (its canonical text is at hand). */
export function rememberPublished(db: Db, id: number, json: string): void {
  remember(`${db.$client.name}#${id}`, documentOnly(json));
}

/** Whether the document data of a report is in this process's cache already. */
export function hasReportData(db: Db, id: number): boolean {
  return lightCache.has(`${db.$client.name}#${id}`);
}

/** Keeps document data read and verified on another connection of the same file (the work thread). */
export function rememberReportData(db: Db, id: number, data: ReportData): void {
  remember(`${db.$client.name}#${id}`, data);
}
