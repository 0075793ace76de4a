// One check-in, inside the caller's transaction: authenticate the device, check the sequence,
// diff the report against the endpoint's observations, evaluate when something changed, and
// record the check-in. Rejections return a reply without writing anything; only unexpected
// errors throw (batch.ts then rolls this check-in back alone).
import { createHash } from "node:crypto";
import { config } from "../config";
import type { Db } from "../db/client";
import { equalHex, sha256Hex } from "../lib/crypto";
import type { CounterDeltas } from "../findings/counters";
import { evaluateEndpoint, groupProducts, type PresentObs, type ProductGroup } from "../findings/evaluate";
import type { Coverage } from "../policy/coverage";
import { errorReply, UNAUTHORIZED, type AgentReply } from "./replies";
import type { TokenBuckets } from "./rate-limit";
import type { CheckinInput } from "./schemas";
import { newSoftwareBudget } from "./software-budget";
import type { ResolvedEntry, SoftwareRegistry } from "../catalog/software";
import { updateOfferFor } from "../agent-updates/rollout";
import { type CheckinEndpoint, endpointForCheckin, insertAgentUpdateEvent, recordCheckin, updateEndpointIdentity } from "./store-checkin";
import { insertEndpointEvent, insertObservation, markObservationRemoved, type ObservationRow, observationsOf, reinstateObservation, updateObservation } from "./store-observations";

export type CheckinItem = {
  report: CheckinInput;
  /** The bearer secret; null only for trusted in-process ingestion (bulk seeding). */
  secret: string | null;
  /** Receipt time (ms): every timestamp and the history day come from it. */
  now: number;
  collectedAt: number;
};

export type CheckinDeps = {
  db: Db;
  registry: SoftwareRegistry;
  coverage: Coverage;
  buckets: Pick<TokenBuckets, "take"> | null;
  trusted: boolean;
  /** Version of the catalog in force (built-in plus local overlay), told to the agent. */
  catalogVersion: string;
  /** The endpoints of the batch's devices, read at once (batch.ts); a device not in it is read alone. */
  endpoints?: ReadonlyMap<string, CheckinEndpoint>;
};

// A hash to compare against when the device is unknown, so both failures cost the same.
export const DUMMY_HASH = sha256Hex("muster:no-such-device");

let accepted: { version: string; fresh: AgentReply; duplicate: AgentReply } | undefined;
export function checkinAccepted(catalogVersion: string, duplicate = false): AgentReply {
  if (accepted?.version !== catalogVersion) {
    accepted = {
      version: catalogVersion,
      fresh: { status: 200, body: { accepted: true, nextCheckinSeconds: config.checkinIntervalSeconds, catalogVersion } },
      duplicate: { status: 200, body: { accepted: true, duplicate: true, nextCheckinSeconds: config.checkinIntervalSeconds, catalogVersion } },
    };
  }
  return duplicate ? accepted.duplicate : accepted.fresh;
}

/**
 * What a report says about the endpoint's software (entries, their state, which collectors
 * succeeded), hashed: equal digests mean the diff would find nothing to change.
 */
export function reportDigest(report: CheckinInput): string {
  let s = "";
  for (const e of report.software) {
    s += `${e.source}\u0001${e.name}\u0001${e.version ?? "\u0000"}\u0001${e.publisher ?? "\u0000"}\u0001${e.identifier ?? "\u0000"}\u0001`;
    s += `${e.state ? `${e.state.enabled ? 1 : 0}${e.state.upToDate ? 1 : 0}` : "-"}${e.unrecognized ? "u" : ""}${e.role ? `r${e.role}` : ""}\u0002`;
  }
  s += "\u0003";
  for (const c of report.collectors) s += `${c.name}=${c.ok ? 1 : 0}\u0002`;
  return createHash("sha1").update(s).digest("base64url");
}

const bool = (v: boolean | undefined): number | null => (v === undefined ? null : v ? 1 : 0);

