// One device of an export applied to its endpoint, inside one of the import's transactions, through the
// same software registry, evaluation (findings, state, counters) and timeline as an agent report.
// An import only adds and removes its own tool's observations (origin), so two tools describing
// the same machine never undo each other, and an agent report, which supersedes them all, clears
// the ones its collectors cover. An export older than the endpoint's last agent report (or than
// an export of the same tool already applied) changes nothing but the remembered device.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import type { EndpointState, ImportOutcome, ImportSource } from "../db/schema";
import type { CounterDeltas } from "../findings/counters";
import { evaluateEndpoint, groupProducts, presentObservations, type PresentObs } from "../findings/evaluate";
import { writeEvents } from "../ingest/checkin";
import { hash53, type ResolvedEntry, type SoftwareRegistry, slotOf } from "../catalog/software";
import { sha256Hex } from "../lib/crypto";
import type { Coverage } from "../policy/coverage";
import { type Collected, type DeviceInventory, inventoryDigest } from "./collect";
import { normaliseHostname } from "../ingest/adopt";
import { hardwareIdOf } from "./match";
import { type DeviceMapping, insertImportEndpoint, upsertDeviceMapping } from "./store";
import {
  findingImages,
  getImportEndpoint,
  type ImportEndpoint,
  insertImportedEndpoint,
  insertObservation,
  lastAgentCollectedAt,
  originObservations,
  reinstateObservation,
  removeObservation,
  setImportedIdentity,
  setImportEvidence,
  updateObservation,
} from "./store-endpoints";

export type ApplyContext = {
  db: Db;
  registry: SoftwareRegistry;
  coverage: Coverage;
  deltas: CounterDeltas;
  now: number;
  importId: number;
  agencyId: number;
  source: ImportSource;
  /** The export's collection time where a device carries none of its own. */
  collectedAt: number;
  collected: Collected;
  /** The registry's answer for each entry of the export, once looked up. */
  resolved: (ResolvedEntry | undefined)[];
};

/** What undo puts back: the endpoint's evidence and state, this tool's observations, its findings, the device mapping. */
export type BeforeImage = {
  e: Pick<
    ImportEndpoint,
    "evidence" | "lastCollectedAt" | "lastReportAt" | "firstReportAt" | "importedAt" | "reportDigest" | "hostname" | "osPlatform" | "osName" | "osVersion" | "state" | "stateChangedAt"
  >;
  o?: ReturnType<typeof originObservations>;
  f?: ReturnType<typeof findingImages>;
  m: DeviceMapping | null;
};

/** Observation slot of an imported entry: the agent's slot, kept apart per tool. */
export function importSlot(origin: ImportSource, agentSlot: number): number {
  return hash53(`${origin}\u0000${agentSlot}`);
}

const UNKNOWN: EndpointState[] = ["stale", "never-reported"];

function imageOf(ep: ImportEndpoint, m: DeviceMapping | null): BeforeImage {
  const { evidence, lastCollectedAt, lastReportAt, firstReportAt, importedAt, reportDigest, hostname, osPlatform, osName, osVersion, state, stateChangedAt } = ep;
  return { e: { evidence, lastCollectedAt, lastReportAt, firstReportAt, importedAt, reportDigest, hostname, osPlatform, osName, osVersion, state, stateChangedAt }, m };
}

/** Stored as the secret hash of an endpoint no agent enrolled: no SHA-256 ever equals it, so no
 *  one can report as it until an agent enrolls (which sets a secret of its own). */
export const NO_SECRET = "none:imported";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
let pool = Buffer.alloc(0);
let poolAt = 0;
/** A device id as enrollment makes them ("dev_" + 20 base32 characters), from a pooled random buffer. */
function pooledDeviceId(): string {
  if (poolAt + 20 > pool.length) {
    pool = randomBytes(20 * 4096);
    poolAt = 0;
  }
  let out = "dev_";
  for (let i = 0; i < 20; i++) out += BASE32[pool[poolAt++]! & 31];
  return out;
}

