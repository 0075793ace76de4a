// Per-agency counters (agency_counts) and their daily history (agency_daily), kept exact by
// applying deltas in the same transaction as the change that caused them. recomputeCounters()
// derives the same figures from the endpoints and findings tables from scratch: tests and the
// reliability suite compare the two to prove the incremental bookkeeping (and crash recovery).
import type { Db } from "../db/client";
import { agencyCounts, type EndpointState, type FindingStatus, LEVEL_FIELDS, type LevelField, STATE_LEVEL } from "../db/schema";
import { DAY_MS, dayOf } from "../lib/time";
import { prep } from "../db/sql";
import { recordCounterEvents } from "../notify/record";
import { STALE_BANNED_SQL } from "./needs-action";

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
  }

  get size(): number {
    return this.byKey.size;
  }
}

/** SQL column names of the levels, from the table definition (same names in agency_daily). */
export const LEVEL_COLUMNS: Record<LevelField, string> = Object.fromEntries(LEVEL_FIELDS.map((k) => [k, agencyCounts[k].name])) as Record<LevelField, string>;
const COUNT_COLS = LEVEL_FIELDS.map((k) => LEVEL_COLUMNS[k]).join(", ");
/** `col as camelName` for every level, for reading either counter table. */
export const LEVEL_SELECT = LEVEL_FIELDS.map((k) => (LEVEL_COLUMNS[k] === k ? k : `${LEVEL_COLUMNS[k]} as ${k}`)).join(", ");

/** Applies deltas to agency_counts and writes each touched day's agency_daily row. In the caller's transaction. */
export function applyDeltas(db: Db, deltas: CounterDeltas): void {
  const cols = LEVEL_FIELDS.map((k) => LEVEL_COLUMNS[k]);
  const update = prep(
    db,
    `update agency_counts set ${cols.map((c) => `${c} = ${c} + ?`).join(", ")},
       removals_total = removals_total + ?, reinstalls_total = reinstalls_total + ?
     where agency_id = ? returning ${COUNT_COLS}`,
  ).raw(true);
  const ensure = prep(db, "insert into agency_counts (agency_id) values (?) on conflict do nothing");
  const daily = prep(
    db,
    `insert into agency_daily (agency_id, day, ${COUNT_COLS}, removals, reinstalls, detections)
     values (?, ?, ${cols.map(() => "?").join(", ")}, ?, ?, ?)
     on conflict (agency_id, day) do update set
       ${cols.map((c) => `${c} = excluded.${c}`).join(", ")},
       removals = agency_daily.removals + excluded.removals, reinstalls = agency_daily.reinstalls + excluded.reinstalls,
       detections = agency_daily.detections + excluded.detections`,
  );
  for (const { agencyId, day, delta: d } of deltas.byKey.values()) {
    if (DELTA_FIELDS.every((f) => d[f] === 0)) continue;
    const args = [...LEVEL_FIELDS.map((k) => d[k]), d.removals, d.reinstalls, agencyId];
    let live = update.get(...args) as number[] | undefined;
    if (!live) {
      ensure.run(agencyId);
      live = update.get(...args) as number[];
    }
    daily.run(agencyId, day, ...live, d.removals, d.reinstalls, d.detections);
  }
  // New findings and reinstalls are notification events: counted in the same transaction.
  recordCounterEvents(db, deltas);
}

/** One agency's row of agency_counts. */
export type AgencyCounters = Record<LevelField | "removalsTotal" | "reinstallsTotal", number>;

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
  for (const { id } of db.$client.prepare("select id from agencies").all() as { id: number }[]) get(id);
  const states = db.$client.prepare("select agency_id as a, state as s, count(*) as n from endpoints group by agency_id, state").all() as {
    a: number;
    s: EndpointState;
    n: number;
  }[];
  for (const r of states) {
    const c = get(r.a);
    c.endpoints += r.n;
    c[STATE_FIELD[r.s] as keyof AgencyCounters] += r.n;
  }
  for (const r of db.$client.prepare(`select e.agency_id as a, count(*) as n from endpoints e where ${STALE_BANNED_SQL} group by e.agency_id`).all() as { a: number; n: number }[]) {
    get(r.a).staleBanned += r.n;
  }
  const statuses = db.$client.prepare("select agency_id as a, status as s, count(*) as n, sum(reopen_count) as r from findings group by agency_id, status").all() as {
    a: number;
    s: FindingStatus;
    n: number;
    r: number;
  }[];
  for (const r of statuses) {
    const c = get(r.a);
    const f = STATUS_FIELD[r.s];
    if (f) c[f as keyof AgencyCounters] += r.n;
    c.reinstallsTotal += r.r;
    c.removalsTotal += r.r + (r.s === "resolved" ? r.n : 0);
  }
  return out;
}

