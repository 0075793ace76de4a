// The banned installs behind the figures: every open or excepted finding in scope with its
// endpoint (for the endpoints CSV), the totals per product and per agency, and the exceptions
// (approved waivers) that cover some of them.
//
// Reporting date today: the findings' current status. The figures need only counts (one grouped
// query); the list, when wanted, is written by SQLite itself as JSON text in two passes (the
// listed endpoints in order, then each one's row with its findings), so a national fleet's
// hundreds of thousands of rows never become JavaScript objects.
//
// A past date: each finding's state at the end of that day is reconstructed from the endpoint's
// product timeline (endpoint_events): present if detected by then and its last event up to then
// was not a removal; excepted if an approved waiver decided by then had not expired.
import "server-only";
import type { Db } from "../db/client";
import { productName, productVendor, vendorName } from "../catalog/names";
import { prep } from "../db/sql";
import { inIds } from "../db/read-sql";
import { dayOf } from "../lib/time";
import { EVIDENCE_ENCODING, packRows } from "./evidence";
import type { AgencyInfo, ResolvedScope } from "./scope";
import { type EndpointFindingsRow, type Exception, FINDING_CODES, FINDINGS_LAYOUT, type FindingsTable, LISTED_STATES, type ReportProduct } from "./types";

type Waiver = {
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
type Raw = [
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

export type FindingsResult = {
  table: FindingsTable;
  products: ReportProduct[];
  /** Open findings per agency (own endpoints) and product slug. */
  openByAgency: Map<number, Map<string, number>>;
  exceptions: Exception[];
};

const COLUMNS = `e.hostname, e.device_id, e.os_name, e.os_version`;
const FINDING = `f.id, f.vendor, f.product, f.version, f.presence, f.status, f.first_detected_at, f.waiver_id`;

function waivers(db: Db, scope: ResolvedScope, live: boolean, at: number): Map<number, Waiver> {
  const when = live ? "" : "and w.decided_at <= @at and w.expires_at > @at";
  const q = prep(
    db,
    `select w.id, w.finding_id as findingId, w.justification, w.compensating_controls as compensatingControls, ru.name as requestedBy, du.name as approvedBy, w.decided_at as decidedAt, w.expires_at as expiresAt
     from waivers w left join users ru on ru.id = w.requested_by left join users du on du.id = w.decided_by
     where w.status = 'approved' and ${inIds("w.agency_id", scope.ids)} ${when}
     order by w.expires_at, w.id`,
  );
  const rows = (live ? q.all() : q.all({ at })) as Waiver[];
  // Keyed by waiver id when live (findings name their waiver), by finding id for a past date.
  return new Map(rows.map((w) => [live ? w.id : w.findingId, w]));
}

/** Agencies in the report's order, endpoint states in LISTED_STATES order (then any other), hostname. */
const ORDER = `a.path, case e.state ${LISTED_STATES.map((x, i) => `when '${x}' then ${i}`).join(" ")} else ${LISTED_STATES.length} end, e.hostname, e.id`;

/** Today's list as JSON text (an array of EndpointFindingsRow), and how many endpoints it holds. */
function liveEvidence(db: Db, scope: ResolvedScope, products: ReportProduct[]): { json: string; endpoints: number } {
  // Deployment-wide, most findings qualify: one sequential pass beats a million index look-ups.
  const source = scope.ids === null ? "findings not indexed" : "findings";
  const ids = prep(
    db,
    `select e.id from (select distinct endpoint_id as id from ${source} where ${inIds("agency_id", scope.ids)} and status in ('open', 'excepted')) l
     join endpoints e on e.id = l.id join agencies a on a.id = e.agency_id order by ${ORDER}`,
  )
    .pluck()
    .all() as number[];
  if (ids.length === 0) return { json: "[]", endpoints: 0 };
  const productIndex = `case f.product ${products.map(() => "when ? then ?").join(" ")} end`;
  const params = products.flatMap((p, i) => [p.slug, i]);
  const code = "(f.status = 'excepted') * 2 + (f.presence = 'remnants')";
  // json_each yields the ids in array order and drives the join, so the rows come out in that order.
  const rows = prep(
    db,
    `select '[' || substr(q.h, 2, length(q.h) - 2) || ',' || (
         select group_concat(substr(x, 2, length(x) - 2), ',') from (
           select json_array(${productIndex}, f.version, ${code}, f.first_detected_at / 1000, f.waiver_id) as x
           from findings f where f.endpoint_id = q.id and f.status in ('open', 'excepted') order by f.product)) || ']'
     from (select e.id, json_array(a.code, e.hostname, e.device_id, trim(e.os_name || ' ' || e.os_version), e.last_report_at / 1000, e.state) as h
           from json_each(?) j join endpoints e on e.id = j.value join agencies a on a.id = e.agency_id) q`,
  )
    .pluck()
    .all(...params, JSON.stringify(ids)) as string[];
  return { json: `[${rows.join(",")}]`, endpoints: rows.length };
}

/** A past day's present findings, reconstructed from the endpoints' product timelines. */
function pastRows(db: Db, scope: ResolvedScope, at: number): Raw[] {
  return prep(
    db,
    `select e.agency_id, ${COLUMNS},
       case when e.last_report_at <= @at then e.last_report_at else (select max(c.received_at) from checkins c where c.endpoint_id = e.id and c.received_at <= @at) end,
       null, ${FINDING}
     from findings f join endpoints e on e.id = f.endpoint_id join agencies a on a.id = e.agency_id
     where ${inIds("f.agency_id", scope.ids)} and f.first_detected_at <= @at
       and coalesce((select ev.kind from endpoint_events ev where ev.endpoint_id = f.endpoint_id and ev.product = f.product and ev.at <= @at
                     order by ev.at desc, ev.id desc limit 1), 'detected') in ('detected', 'reinstalled', 'remnants', 'upgraded')
     order by a.path, e.hostname, e.id, f.product`,
  )
    .raw(true)
    .all({ at }) as Raw[];
}

type Item = { raw: Raw; status: "open" | "excepted"; presence: "installed" | "remnants"; waiver: Waiver | undefined };

class Tally {
  readonly products = new Map<string, ReportProduct>();
  readonly openByAgency = new Map<number, Map<string, number>>();

  add(agencyId: number, vendor: string, product: string, presence: "installed" | "remnants", status: "open" | "excepted", n = 1): ReportProduct {
    let p = this.products.get(product);
    if (!p) {
      const v = productVendor(product) ?? vendor;
      this.products.set(product, (p = { slug: product, name: productName(product), vendor: v, vendorName: vendorName(v), installed: 0, remnants: 0, excepted: 0 }));
    }
    if (status === "excepted") {
      p.excepted += n;
      return p;
    }
    p[presence] += n;
    let m = this.openByAgency.get(agencyId);
    if (!m) this.openByAgency.set(agencyId, (m = new Map()));
    m.set(product, (m.get(product) ?? 0) + n);
    return p;
  }

  sorted(): ReportProduct[] {
    return [...this.products.values()].sort((a, b) => b.installed + b.remnants - (a.installed + a.remnants) || b.excepted - a.excepted || (a.slug < b.slug ? -1 : 1));
  }
}

function exception(w: Waiver, agencyCode: string, hostname: string, deviceId: string, product: string): Exception {
  return {
    waiverId: w.id,
    agencyCode,
    hostname,
    deviceId,
    product,
    justification: w.justification,
    ...(w.compensatingControls ? { compensatingControls: w.compensatingControls } : {}),
    requestedBy: w.requestedBy ?? "unknown",
    approvedBy: w.approvedBy ?? "unknown",
    approvedOn: w.decidedAt === null ? "" : dayOf(w.decidedAt),
    expires: dayOf(w.expiresAt),
  };
}

export function listFindings(db: Db, scope: ResolvedScope, agencies: AgencyInfo[], opts: { live: boolean; at: number; rows: boolean }): FindingsResult {
  const { live, at } = opts;
  const codes = new Map(agencies.map((a) => [a.id, a.code]));
  if (live) {
    const result = counts(db, scope, codes, agencies);
    if (!opts.rows) return result;
    const evidence = liveEvidence(db, scope, result.products);
    return { ...result, table: { ...result.table, endpoints: evidence.endpoints, rows: packRows(evidence.json) } };
  }
  const raw = pastRows(db, scope, at);
  const covering = waivers(db, scope, false, at);
  const tally = new Tally();
  const exceptions: Exception[] = [];
  const items: Item[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    const [agencyId, hostname, deviceId, , , , , findingId, vendor, product, , presenceNow] = r;
    const waiver = covering.get(findingId);
    const status: "open" | "excepted" = waiver ? "excepted" : "open";
    const presence = presenceNow === "remnants" ? "remnants" : "installed";
    items[i] = { raw: r, status, presence, waiver };
    const p = tally.add(agencyId, vendor, product, presence, status);
    if (waiver) exceptions.push(exception(waiver, codes.get(agencyId) ?? "", hostname, deviceId, p.name));
  }
  const products = tally.sorted();
  const table = encodeTable(items, products, codes);
  return { table: opts.rows ? table : { ...table, rows: "" }, products, openByAgency: tally.openByAgency, exceptions: inOrder(exceptions, agencies) };
}

/** Today's figures without the list: counts per agency and product, and the exceptions. */
function counts(db: Db, scope: ResolvedScope, codes: Map<number, string>, agencies: AgencyInfo[]): FindingsResult {
  const tally = new Tally();
  // Deployment-wide, most findings qualify: one sequential pass beats a million index look-ups.
  const grouped = prep(
    db,
    `select agency_id as agencyId, vendor, product, presence, status, count(*) as n from findings ${scope.ids === null ? "not indexed" : ""}
     where ${inIds("agency_id", scope.ids)} and status in ('open', 'excepted') group by agency_id, vendor, product, presence, status`,
  ).all() as { agencyId: number; vendor: string; product: string; presence: string; status: "open" | "excepted"; n: number }[];
  for (const g of grouped) tally.add(g.agencyId, g.vendor, g.product, g.presence === "remnants" ? "remnants" : "installed", g.status, g.n);
  const byId = waivers(db, scope, true, 0);
  const excepted = prep(
    db,
    `select e.agency_id as agencyId, e.hostname, e.device_id as deviceId, f.product, f.waiver_id as waiverId
     from findings f join endpoints e on e.id = f.endpoint_id
     where ${inIds("f.agency_id", scope.ids)} and f.status = 'excepted'`,
  ).all() as { agencyId: number; hostname: string; deviceId: string; product: string; waiverId: number | null }[];
  const exceptions: Exception[] = [];
  for (const x of excepted) {
    const w = x.waiverId === null ? undefined : byId.get(x.waiverId);
    if (w) exceptions.push(exception(w, codes.get(x.agencyId) ?? "", x.hostname, x.deviceId, productName(x.product)));
  }
  const products = tally.sorted();
  const count = grouped.reduce((n, g) => n + g.n, 0);
  return { table: { layout: FINDINGS_LAYOUT, count, endpoints: 0, encoding: EVIDENCE_ENCODING, rows: "" }, products, openByAgency: tally.openByAgency, exceptions: inOrder(exceptions, agencies) };
}

/** Exceptions by agency (tree order), then endpoint and product, whichever way they were read. */
function inOrder(list: Exception[], agencies: AgencyInfo[]): Exception[] {
  const rank = new Map(agencies.map((a, i) => [a.code, i]));
  const key = (x: Exception) => [rank.get(x.agencyCode) ?? -1, x.hostname, x.deviceId, x.product] as const;
  return list.sort((a, b) => {
    const [ra, ha, da, pa] = key(a);
    const [rb, hb, db, pb] = key(b);
    return ra - rb || (ha < hb ? -1 : ha > hb ? 1 : 0) || (da < db ? -1 : da > db ? 1 : 0) || (pa < pb ? -1 : pa > pb ? 1 : a.waiverId - b.waiverId);
  });
}

const sec = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));

/** A past day's list: one flat row per endpoint (the query returns an endpoint's findings together). */
function encodeTable(items: Item[], products: ReportProduct[], codes: Map<number, string>): FindingsTable {
  const productIndex = new Map(products.map((p, i) => [p.slug, i]));
  const rows: EndpointFindingsRow[] = [];
  let current: EndpointFindingsRow | null = null;
  let currentDevice = "";
  for (const { raw, status, presence, waiver } of items) {
    const [agencyId, hostname, deviceId, osName, osVersion, lastReportAt, state, , , product, version, , , firstDetectedAt] = raw;
    if (!current || deviceId !== currentDevice) {
      current = [codes.get(agencyId) ?? "", hostname, deviceId, `${osName} ${osVersion}`.trim(), sec(lastReportAt), state];
      currentDevice = deviceId;
      rows.push(current);
    }
    const code = FINDING_CODES.findIndex(([p, s]) => p === presence && s === status);
    current.push(productIndex.get(product)!, version, code, sec(firstDetectedAt)!, waiver?.id ?? null);
  }
  return { layout: FINDINGS_LAYOUT, count: items.length, endpoints: rows.length, encoding: EVIDENCE_ENCODING, rows: packRows(JSON.stringify(rows)) };
}
