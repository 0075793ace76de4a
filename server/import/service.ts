// An inventory import from start to end: the file's hash and format, the same file already
// imported (nothing to do), parsing into per-device inventories with every bad row named, then, only
// if nothing is wrong, matching every device and applying them in short transactions (check-ins get
// the write lock in between). A refused import changes no stored data; one that fails while applying
// keeps what it applied, each device whole, and says how far it got. Every attempt is recorded in
// the import history and audited.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { type Actor, recordAudit, SYSTEM_ACTOR } from "../audit/log";
import type { SoftwareRegistry } from "../catalog/software";
import { type Db, inTransaction } from "../db/client";
import { betweenChunks } from "../db/write-turn";
import type { ImportSource } from "../db/schema";
import { applyDeltas, CounterDeltas } from "../findings/counters";
import { effectiveCatalog } from "../catalog/effective";
import { getIngestEngine } from "../ingest/engine";
import { isStorageError } from "../db/sql";
import { saidText } from "../i18n/errors";
import { parseSaid, type Said } from "../i18n/said";
import { MusterError } from "../lib/errors";
import { incCounter } from "../ops/thread-counters";
import { currentCoverage } from "../policy/coverage";
import { nextChunkSize } from "../reevaluation/reevaluate";
import { applyDevice } from "./apply";
import { type Collected, collectInventory, type IMPORT_LIMITS, type RowError } from "./collect";
import { type Decision, matchDevices } from "./match";
import { collectGarbage, GC_EVERY_DEVICES } from "./memory";
import { detectFormat, PARSERS } from "./sources";
import { decodeText } from "./sources/text-stream";
import {
  applyingImportOf,
  type DeviceMapping,
  findAppliedImportOfFile,
  finishImport,
  type ImportRecord,
  insertAmbiguity,
  insertImport,
  IMPORT_HEARTBEAT_STALE_MS,
  interruptedImports,
  loadDeviceMappings,
  recordImportProgress,
} from "./store";
import { maxIds } from "./store-endpoints";
import { say } from "./texts";

export type ImportInput = {
  agencyId: number;
  /** The tool; detected from the file when absent. */
  source?: ImportSource;
  /** The file on disk (uploads are streamed to a temporary file first). */
  file: string;
  fileName: string;
  /** Its SHA-256 (hex) when already computed while receiving it. */
  sha256?: string;
  /** When the tool collected the inventory, where the file does not say (default: now). */
  collectedAt?: number;
  /** osqueryi output without a hostname column: the host it ran on. */
  host?: string;
  actor: Actor;
  tokenId?: number | null;
  now?: number;
  limits?: Partial<typeof IMPORT_LIMITS>;
};

export type ImportResult = Pick<
  ImportRecord,
  "status" | "source" | "rows" | "rowsSkipped" | "duplicateRows" | "devices" | "created" | "updated" | "unchanged" | "superseded" | "ambiguous" | "errorCount"
> & {
  id: number;
  /** What happened, in English (API clients, scripts). */
  message: string;
  /** The same as said to people, for the Import page to show in the reader's language. */
  said: Said | null;
  errors: RowError[];
};

/** A message as stored: the English text and what was said. */
function saying(s: Said): { message: string; messageSaid: string } {
  return { message: saidText(s), messageSaid: JSON.stringify(s) };
}

const HEAD_BYTES = 64 * 1024;

export async function fileSha256(file: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest("hex");
}

async function readHead(file: string): Promise<string> {
  const fd = await fs.promises.open(file, "r");
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fd.read(buf, 0, HEAD_BYTES, 0);
    let text = "";
    for await (const t of decodeText([buf.subarray(0, bytesRead)])) text += t;
    return text;
  } finally {
    await fd.close();
  }
}

const KNOWN = Object.values(PARSERS)
  .map((p) => p.label)
  .join("; ");

