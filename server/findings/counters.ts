// Per-agency counters (agency_counts) and their daily history (agency_daily), kept exact by
// applying deltas in the same transaction as the change that caused them. recomputeCounters()
// derives the same figures from the endpoints and findings tables from scratch (and checkCounters
// the counts triggers keep: presence (drizzle/0016), open findings by product (0018), agent versions
// (0019)): tests and the reliability suite compare the two to prove the incremental bookkeeping
// (and crash recovery).
import type { Db } from "../db/client";
import { type EndpointState, type FindingStatus, LEVEL_FIELDS, STATE_LEVEL } from "../db/schema";
import { DAY_MS, dayOf } from "../lib/time";
import { addToCounter, notifyEnabled } from "../notify-events/record";
import {
  type AgencyCounters,
  addToAgencyCounts,
  agencyCountsRows,
  dailyFlowTotals,
  endpointsByState,
  ensureAgencyCounts,
  everyAgencyId,
  findingsByStatus,
  findingsPerAgency,
  latestDailyLevels,
  markStaleBannedBackfilled,
  type PresenceRow,
  agentVersionCountRows,
  agentVersionsRecounted,
  openFindingCountRows,
  openFindingsRecounted,
  presenceCountRows,
  presenceRecounted,
  setStaleBanned,
  staleBannedBackfilled,
  staleBannedByAgency,
  writeAgencyDaily,
} from "./store-counters";

export { LEVEL_COLUMNS, LEVEL_SELECT } from "./store-counters";
export type { AgencyCounters } from "./store-counters";

export const DELTA_FIELDS = [...LEVEL_FIELDS, "removals", "reinstalls", "detections"] as const;
export type DeltaField = (typeof DELTA_FIELDS)[number];
export type Delta = Record<DeltaField, number>;

export const STATE_FIELD: Record<EndpointState, DeltaField> = STATE_LEVEL;

export const STATUS_FIELD: Record<FindingStatus, DeltaField | null> = {
  open: "openFindings",
  excepted: "exceptedFindings",
  resolved: "resolvedFindings",
  withdrawn: null,
};

// dayOf() formats a Date; most deltas of a batch fall on the same day, so remember the last one.
let lastDay = { start: 0, end: 0, day: "" };
function dayFast(at: number): string {
  if (at >= lastDay.start && at < lastDay.end) return lastDay.day;
  const start = at - (((at % DAY_MS) + DAY_MS) % DAY_MS);
  lastDay = { start, end: start + DAY_MS, day: dayOf(at) };
  return lastDay.day;
}

const zero = (): Delta => Object.fromEntries(DELTA_FIELDS.map((f) => [f, 0])) as Delta;

/** Counter changes per agency and UTC day, in the order they happened. */
export class CounterDeltas {
  /** `at`: the latest time a delta of the entry happened (notification events are stamped with it). */
  readonly byKey = new Map<string, { agencyId: number; day: string; at: number; delta: Delta }>();
  private last: { agencyId: number; day: string; at: number; delta: Delta } | null = null;
  /** Agent self-updates the reports of the transaction tell of, by outcome: raised on the metrics
   *  only after the commit, so a rolled-back attempt (a batch run again, a failed commit) is not counted. */
  readonly agentUpdates = new Map<string, number>();

  agentUpdate(outcome: string): void {
    this.agentUpdates.set(outcome, (this.agentUpdates.get(outcome) ?? 0) + 1);
  }

  add(agencyId: number, at: number, field: DeltaField, n: number): void {
    if (n === 0) return;
    const day = dayFast(at);
    let e = this.last;
    if (!e || e.agencyId !== agencyId || e.day !== day) {
      const key = `${agencyId}|${day}`;
      e = this.byKey.get(key) ?? null;
      if (!e) this.byKey.set(key, (e = { agencyId, day, at, delta: zero() }));
      this.last = e;
    }
    if (at > e.at) e.at = at;
    e.delta[field] += n;
  }

  state(agencyId: number, at: number, from: EndpointState | null, to: EndpointState | null): void {
    if (from === to) return;
    if (from) this.add(agencyId, at, STATE_FIELD[from], -1);
    if (to) this.add(agencyId, at, STATE_FIELD[to], 1);
  }

