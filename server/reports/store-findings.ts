// The banned installs a report lists: open and excepted findings in scope (counted, or written as
// JSON text by SQLite itself), a past day's findings reconstructed from the endpoints' product
// timelines, and the approved waivers that except some of them.
import "server-only";
import { type Db, isPostgres } from "../db/client";
import { inIds } from "../db/read-sql";
import { prep } from "../db/sql";
import { LISTED_STATES } from "./types";

export type WaiverRow = {
  id: number;
  findingId: number;
  justification: string;
  compensatingControls: string;
  requestedBy: string | null;
  approvedBy: string | null;
  decidedAt: number | null;
  expiresAt: number;
};

/** One finding as read: endpoint columns first, then the finding's. */
export type PastFindingRow = [
  agencyId: number,
  hostname: string,
  deviceId: string,
  osName: string,
  osVersion: string,
  lastReportAt: number | null,
  state: string | null,
  findingId: number,
  vendor: string,
  product: string,
  version: string,
  presence: string,
  status: string,
  firstDetectedAt: number,
  waiverId: number | null,
];

export type FindingCountRow = { agencyId: number; vendor: string; product: string; presence: string; status: "open" | "excepted"; n: number };
export type ExceptedFindingRow = { agencyId: number; hostname: string; deviceId: string; product: string; waiverId: number | null };

const COLUMNS = `e.hostname, e.device_id, e.os_name, e.os_version`;
const FINDING = `f.id, f.vendor, f.product, f.version, f.presence, f.status, f.first_detected_at, f.waiver_id`;

/** Approved waivers of the agencies among `ids`: today's (`at` null), or those in force at `at`. By expiry, then id. */
export function approvedWaivers(db: Db, ids: number[] | null, at: number | null): WaiverRow[] {
  const live = at === null;
  const when = live ? "" : "and w.decided_at <= @at and w.expires_at > @at";
  const q = prep(
    db,
    `select w.id, w.finding_id as findingId, w.justification, w.compensating_controls as compensatingControls, ru.name as requestedBy, du.name as approvedBy, w.decided_at as decidedAt, w.expires_at as expiresAt
     from waivers w left join users ru on ru.id = w.requested_by left join users du on du.id = w.decided_by
     where w.status = 'approved' and ${inIds("w.agency_id", ids)} ${when}
     order by w.expires_at, w.id`,
  );
  return (live ? q.all() : q.all({ at })) as WaiverRow[];
}

/** Agencies in the report's order, endpoint states in LISTED_STATES order (then any other), hostname. */
const ORDER = `a.path, case e.state ${LISTED_STATES.map((x, i) => `when '${x}' then ${i}`).join(" ")} else ${LISTED_STATES.length} end, e.hostname, e.id`;

/** Endpoints with an open or excepted finding among `ids` (null: every agency), in the list's order. */
export function listedEndpointIds(db: Db, ids: number[] | null): number[] {
  // Deployment-wide, most findings qualify: one sequential pass beats a million index look-ups.
  const source = ids === null ? "findings not indexed" : "findings";
  return prep(
    db,
    `select e.id from (select distinct endpoint_id as id from ${source} where ${inIds("agency_id", ids)} and status in ('open', 'excepted')) l
     join endpoints e on e.id = l.id join agencies a on a.id = e.agency_id order by ${ORDER}`,
  )
    .pluck()
    .all() as number[];
}

/** Each endpoint's row (EndpointFindingsRow) as JSON text, in the order of `endpointIds`; products by their index in `productSlugs`. */
export function endpointFindingsJson(db: Db, productSlugs: string[], endpointIds: number[]): string[] {
  // Typed: PostgreSQL would take an untyped parameter in THEN for text, and write the index quoted.
  const productIndex = `case f.product ${productSlugs.map(() => "when ? then cast(? as integer)").join(" ")} end`;
  const params = productSlugs.flatMap((slug, i) => [slug, i]);
  const code = "case when f.status = 'excepted' then 2 else 0 end + case when f.presence = 'remnants' then 1 else 0 end";
  const ids = JSON.stringify(endpointIds);
  return prep(db, isPostgres(db) ? pgFindingsJson(productIndex, code) : sqliteFindingsJson(productIndex, code))
    .pluck()
    .all(...params, ids) as string[];
}