function createEndpoint(ctx: ApplyContext, inv: DeviceInventory, collectedAt: number): ImportEndpoint {
  const d = inv.device;
  const hardwareId = d.hardwareUuid ? hardwareIdOf(ctx.db, d.hardwareUuid) : sha256Hex(`import:${ctx.source}:${d.key}`);
  const id = insertImportedEndpoint(ctx.db, {
    deviceId: pooledDeviceId(),
    agencyId: ctx.agencyId,
    hostname: d.hostname,
    platform: d.platform!,
    osName: d.osName,
    osVersion: d.osVersion,
    hardwareId,
    secretHash: NO_SECRET,
    evidence: ctx.source,
    now: ctx.now,
    collectedAt,
  });
  ctx.deltas.add(ctx.agencyId, ctx.now, "endpoints", 1);
  ctx.deltas.add(ctx.agencyId, ctx.now, "neverReported", 1);
  return {
    id,
    agencyId: ctx.agencyId,
    hostname: d.hostname,
    osPlatform: d.platform!,
    osName: d.osName,
    osVersion: d.osVersion,
    agentVersion: "",
    state: "never-reported",
    stateChangedAt: ctx.now,
    lastSeq: 0,
    evidence: ctx.source,
    firstReportAt: collectedAt,
    lastReportAt: collectedAt,
    lastCollectedAt: collectedAt,
    importedAt: ctx.now,
    reportDigest: null,
  };
}

/** Applies one device to its endpoint (created when `endpointId` is null); returns what happened. */
export function applyDevice(ctx: ApplyContext, inv: DeviceInventory, endpointId: number | null, mapping: DeviceMapping | null): ImportOutcome {
  const { db, now } = ctx;
  const collectedAt = Math.min(inv.device.collectedAt ?? ctx.collectedAt, now);
  const digest = inventoryDigest(ctx.collected, inv);
  const remember = (digestNow: string | null, at: number | null, endpoint: number) =>
    upsertDeviceMapping(db, {
      agencyId: ctx.agencyId,
      source: ctx.source,
      sourceDeviceId: inv.device.key,
      endpointId: endpoint,
      hostname: inv.device.hostname,
      digest: digestNow,
      collectedAt: at,
      importId: ctx.importId,
    });

  // Matched at the start of the import; an endpoint gone since (another import undone) is made again.
  const found = endpointId === null ? undefined : getImportEndpoint(db, endpointId);
  if (!found) {
    const ep = createEndpoint(ctx, inv, collectedAt);
    applyInventory(ctx, inv, ep, collectedAt, true);
    remember(digest, collectedAt, ep.id);
    insertImportEndpoint(db, ctx.importId, ep.id, "created", null);
    return "created";
  }

  const ep = found;
  const agentAt = ep.evidence === "agent" ? ep.lastCollectedAt : lastAgentCollectedAt(db, ep.id);
  if ((agentAt !== null && agentAt >= collectedAt) || (mapping?.collectedAt != null && mapping.collectedAt > collectedAt)) {
    if (!mapping || mapping.endpointId !== ep.id) remember(mapping?.digest ?? null, mapping?.collectedAt ?? null, ep.id);
    insertImportEndpoint(db, ctx.importId, ep.id, "superseded", JSON.stringify(imageOf(ep, mapping)));
    return "superseded";
  }
  const before = imageOf(ep, mapping);
  const fast = digest !== null && mapping?.endpointId === ep.id && mapping.digest === digest && ep.evidence !== "agent" && !UNKNOWN.includes(ep.state);
  let changed = false;
  if (fast) {
    setEvidence(ctx, ep, inv, collectedAt, false);
  } else {
    before.o = originObservations(db, ep.id, ctx.source);
    before.f = findingImages(db, ep.id);
    changed = applyInventory(ctx, inv, ep, collectedAt, false);
  }
  remember(digest, collectedAt, ep.id);
  const outcome: ImportOutcome = changed ? "updated" : "unchanged";
  insertImportEndpoint(db, ctx.importId, ep.id, outcome, JSON.stringify(before));
  return outcome;
}