  status(agencyId: number, at: number, from: FindingStatus | null, to: FindingStatus | null): void {
    if (from === to) return;
    const f = from ? STATUS_FIELD[from] : null;
    const t = to ? STATUS_FIELD[to] : null;
    if (f) this.add(agencyId, at, f, -1);
    if (t) this.add(agencyId, at, t, 1);
  }

  merge(other: CounterDeltas): void {
    for (const [key, e] of other.byKey) {
      let mine = this.byKey.get(key);
      if (!mine) this.byKey.set(key, (mine = { agencyId: e.agencyId, day: e.day, at: e.at, delta: zero() }));
      if (e.at > mine.at) mine.at = e.at;
      for (const f of DELTA_FIELDS) mine.delta[f] += e.delta[f];
    }
    for (const [outcome, n] of other.agentUpdates) this.agentUpdates.set(outcome, (this.agentUpdates.get(outcome) ?? 0) + n);
  }

  get size(): number {
    return this.byKey.size;
  }
}

/** Applies deltas to agency_counts and writes each touched day's agency_daily row. In the caller's transaction. */
export function applyDeltas(db: Db, deltas: CounterDeltas): void {
  for (const { agencyId, day, delta: d } of deltas.byKey.values()) {
    if (DELTA_FIELDS.every((f) => d[f] === 0)) continue;
    let live = addToAgencyCounts(db, agencyId, d);
    if (!live) {
      ensureAgencyCounts(db, agencyId);
      live = addToAgencyCounts(db, agencyId, d)!;
    }
    writeAgencyDaily(db, agencyId, day, live, d);
  }
  // New findings and reinstalls are notification events: counted in the same transaction.
  recordCounterEvents(db, deltas);
}

/** Time spent in the check-in path's hook (benchmarks read it). */
export const hookStats = { calls: 0, upserts: 0, ms: 0 };

/** The counters hook: new findings and reinstalls of one transaction's counter deltas. */
export function recordCounterEvents(db: Db, deltas: CounterDeltas): void {
  if (!notifyEnabled()) return;
  const t0 = performance.now();
  for (const { agencyId, at, delta } of deltas.byKey.values()) {
    if (delta.detections > 0) {
      addToCounter(db, "finding.new", agencyId, delta.detections, at);
      hookStats.upserts++;
    }
    if (delta.reinstalls > 0) {
      addToCounter(db, "finding.reinstalled", agencyId, delta.reinstalls, at);
      hookStats.upserts++;
    }
  }
  hookStats.calls++;
  hookStats.ms += performance.now() - t0;
}

const emptyCounters = (): AgencyCounters => Object.fromEntries([...LEVEL_FIELDS, "removalsTotal", "reinstallsTotal"].map((k) => [k, 0])) as AgencyCounters;

/**
 * The live counters recomputed from scratch (endpoints by state, findings by status; removals are
 * resolutions ever made = reopen_count + currently resolved, reinstalls = reopen_count), per agency.
 */
export function recomputeCounters(db: Db): Map<number, AgencyCounters> {
  const out = new Map<number, AgencyCounters>();
  const get = (id: number) => {
    let c = out.get(id);
    if (!c) out.set(id, (c = emptyCounters()));
    return c;
  };
  for (const { id } of everyAgencyId(db)) get(id);
  for (const r of endpointsByState(db)) {
    const c = get(r.a);
    c.endpoints += r.n;
    c[STATE_FIELD[r.s] as keyof AgencyCounters] += r.n;
  }
  for (const r of staleBannedByAgency(db)) {
    get(r.a).staleBanned += r.n;
  }
  for (const r of findingsByStatus(db)) {
    const c = get(r.a);
    const f = STATUS_FIELD[r.s];
    if (f) c[f as keyof AgencyCounters] += r.n;
    c.reinstallsTotal += r.r;
    c.removalsTotal += r.r + (r.s === "resolved" ? r.n : 0);
  }
  return out;
}

export function readCounters(db: Db): Map<number, AgencyCounters> {
  return new Map(agencyCountsRows(db).map(({ agencyId, ...c }) => [agencyId, c]));
}

export type CounterMismatch = { agencyId: number; what: string; stored: unknown; expected: unknown };

