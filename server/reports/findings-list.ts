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
import { dayOf } from "../lib/time";
import { EVIDENCE_ENCODING, packRows } from "./evidence";
import type { AgencyInfo, ResolvedScope } from "./scope";
import {
  approvedWaivers,
  eachPastFindingRow,
  endpointFindingsJson,
  exceptedFindings,
  listedEndpointIds,
  openFindingCounts,
  type PastFindingRow as Raw,
  pastFindingRows,
  type WaiverRow as Waiver,
} from "./store-findings";
import { type EndpointFindingsRow, type Exception, FINDING_CODES, FINDINGS_LAYOUT, type FindingsTable, type ReportProduct } from "./types";

export type FindingsResult = {
  table: FindingsTable;
  products: ReportProduct[];
  /** Open findings per agency (own endpoints) and product slug. */
  openByAgency: Map<number, Map<string, number>>;
  exceptions: Exception[];
};

function waivers(db: Db, scope: ResolvedScope, live: boolean, at: number): Map<number, Waiver> {
  const rows = approvedWaivers(db, scope.ids, live ? null : at);
  // Keyed by waiver id when live (findings name their waiver), by finding id for a past date.
  return new Map(rows.map((w) => [live ? w.id : w.findingId, w]));
}

/** Today's list as JSON text (an array of EndpointFindingsRow), and how many endpoints it holds. */
function liveEvidence(db: Db, scope: ResolvedScope, products: ReportProduct[]): { json: string; endpoints: number } {
  const ids = listedEndpointIds(db, scope.ids);
  if (ids.length === 0) return { json: "[]", endpoints: 0 };
  const rows = endpointFindingsJson(
    db,
    products.map((p) => p.slug),
    ids,
  );
  return { json: `[${rows.join(",")}]`, endpoints: rows.length };
}

/** A past day's present findings, reconstructed from the endpoints' product timelines. */
function pastRows(db: Db, scope: ResolvedScope, at: number): Raw[] {
  return pastFindingRows(db, scope.ids, at);
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
  const covering = waivers(db, scope, false, at);
  const tally = new Tally();
  const exceptions: Exception[] = [];
  /** Counts a finding as it was at the end of the day (a waiver then in force excepts it). */
  const classify = (r: Raw): Item => {
    const [agencyId, hostname, deviceId, , , , , findingId, vendor, product, , presenceNow] = r;
    const waiver = covering.get(findingId);
    const status: "open" | "excepted" = waiver ? "excepted" : "open";
    const presence = presenceNow === "remnants" ? "remnants" : "installed";
    const p = tally.add(agencyId, vendor, product, presence, status);
    if (waiver) exceptions.push(exception(waiver, codes.get(agencyId) ?? "", hostname, deviceId, p.name));
    return { raw: r, status, presence, waiver };
  };
  let table: FindingsTable;
  if (opts.rows) {
    const raw = pastRows(db, scope, at);
    const items: Item[] = new Array(raw.length);
    for (let i = 0; i < raw.length; i++) items[i] = classify(raw[i]!);
    table = encodeTable(items, tally.sorted(), codes);
  } else {
    // A draft: the same rows read one at a time and only counted, so a national fleet's hundreds of
    // thousands of them are never held at once (held and packed, they took about 1 GiB at a million endpoints).
    let count = 0;
    let endpoints = 0;
    let device: string | null = null;
    for (const r of eachPastFindingRow(db, scope.ids, at)) {
      classify(r);
      count++;
      if (r[2] !== device) endpoints++;
      device = r[2];
    }
    table = { layout: FINDINGS_LAYOUT, count, endpoints, encoding: EVIDENCE_ENCODING, rows: "" };
  }
  return { table, products: tally.sorted(), openByAgency: tally.openByAgency, exceptions: inOrder(exceptions, agencies) };
}

/** Today's figures without the list: counts per agency and product, and the exceptions. */
function counts(db: Db, scope: ResolvedScope, codes: Map<number, string>, agencies: AgencyInfo[]): FindingsResult {
  const tally = new Tally();
  const grouped = openFindingCounts(db, scope.ids);
  for (const g of grouped) tally.add(g.agencyId, g.vendor, g.product, g.presence === "remnants" ? "remnants" : "installed", g.status, g.n);
  const byId = waivers(db, scope, true, 0);
  const excepted = exceptedFindings(db, scope.ids);
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