export async function importInventory(db: Db, input: ImportInput): Promise<ImportResult> {
  const startedAt = input.now ?? Date.now();
  const stat = await fs.promises.stat(input.file);
  const sha256 = input.sha256 ?? (await fileSha256(input.file));
  const base: ImportRecord = {
    agencyId: input.agencyId,
    source: input.source ?? null,
    status: "refused",
    fileName: input.fileName.slice(0, 255),
    fileSha256: sha256,
    fileBytes: stat.size,
    collectedAt: Math.min(input.collectedAt ?? startedAt, startedAt),
    startedAt,
    finishedAt: startedAt,
    actor: input.actor.label,
    actorUserId: input.actor.userId,
    tokenId: input.tokenId ?? null,
    rows: 0,
    rowsSkipped: 0,
    duplicateRows: 0,
    devices: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    superseded: 0,
    ambiguous: 0,
    errorCount: 0,
    message: null,
    messageSaid: null,
    errors: null,
    firstEventId: null,
    firstFindingId: null,
  };

  const head = await readHead(input.file);
  const parser = input.source ? PARSERS[input.source] : detectFormat(head);
  if (!parser) return record(db, input, { ...base, ...saying(say("notInventory", { formats: KNOWN })) }, null);
  base.source = parser.name;
  const wrong = stat.size === 0 ? say("empty") : parser.explain(head);
  if (wrong) return record(db, input, { ...base, ...saying(wrong) }, null);

  const earlier = findAppliedImportOfFile(db, input.agencyId, parser.name, sha256);
  if (earlier) {
    return record(db, input, { ...base, status: "duplicate", ...saying(say("duplicate", { id: earlier.id })) }, null);
  }

  const text = decodeText(fs.createReadStream(input.file, { highWaterMark: 1 << 20 }));
  const collected = await collectInventory(parser.parse(text, { host: input.host }), { incremental: parser.name === "osquery", limits: input.limits });
  const counted = { ...base, rows: collected.rows, rowsSkipped: collected.skipped, duplicateRows: collected.duplicates, devices: collected.devices.size };
  if (collected.errorCount > 0) {
    const first = collected.errors[0]!;
    const message = saying(say("badRows", { count: collected.errorCount, stopped: collected.stopped ? "yes" : "no", line: first.line, first: first.said }));
    return record(db, input, { ...counted, errorCount: collected.errorCount, errors: JSON.stringify(collected.errors), ...message }, null);
  }
  const covered = [...collected.devices.values()].filter((d) => d.device.platform !== null).length;
  if (covered === 0) {
    const reasons = [...collected.skipReasons.values()].slice(0, 3).map((r) => r.said);
    return record(db, input, { ...counted, ...saying(reasons.length ? say("noDevicesSkipped", { reasons }) : say("noDevices")) }, null);
  }
  return applyImport(db, input, { ...counted, devices: covered }, collected);
}

/** A refused or duplicate import: one history row and its audit entry, nothing else. */
function record(db: Db, input: ImportInput, r: ImportRecord, collected: Collected | null): ImportResult {
  const finishedAt = Date.now();
  const id = db.$client
    .transaction(() => {
      const row = { ...r, finishedAt: Math.max(finishedAt, r.startedAt) };
      const id = insertImport(db, row);
      audit(db, input.actor, id, row);
      return id;
    })
    .immediate();
  countImport(r);
  return resultOf(id, r, collected);
}

function resultOf(id: number, r: ImportRecord, collected: Collected | null): ImportResult {
  return {
    id,
    status: r.status,
    source: r.source,
    message: r.message ?? "",
    said: parseSaid(r.messageSaid),
    rows: r.rows,
    rowsSkipped: r.rowsSkipped,
    duplicateRows: r.duplicateRows,
    devices: r.devices,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    superseded: r.superseded,
    ambiguous: r.ambiguous,
    errorCount: r.errorCount,
    errors: collected?.errors ?? (r.errors ? (JSON.parse(r.errors) as ImportResult["errors"]) : []),
  };
}

/** Counts an import that ended (outcome and, when applied, its devices) for /metrics. */
function countImport(r: ImportRecord): void {
  const outcome = r.status === "applying" || r.status === "undone" ? "failed" : r.status;
  incCounter("imports", 1, { source: r.source ?? "unknown", outcome });
  if (r.status !== "applied") return;
  for (const k of ["created", "updated", "unchanged", "superseded", "ambiguous"] as const) incCounter("importedDevices", r[k], { outcome: k });
}