export function processCheckin(deps: CheckinDeps, item: CheckinItem, deltas: CounterDeltas): AgentReply {
  const { db } = deps;
  const { report, now } = item;
  const ep = deps.endpoints?.get(report.deviceId) ?? endpointForCheckin(db, report.deviceId);

  if (!deps.trusted || item.secret !== null) {
    const ok = equalHex(sha256Hex(item.secret ?? ""), ep?.secretHash ?? DUMMY_HASH);
    if (!ep || !ok || ep.revokedAt !== null) return UNAUTHORIZED;
  } else if (!ep) {
    return errorReply(404, "not_found", `No endpoint with deviceId ${report.deviceId}`);
  }
  if (deps.buckets) {
    const wait = deps.buckets.take(report.deviceId, now);
    if (wait > 0) return errorReply(429, "rate_limited", "Too many check-ins from this device; retry later", undefined, wait);
  }
  if (report.seq === ep.lastSeq) return checkinAccepted(deps.catalogVersion, true);
  if (report.seq < ep.lastSeq) {
    return errorReply(409, "stale_seq", `seq ${report.seq} is older than the last accepted report (${ep.lastSeq})`, { lastSeq: ep.lastSeq });
  }

  // An identical report (the usual case: nothing changed on the machine) cannot change the
  // observations: skip the diff. The digest is written with the observations it produced.
  const digest = reportDigest(report);
  const applied = digest === ep.reportDigest && ep.state !== "stale" && ep.state !== "never-reported" ? { changes: 0, capped: 0 } : applyReport(deps, item, ep, deltas);
  const { changes } = applied;

  // --- the endpoint and the check-in record ---------------------------------------------------
  // A report some of whose entries were left out (the daily cap) is diffed again next time. The
  // agent's report is the endpoint's evidence from now on (it supersedes any imported inventory).
  if (
    report.hostname !== ep.hostname ||
    report.os.name !== ep.osName ||
    report.os.version !== ep.osVersion ||
    report.os.arch !== ep.osArch ||
    report.agentVersion !== ep.agentVersion ||
    report.catalogVersion !== ep.catalogVersion ||
    report.os.platform !== ep.osPlatform
  ) {
    updateEndpointIdentity(db, report.hostname, report.os.platform, report.os.name, report.os.version, report.os.arch, report.agentVersion, report.catalogVersion, ep.id);
  }
  recordCheckin(db, {
    endpointId: ep.id,
    enrollment: ep.enrollment,
    seq: report.seq,
    receivedAt: now,
    collectedAt: item.collectedAt,
    digest: applied.capped ? null : digest,
    entries: report.software.length,
    changes,
    firstAsAgent: ep.evidence !== "agent",
  });
  recordUpdateEvents(db, ep, report, now, deltas);
  const update = updateOfferFor(db, ep, report);
  const reply = checkinAccepted(deps.catalogVersion);
  return update ? { status: 200, body: { ...(reply.body as object), update } } : reply;
}

/** Self-updates the agent reports (refused, failed, rolled back) and version changes, as evidence
 *  (and on the metrics, once the transaction commits: engine.ts). */
function recordUpdateEvents(db: Db, ep: CheckinEndpoint, report: CheckinInput, now: number, deltas: CounterDeltas): void {
  if (ep.agentVersion && report.agentVersion !== ep.agentVersion) {
    insertAgentUpdateEvent(db, ep.id, now, report.seq, ep.agentVersion, report.agentVersion, "updated", null);
    deltas.agentUpdate("updated");
  }
  for (const r of report.updateReports ?? []) {
    insertAgentUpdateEvent(db, ep.id, now, report.seq, report.agentVersion, r.version, r.outcome, r.reason);
    deltas.agentUpdate(r.outcome);
  }
}

/**
 * Diffs the report against the endpoint's observations, evaluates when needed; returns the number
 * of observation changes and of entries left out by the daily cap on new software.
 */