/**
 * Every way the stored counters can disagree with a recomputation: live counters, the latest
 * daily row (a copy of the live counters), and the daily removals/reinstalls/detections summed
 * over all days. Empty when consistent.
 */
export function checkCounters(db: Db): CounterMismatch[] {
  const expected = recomputeCounters(db);
  const stored = readCounters(db);
  const out: CounterMismatch[] = [];
  for (const [agencyId, exp] of expected) {
    const got = stored.get(agencyId) ?? emptyCounters();
    for (const k of Object.keys(exp) as (keyof AgencyCounters)[]) {
      if (got[k] !== exp[k]) out.push({ agencyId, what: `agency_counts.${k}`, stored: got[k], expected: exp[k] });
    }
  }
  for (const { agencyId, ...row } of latestDailyLevels(db)) {
    const exp = expected.get(agencyId) ?? emptyCounters();
    for (const k of Object.keys(row) as (keyof typeof row)[]) {
      if (row[k] !== exp[k]) out.push({ agencyId, what: `agency_daily(latest).${k}`, stored: row[k], expected: exp[k] });
    }
  }
  const sums = dailyFlowTotals(db);
  const findingsByAgency = new Map(findingsPerAgency(db).map((r) => [r.a, r.n]));
  const sumsByAgency = new Map(sums.map((s) => [s.agencyId, s]));
  for (const [agencyId, exp] of expected) {
    const s = sumsByAgency.get(agencyId) ?? { agencyId, removals: 0, reinstalls: 0, detections: 0 };
    if (s.removals !== exp.removalsTotal) out.push({ agencyId: s.agencyId, what: "sum(agency_daily.removals)", stored: s.removals, expected: exp.removalsTotal });
    if (s.reinstalls !== exp.reinstallsTotal) out.push({ agencyId: s.agencyId, what: "sum(agency_daily.reinstalls)", stored: s.reinstalls, expected: exp.reinstallsTotal });
    const f = findingsByAgency.get(s.agencyId) ?? 0;
    if (s.detections !== f) out.push({ agencyId: s.agencyId, what: "sum(agency_daily.detections)", stored: s.detections, expected: f });
  }
  out.push(...checkPresence(db));
  return out;
}

/** The counts triggers keep against a recount: the Endpoints list's presence counts (from the
 *  observations), the open findings per product and version (from the findings) and the endpoints
 *  per agent version (from the endpoints). */
function checkPresence(db: Db): CounterMismatch[] {
  return [
    ...compareRows(presenceCountRows(db), presenceRecounted(db), "presence_counts"),
    ...compareRows(openFindingCountRows(db), openFindingsRecounted(db), "open_finding_counts"),
    ...compareRows(agentVersionCountRows(db), agentVersionsRecounted(db), "agent_version_counts"),
  ];
}

function compareRows(kept: PresenceRow[], recounted: PresenceRow[], table: string): CounterMismatch[] {
  const key = (r: PresenceRow) => `${r.a}\t${r.kind}:${r.slug}`;
  const stored = new Map(kept.map((r) => [key(r), r]));
  const expected = new Map(recounted.map((r) => [key(r), r]));
  const out: CounterMismatch[] = [];
  for (const k of new Set([...stored.keys(), ...expected.keys()])) {
    const r = (stored.get(k) ?? expected.get(k))!;
    const got = stored.get(k)?.n ?? 0;
    const exp = expected.get(k)?.n ?? 0;
    if (got !== exp) out.push({ agencyId: r.a, what: `${table}.${r.kind}:${r.slug}`, stored: got, expected: exp });
  }
  return out;
}

/**
 * Databases created before the stale_banned counter existed (migration adds it as 0): count it once
 * from the endpoints and findings, into the live counters and each agency's latest daily row. Days
 * before that keep 0 (the history did not record it). Marked done in settings; cheap when done.
 */
export function backfillStaleBanned(db: Db): number {
  if (staleBannedBackfilled(db)) return 0;
  return db.$client
    .transaction(() => {
      const rows = staleBannedByAgency(db);
      for (const r of rows) setStaleBanned(db, r.a, r.n);
      markStaleBannedBackfilled(db, new Date().toISOString());
      return rows.length;
    })
    .immediate();
}