export function readCounters(db: Db): Map<number, AgencyCounters> {
  const rows = db.$client.prepare(`select agency_id as agencyId, ${LEVEL_SELECT}, removals_total as removalsTotal, reinstalls_total as reinstallsTotal from agency_counts`).all() as (AgencyCounters & {
    agencyId: number;
  })[];
  return new Map(rows.map(({ agencyId, ...c }) => [agencyId, c]));
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
  const latest = db.$client
    .prepare(
      `select d.agency_id as agencyId, ${LEVEL_SELECT}
       from agency_daily d where d.day = (select max(day) from agency_daily x where x.agency_id = d.agency_id)`,
    )
    .all() as (Omit<AgencyCounters, "removalsTotal" | "reinstallsTotal"> & { agencyId: number })[];
  for (const { agencyId, ...row } of latest) {
    const exp = expected.get(agencyId) ?? emptyCounters();
    for (const k of Object.keys(row) as (keyof typeof row)[]) {
      if (row[k] !== exp[k]) out.push({ agencyId, what: `agency_daily(latest).${k}`, stored: row[k], expected: exp[k] });
    }
  }
  const sums = db.$client
    .prepare("select agency_id as agencyId, sum(removals) as removals, sum(reinstalls) as reinstalls, sum(detections) as detections from agency_daily group by agency_id")
    .all() as { agencyId: number; removals: number; reinstalls: number; detections: number }[];
  const findingsPerAgency = new Map((db.$client.prepare("select agency_id as a, count(*) as n from findings group by agency_id").all() as { a: number; n: number }[]).map((r) => [r.a, r.n]));
  const sumsByAgency = new Map(sums.map((s) => [s.agencyId, s]));
  for (const [agencyId, exp] of expected) {
    const s = sumsByAgency.get(agencyId) ?? { agencyId, removals: 0, reinstalls: 0, detections: 0 };
    if (s.removals !== exp.removalsTotal) out.push({ agencyId: s.agencyId, what: "sum(agency_daily.removals)", stored: s.removals, expected: exp.removalsTotal });
    if (s.reinstalls !== exp.reinstallsTotal) out.push({ agencyId: s.agencyId, what: "sum(agency_daily.reinstalls)", stored: s.reinstalls, expected: exp.reinstallsTotal });
    const f = findingsPerAgency.get(s.agencyId) ?? 0;
    if (s.detections !== f) out.push({ agencyId: s.agencyId, what: "sum(agency_daily.detections)", stored: s.detections, expected: f });
  }
  return out;
}

/**
 * Databases created before the stale_banned counter existed (migration adds it as 0): count it once
 * from the endpoints and findings, into the live counters and each agency's latest daily row. Days
 * before that keep 0 (the history did not record it). Marked done in settings; cheap when done.
 */
export function backfillStaleBanned(db: Db): number {
  if (prep(db, "select 1 from settings where key = 'counters.stale_banned'").get()) return 0;
  return db.$client
    .transaction(() => {
      const rows = db.$client.prepare(`select e.agency_id as a, count(*) as n from endpoints e where ${STALE_BANNED_SQL} group by e.agency_id`).all() as { a: number; n: number }[];
      for (const r of rows) {
        db.$client.prepare("update agency_counts set stale_banned = ? where agency_id = ?").run(r.n, r.a);
        db.$client.prepare("update agency_daily set stale_banned = ? where agency_id = ? and day = (select max(day) from agency_daily where agency_id = ?)").run(r.n, r.a, r.a);
      }
      db.$client.prepare("insert into settings (key, value) values ('counters.stale_banned', ?)").run(new Date().toISOString());
      return rows.length;
    })
    .immediate();
}