function applyReport(deps: CheckinDeps, item: CheckinItem, ep: CheckinEndpoint, deltas: CounterDeltas): { changes: number; capped: number } {
  const { db, registry, coverage } = deps;
  const { report, now } = item;
  const budget = deps.trusted ? null : newSoftwareBudget(db, ep, now);
  // --- observations -------------------------------------------------------------------------
  const rows = observationsOf(db, ep.id);
  const existing = new Map<number, ObservationRow>();
  for (const r of rows) existing.set(r[0], r);
  const reported = new Map<number, { res: ResolvedEntry; enabled: number | null; upToDate: number | null }>();
  for (const e of report.software) {
    const res = registry.resolve(e, now, budget ?? undefined);
    if (res && !reported.has(res.slot)) reported.set(res.slot, { res, enabled: bool(e.state?.enabled), upToDate: bool(e.state?.upToDate) });
  }
  budget?.save();
  let okSources: Set<string> | null = null;
  let changes = 0;
  const prevPresent: PresentObs[] = [];
  const newPresent: PresentObs[] = [];
  const reinstalledProducts = new Set<string>();

  for (const [slot, x] of reported) {
    const info = x.res.info;
    const r = existing.get(slot);
    if (!r) {
      insertObservation(db, ep.id, slot, info.id, x.enabled, x.upToDate, now);
      changes++;
    } else if (r[4] !== null) {
      reinstateObservation(db, info.id, x.enabled, x.upToDate, ep.id, slot);
      if (info.product) reinstalledProducts.add(info.product);
      changes++;
    } else {
      prevPresent.push({ info: registry.byId(r[1]), enabled: r[2] === null ? null : r[2] === 1 });
      if (r[1] !== info.id || r[2] !== x.enabled || r[3] !== x.upToDate) {
        updateObservation(db, info.id, x.enabled, x.upToDate, ep.id, slot);
        changes++;
      }
    }
    newPresent.push({ info, enabled: x.enabled === null ? null : x.enabled === 1 });
  }
  for (const r of rows) {
    if (r[4] !== null || reported.has(r[0])) continue;
    const present = { info: registry.byId(r[1]), enabled: r[2] === null ? null : r[2] === 1 };
    prevPresent.push(present);
    okSources ??= new Set(report.collectors.filter((c) => c.ok).map((c) => c.name));
    if (okSources.has(present.info.source)) {
      // Gone, and the collector that would list it ran fine: a verified removal.
      markObservationRemoved(db, now, ep.lastReportAt ?? now, ep.id, r[0]);
      changes++;
    } else {
      newPresent.push(present); // its collector failed or did not run: unknown, so still present
    }
  }

  // --- findings, state, events ----------------------------------------------------------------
  if (changes > 0 || ep.state === "stale" || ep.state === "never-reported") {
    const result = evaluateEndpoint(db, {
      ep: { id: ep.id, agencyId: ep.agencyId, osPlatform: ep.osPlatform, state: ep.state, lastSeq: ep.lastSeq },
      present: newPresent,
      coverage,
      mode: "checkin",
      now,
      seq: report.seq,
      deltas,
    });
    if (changes > 0) writeEvents(db, ep.id, now, report.seq, groupProducts(prevPresent), result.groups, reinstalledProducts, result.reopened);
  }
  return { changes, capped: budget?.refused ?? 0 };
}

/** Product-level timeline entries for what changed between two reports (imports write them too). */
export function writeEvents(
  db: Db,
  endpointId: number,
  now: number,
  seq: number | null,
  before: Map<string, ProductGroup>,
  after: Map<string, ProductGroup>,
  reinstalled: Set<string>,
  reopened: Set<string>,
): void {
  for (const [product, n] of after) {
    const p = before.get(product);
    const back = reinstalled.has(product) || reopened.has(product);
    let kind: string | null = null;
    if (!p) kind = back ? "reinstalled" : "detected";
    else if (p.presence === "remnants" && n.presence === "installed") kind = back ? "reinstalled" : "detected";
    else if (p.presence === "installed" && n.presence === "remnants") kind = "remnants";
    else if (p.presence === "installed" && n.version !== p.version && n.version) kind = "upgraded";
    if (kind) insertEndpointEvent(db, endpointId, now, kind, n.vendor, product, n.version || null, seq);
  }
  for (const [product, p] of before) {
    if (after.has(product)) continue;
    insertEndpointEvent(db, endpointId, now, p.presence === "installed" ? "removed" : "cleared", p.vendor, product, p.version || null, seq);
  }
}