function audit(db: Db, actor: Actor, id: number, r: ImportRecord): void {
  const action = r.status === "applied" ? "import.apply" : r.status === "duplicate" ? "import.duplicate" : r.status === "failed" ? "import.fail" : "import.refuse";
  recordAudit(db, actor, {
    action,
    objectType: "import",
    objectId: id,
    agencyId: r.agencyId,
    details: {
      source: r.source,
      file: r.fileName,
      sha256: r.fileSha256,
      bytes: r.fileBytes,
      rows: r.rows,
      devices: r.devices,
      created: r.created,
      matched: r.updated + r.unchanged + r.superseded,
      updated: r.updated,
      unchanged: r.unchanged,
      superseded: r.superseded,
      ambiguous: r.ambiguous,
      errors: r.errorCount,
      ...(r.message && r.status !== "applied" ? { message: r.message } : {}),
      ...(r.tokenId ? { token: r.tokenId } : {}),
    },
  });
}

/** Target length of one apply transaction: a check-in waits at most about this long for the write lock. */
const CHUNK_MS = 250;

type Counts = { created: number; updated: number; unchanged: number; superseded: number; ambiguous: number };

/**
 * Matches the export once, then applies its devices in short transactions (about CHUNK_MS each),
 * yielding the write lock to check-ins between them: the import is "applying" meanwhile, its
 * counts written with each chunk. Each device is applied whole with its counters in one chunk; if
 * a chunk fails, what the earlier chunks applied stays and the import is recorded as failed with
 * how far it got (importing the same file again applies the rest; undo takes it back).
 */
async function applyImport(db: Db, input: ImportInput, r: ImportRecord, collected: Collected): Promise<ImportResult> {
  const engine = getIngestEngine(db);
  const now = r.startedAt;
  const source = r.source!;
  const counts: Counts = { created: 0, updated: 0, unchanged: 0, superseded: 0, ambiguous: 0 };
  let importId: number | null = null;
  try {
    await waitForOtherImport(db, input.agencyId);
    const start = inTransaction(db, () => {
      const ids = maxIds(db);
      const id = insertImport(db, { ...r, status: "applying", finishedAt: Date.now(), firstEventId: ids.event + 1, firstFindingId: ids.finding + 1 });
      const mappings = loadDeviceMappings(db, input.agencyId, source);
      return { id, mappings, decisions: [...matchDevices(db, input.agencyId, source, collected.devices, mappings)] };
    });
    importId = start.id;
    const { mappings, decisions } = start;
    if (decisions.length >= GC_EVERY_DEVICES) collectGarbage(); // what parsing left behind
    let size = MIN_CHUNK;
    let sinceGc = 0;
    for (let i = 0; i < decisions.length; ) {
      const chunk = decisions.slice(i, i + size);
      const t0 = performance.now();
      const done = applyChunk(db, engine.registry, { input, r, importId, collected, mappings, chunk, counts });
      Object.assign(counts, done);
      size = nextChunkSize(chunk.length, performance.now() - t0, CHUNK_MS, MAX_CHUNK);
      i += chunk.length;
      sinceGc += chunk.length;
      // Between transactions, so the collection never holds the write lock.
      if (sinceGc >= GC_EVERY_DEVICES) {
        collectGarbage();
        sinceGc = 0;
      }
      await betweenChunks();
    }
    const done = { ...r, ...counts, status: "applied" as const, finishedAt: Math.max(Date.now(), now), ...saying(say("applied", { devices: r.devices, ...counts })) };
    inTransaction(db, () => {
      finishImport(db, importId!, done);
      audit(db, input.actor, importId!, done);
    });
    countImport(done);
    return resultOf(importId, done, collected);
  } catch (err) {
    engine.registry.clear(); // the rollback may have dropped software rows the cache holds
    const applied = counts.created + counts.updated + counts.unchanged + counts.superseded;
    const reason = isStorageError(err) ? null : (err as Error).message;
    const partly = applied + counts.ambiguous > 0;
    const said =
      reason === null
        ? partly
          ? say("storagePartly", { applied, devices: r.devices })
          : say("storage")
        : partly
          ? say("failedPartly", { applied, devices: r.devices, reason })
          : say("failed", { reason });
    const failed = { ...r, ...counts, status: "failed" as const, finishedAt: Math.max(Date.now(), now), ...saying(said) };
    try {
      if (importId === null) record(db, input, failed, collected);
      else
        inTransaction(db, () => {
          finishImport(db, importId!, failed);
          audit(db, input.actor, importId!, failed);
        });
      if (importId !== null) countImport(failed); // record() counts its own
    } catch {
      // the history cannot be written either (disk full): the error below says what happened
    }
    if (isStorageError(err)) throw new MusterError("UNAVAILABLE", { key: "errors.importStorage" });
    throw err;
  }
}

