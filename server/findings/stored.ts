// Evaluation of endpoints from what is stored (no report at hand): after a policy or catalog
// change, a waiver decision, or a waiver expiring. Same evaluateEndpoint as a check-in, in
// "reevaluate" mode: nothing here can resolve a finding (only a check-in verifies a removal),
// and stale or never-reported endpoints keep that state.
//
// Many endpoints at once (a policy change touching most of a million-endpoint fleet): each table
// (endpoints, present observations, findings) is read with one statement per chunk, the ids passed
// as one JSON array, instead of three statements per endpoint; waivers in force are read once.
import type { Db } from "../db/client";
import { softwareRegistry } from "../catalog/software";
import { currentCoverage } from "../policy/coverage";
import { applyDeltas, CounterDeltas } from "./counters";
import { evaluateEndpoint, type FindingRow, type PresentObs, presentObservations } from "./evaluate";
import { type EvalEndpointRow, evalEndpoint, evalEndpointsAmong, observationPacking, presentSoftware, presentSoftwareAmong, relevantSoftwareIds } from "./store-endpoints";
import { findingsAmong } from "./store-findings";
import { waiversInForceByFinding } from "./store-waivers";

export type StoredEvalStats = { evaluated: number; changed: number };

/** Approved waivers that have not expired, by finding (the latest-expiring one wins). */
function waiversInForce(db: Db, now: number): Map<number, number> {
  return new Map(waiversInForceByFinding(db, now));
}

/** Re-evaluates the given endpoints in the caller's transaction (or in one of its own). */
export function evaluateStoredEndpoints(db: Db, endpointIds: Iterable<number>, now: number = Date.now()): StoredEvalStats {
  const ids = [...new Set(endpointIds)].sort((a, b) => a - b);
  const run = () => {
    const registry = softwareRegistry(db);
    const byId = (sid: number) => registry.byId(sid);
    const coverage = currentCoverage(db);
    const deltas = new CounterDeltas();
    let evaluated = 0;
    let changed = 0;
    const evaluate = (ep: EvalEndpointRow, present: PresentObs[], findings?: FindingRow[], waivers?: Map<number, number>) => {
      const r = evaluateEndpoint(db, { ep, present, coverage, mode: "reevaluate", now, seq: ep.lastSeq, deltas, findings, waivers });
      evaluated++;
      if (r.writes > 0) changed++;
    };
    if (ids.length <= 50) {
      for (const id of ids) {
        const ep = evalEndpoint(db, id);
        if (ep) evaluate(ep, presentObservations(db, id, byId));
      }
    } else {
      const waivers = waiversInForce(db, now);
      const hi = ids[ids.length - 1]!;
      const present = new Map<number, PresentObs[]>();
      // Only rows that can matter (a catalog product, or a Security Center registration) reach JS.
      const relevant = relevantSoftwareIds(db);
      const packing = relevant.length ? observationPacking(relevant, hi) : null;
      // Present observations are immutable values: one object per (software, enabled) is shared.
      const shared = new Map<number, PresentObs>();
      const add = (eid: number, sid: number, enabled: number | null) => {
        const key = sid * 3 + (enabled === null ? 2 : enabled);
        let po = shared.get(key);
        if (!po) shared.set(key, (po = { info: byId(sid), enabled: enabled === null ? null : enabled === 1 }));
        let list = present.get(eid);
        if (!list) present.set(eid, (list = []));
        list.push(po);
      };
      if (packing) {
        for (const n of presentSoftwareAmong(db, relevant, packing, ids)) {
          const [eid, sid, enabled] = packing.unpack(n);
          add(eid, sid, enabled);
        }
      } else if (relevant.length) {
        for (const id of ids) for (const [sid, enabled] of presentSoftware(db, id)) add(id, sid, enabled);
      }
      const findings = new Map<number, FindingRow[]>();
      for (const r of findingsAmong(db, ids)) {
        const f: FindingRow = {
          id: r[1],
          vendor: r[2],
          product: r[3],
          version: r[4],
          status: r[5],
          presence: r[6],
          policyIds: r[7],
          resolvedAt: r[8],
          resolvedSeq: r[9],
          reopenCount: r[10],
          reopenedAt: r[11],
          waiverId: r[12],
        };
        let list = findings.get(r[0]);
        if (!list) findings.set(r[0], (list = []));
        list.push(f);
      }
      const noFindings: FindingRow[] = [];
      const none: PresentObs[] = [];
      // Read at once, not iterated: evaluation writes, and a connection cannot write while iterating.
      for (const r of evalEndpointsAmong(db, ids)) {
        evaluate({ id: r[0], agencyId: r[1], osPlatform: r[2], state: r[3], lastSeq: r[4] }, present.get(r[0]) ?? none, findings.get(r[0]) ?? noFindings, waivers);
      }
    }
    applyDeltas(db, deltas);
    return { evaluated, changed };
  };
  if (db.$client.inTransaction) return run();
  try {
    return db.$client.transaction(run).immediate();
  } catch (err) {
    softwareRegistry(db).clear();
    throw err;
  }
}