function sqliteFindingsJson(productIndex: string, code: string): string {
  // json_each yields the ids in array order and drives the join, so the rows come out in that order.
  return `select '[' || substr(q.h, 2, length(q.h) - 2) || ',' || (
         select group_concat(substr(x, 2, length(x) - 2), ',') from (
           select json_array(${productIndex}, f.version, ${code}, f.first_detected_at / 1000, f.waiver_id) as x
           from findings f where f.endpoint_id = q.id and f.status in ('open', 'excepted') order by f.product)) || ']'
     from (select e.id, json_array(a.code, e.hostname, e.device_id, trim(e.os_name || ' ' || e.os_version), e.last_report_at / 1000, e.state) as h
           from json_each(?) j join endpoints e on e.id = j.value join agencies a on a.id = e.agency_id) q`;
}

/** JSON text of one value as SQLite's json_array writes it (no spaces; to_json escapes strings alike). */
const pgJson = (x: string) => `coalesce(to_json(${x})::text, 'null')`;

function pgFindingsJson(productIndex: string, code: string): string {
  // json_build_array would write spaces after the commas: the text is joined by hand so that the
  // report's canonical data, and its fingerprint, are byte for byte SQLite's.
  const head = ["a.code", "e.hostname", "e.device_id", "trim(e.os_name || ' ' || e.os_version)", "e.last_report_at / 1000", "e.state"].map(pgJson).join(" || ',' || ");
  const finding = [productIndex, "f.version", code, "f.first_detected_at / 1000", "f.waiver_id"].map(pgJson).join(" || ',' || ");
  return `select '[' || ${head} || ',' || (
         select string_agg(${finding}, ',' order by f.product) from findings f where f.endpoint_id = e.id and f.status in ('open', 'excepted')) || ']'
     from json_array_elements_text(cast(? as json)) with ordinality j(value, n)
     join endpoints e on e.id = cast(j.value as bigint) join agencies a on a.id = e.agency_id
     order by j.n`;
}

function pastFindingsStatement(db: Db, ids: number[] | null) {
  return prep(
    db,
    `select e.agency_id, ${COLUMNS},
       case when e.last_report_at <= @at then e.last_report_at else (select max(c.received_at) from checkins c where c.endpoint_id = e.id and c.received_at <= @at) end,
       null, ${FINDING}
     from findings f join endpoints e on e.id = f.endpoint_id join agencies a on a.id = e.agency_id
     where ${inIds("f.agency_id", ids)} and f.first_detected_at <= @at
       and coalesce((select ev.kind from endpoint_events ev where ev.endpoint_id = f.endpoint_id and ev.product = f.product and ev.at <= @at
                     order by ev.at desc, ev.id desc limit 1), 'detected') in ('detected', 'reinstalled', 'remnants', 'upgraded')
     order by a.path, e.hostname, e.id, f.product`,
  ).raw(true);
}

/** A past day's present findings among `ids`, reconstructed from the endpoints' product timelines; an endpoint's findings together. */
export function pastFindingRows(db: Db, ids: number[] | null, at: number): PastFindingRow[] {
  return pastFindingsStatement(db, ids).all({ at }) as PastFindingRow[];
}

/** The same rows one at a time, for what only counts them (a draft): none of them is kept. */
export function eachPastFindingRow(db: Db, ids: number[] | null, at: number): IterableIterator<PastFindingRow> {
  return pastFindingsStatement(db, ids).iterate({ at }) as IterableIterator<PastFindingRow>;
}

/** Open and excepted findings among `ids`, counted per agency, vendor, product, presence and status. */
export function openFindingCounts(db: Db, ids: number[] | null): FindingCountRow[] {
  // Deployment-wide, most findings qualify: one sequential pass beats a million index look-ups.
  return prep(
    db,
    `select agency_id as agencyId, vendor, product, presence, status, count(*) as n from findings ${ids === null ? "not indexed" : ""}
     where ${inIds("agency_id", ids)} and status in ('open', 'excepted') group by agency_id, vendor, product, presence, status`,
  ).all() as FindingCountRow[];
}

/** Excepted findings among `ids`, with their endpoint and waiver. */
export function exceptedFindings(db: Db, ids: number[] | null): ExceptedFindingRow[] {
  return prep(
    db,
    `select e.agency_id as agencyId, e.hostname, e.device_id as deviceId, f.product, f.waiver_id as waiverId
     from findings f join endpoints e on e.id = f.endpoint_id
     where ${inIds("f.agency_id", ids)} and f.status = 'excepted'`,
  ).all() as ExceptedFindingRow[];
}