/** The diff of this tool's observations, then evaluation, timeline and evidence. True when anything changed. */
function applyInventory(ctx: ApplyContext, inv: DeviceInventory, ep: ImportEndpoint, collectedAt: number, created: boolean): boolean {
  const { db, registry, now, source } = ctx;
  const { entries } = ctx.collected;
  const byId = (id: number) => registry.byId(id);
  const rows = created ? [] : originObservations(db, ep.id, source);
  const existing = new Map(rows.map((r) => [r[0], r]));
  const prevPresent: PresentObs[] = created ? [] : presentObservations(db, ep.id, byId);
  const reported = new Map<number, { res: ResolvedEntry; enabled: number | null; upToDate: number | null }>();
  for (const i of inv.items) {
    const e = entries[i]!;
    // No budget: an import is an officer's or a tool's file, not a device's report (never null).
    const res = (ctx.resolved[i] ??= registry.resolve(e, now)!);
    const slot = importSlot(source, res.slot);
    if (!reported.has(slot)) reported.set(slot, { res, enabled: e.state ? (e.state.enabled ? 1 : 0) : null, upToDate: e.state ? (e.state.upToDate ? 1 : 0) : null });
  }
  const removedSlots = new Set([...(inv.removed ?? [])].map((i) => importSlot(source, slotOf(entries[i]!))));
  let changes = 0;
  const reinstalled = new Set<string>();
  for (const [slot, x] of reported) {
    const r = existing.get(slot);
    const o = { slot, softwareId: x.res.info.id, enabled: x.enabled, upToDate: x.upToDate };
    if (!r) insertObservation(db, ep.id, source, { ...o, at: now });
    else if (r[6] !== null) {
      reinstateObservation(db, ep.id, o);
      if (x.res.info.product) reinstalled.add(x.res.info.product);
    } else if (r[1] !== o.softwareId || r[2] !== x.enabled || r[3] !== x.upToDate) updateObservation(db, ep.id, o);
    else continue;
    changes++;
  }
  for (const r of rows) {
    if (r[6] !== null || reported.has(r[0])) continue;
    // Gone from a snapshot of its source, or reported removed: the tool no longer lists it.
    if (inv.fullSources === null || inv.fullSources.has(byId(r[1]).source) || removedSlots.has(r[0])) {
      removeObservation(db, ep.id, r[0], now, ep.lastReportAt ?? now);
      changes++;
    }
  }
  let stateChanged = false;
  if (changes > 0 || UNKNOWN.includes(ep.state)) {
    const result = evaluateEndpoint(db, {
      ep: { id: ep.id, agencyId: ep.agencyId, osPlatform: ep.osPlatform, state: ep.state, lastSeq: ep.lastSeq },
      // A new endpoint has exactly what the export lists; otherwise read back all its sources.
      present: created ? [...reported.values()].map((x) => ({ info: x.res.info, enabled: x.enabled === null ? null : x.enabled === 1 })) : presentObservations(db, ep.id, byId),
      coverage: ctx.coverage,
      mode: "checkin",
      now,
      seq: ep.lastSeq,
      deltas: ctx.deltas,
    });
    stateChanged = result.state !== ep.state;
    if (changes > 0) writeEvents(db, ep.id, now, null, groupProducts(prevPresent), result.groups, reinstalled, result.reopened);
  }
  if (!created) setEvidence(ctx, ep, inv, collectedAt, changes > 0); // a new endpoint was inserted with it
  return changes > 0 || stateChanged;
}

function setEvidence(ctx: ApplyContext, ep: ImportEndpoint, inv: DeviceInventory, collectedAt: number, observationsChanged: boolean): void {
  const newer = ep.lastCollectedAt === null || collectedAt >= ep.lastCollectedAt;
  const lastReportAt = Math.max(ep.lastReportAt ?? 0, collectedAt);
  setImportEvidence(ctx.db, ep.id, {
    evidence: newer ? ctx.source : ep.evidence,
    lastCollectedAt: newer ? collectedAt : ep.lastCollectedAt,
    lastReportAt,
    firstReportAt: ep.firstReportAt ?? lastReportAt,
    importedAt: ctx.now,
    // The agent's next report must diff against what the import changed.
    reportDigest: observationsChanged ? null : ep.reportDigest,
  });
  // A machine no agent reported for is known by its tools only: a new name (not just another
  // domain suffix) is taken over; OS details fill what is empty (tools describe the OS differently).
  const d = inv.device;
  if (!newer || ep.agentVersion !== "") return;
  const hostname = normaliseHostname(d.hostname) !== normaliseHostname(ep.hostname) ? d.hostname : ep.hostname;
  const osName = ep.osName || d.osName;
  const osVersion = ep.osVersion || d.osVersion;
  if (hostname !== ep.hostname || osName !== ep.osName || osVersion !== ep.osVersion) {
    setImportedIdentity(ctx.db, ep.id, { hostname, platform: ep.osPlatform, osName, osVersion });
  }
}