const MIN_CHUNK = 1000;
const MAX_CHUNK = 25_000;

type ChunkInput = {
  input: ImportInput;
  r: ImportRecord;
  importId: number;
  collected: Collected;
  mappings: Map<string, DeviceMapping>;
  chunk: [string, Decision][];
  counts: Counts;
};

/** One transaction: the chunk's devices, their counters and the import's progress. Returns the counts with the chunk's. */
function applyChunk(db: Db, registry: SoftwareRegistry, c: ChunkInput): Counts {
  const { input, r, importId, collected } = c;
  return inTransaction(db, () => {
    // Matched with the catalog and judged by the policies in force now, local overlay included (as a check-in batch is).
    registry.useCatalog(effectiveCatalog(db));
    const ctx = {
      db,
      registry,
      coverage: currentCoverage(db),
      deltas: new CounterDeltas(),
      now: r.startedAt,
      importId,
      agencyId: input.agencyId,
      source: r.source!,
      collectedAt: r.collectedAt,
      collected,
      resolved: [],
    };
    const counts = { ...c.counts };
    for (const [key, decision] of c.chunk) {
      const inv = collected.devices.get(key)!;
      if (decision.kind === "ambiguous") {
        insertAmbiguity(db, {
          importId,
          agencyId: input.agencyId,
          source: ctx.source,
          sourceDeviceId: key,
          hostname: inv.device.hostname,
          platform: inv.device.platform!,
          candidates: decision.candidates,
          reason: decision.reason,
        });
        counts.ambiguous++;
        continue;
      }
      counts[applyDevice(ctx, inv, decision.kind === "create" ? null : decision.endpointId, c.mappings.get(key) ?? null)]++;
    }
    applyDeltas(db, ctx.deltas);
    recordImportProgress(db, importId, { ...counts, finishedAt: Date.now() });
    // Applied and committed below: the inventories are no longer needed (a million-row export frees as it goes).
    for (const [key] of c.chunk) collected.devices.delete(key);
    return counts;
  });
}

/** Waits while another import of the agency is being applied (by this process or another): imports of one agency run one at a time. */
async function waitForOtherImport(db: Db, agencyId: number): Promise<void> {
  while (applyingImportOf(db, agencyId, Date.now() - IMPORT_HEARTBEAT_STALE_MS)) await new Promise((resolve) => setTimeout(resolve, 200));
}

/**
 * Each maintenance pass: imports left "applying" by a process that stopped (crash, kill) are
 * recorded as failed, with how far they got; what they applied stays, each device whole.
 */
export function failInterruptedImports(db: Db, now = Date.now()): number {
  const stale = interruptedImports(db, now - IMPORT_HEARTBEAT_STALE_MS);
  for (const imp of stale) {
    inTransaction(db, () => {
      const applied = imp.created + imp.updated + imp.unchanged + imp.superseded;
      const failed = { ...imp, status: "failed" as const, finishedAt: Math.max(now, imp.startedAt), ...saying(say("interrupted", { applied, devices: imp.devices })) };
      finishImport(db, imp.id, failed);
      audit(db, SYSTEM_ACTOR, imp.id, failed);
      countImport(failed);
    });
  }
  return stale.length;
}
