// An inventory import from start to end: the file's hash and format, the same file already
// imported (nothing to do), parsing into per-device inventories with every bad row named, then, only
// if nothing is wrong, matching and applying every device in ONE transaction: a refused or failed
// import changes no stored data. Every attempt is recorded in the import history and audited.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { type Actor, recordAudit } from "../audit/log";
import type { Db } from "../db/client";
import type { ImportSource } from "../db/schema";
import { applyDeltas, CounterDeltas } from "../findings/counters";
import { effectiveCatalog } from "../catalog/effective";
import { getIngestEngine } from "../ingest/engine";
import { isStorageError } from "../db/sql";
import { saidText } from "../i18n/errors";
import { parseSaid, type Said } from "../i18n/said";
import { MusterError } from "../lib/errors";
import { currentCoverage } from "../policy/coverage";
import { applyDevice } from "./apply";
import { type Collected, collectInventory, type IMPORT_LIMITS, type RowError } from "./collect";
import { matchDevices } from "./match";
import { collectGarbage, GC_EVERY_DEVICES } from "./memory";
import { detectFormat, PARSERS } from "./sources";
import { decodeText } from "./sources/text-stream";
import { findAppliedImportOfFile, finishImport, type ImportRecord, insertAmbiguity, insertImport, loadDeviceMappings } from "./store";
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

function applyImport(db: Db, input: ImportInput, r: ImportRecord, collected: Collected): ImportResult {
  const engine = getIngestEngine(db);
  const now = r.startedAt;
  const source = r.source!;
  try {
    return db.$client
      .transaction(() => {
        // Matched with the catalog in force, local overlay included (as a check-in batch is).
        engine.registry.useCatalog(effectiveCatalog(db));
        const ids = maxIds(db);
        const importId = insertImport(db, { ...r, status: "applied", firstEventId: ids.event + 1, firstFindingId: ids.finding + 1 });
        const mappings = loadDeviceMappings(db, input.agencyId, source);
        const decisions = matchDevices(db, input.agencyId, source, collected.devices, mappings);
        const ctx = {
          db,
          registry: engine.registry,
          coverage: currentCoverage(db),
          deltas: new CounterDeltas(),
          now,
          importId,
          agencyId: input.agencyId,
          source,
          collectedAt: r.collectedAt,
          collected,
          resolved: [],
        };
        const counts = { created: 0, updated: 0, unchanged: 0, superseded: 0, ambiguous: 0 };
        let applied = 0;
        if (decisions.size >= GC_EVERY_DEVICES) collectGarbage(); // what parsing left behind
        for (const [key, decision] of decisions) {
          const inv = collected.devices.get(key)!;
          if (decision.kind === "ambiguous") {
            insertAmbiguity(db, {
              importId,
              agencyId: input.agencyId,
              source,
              sourceDeviceId: key,
              hostname: inv.device.hostname,
              platform: inv.device.platform!,
              candidates: decision.candidates,
              reason: decision.reason,
            });
            counts.ambiguous++;
            continue;
          }
          counts[applyDevice(ctx, inv, decision.kind === "create" ? null : decision.endpointId, mappings.get(key) ?? null)]++;
          // Applied: its inventory is no longer needed (a million-row export frees as it goes).
          collected.devices.delete(key);
          if (++applied % GC_EVERY_DEVICES === 0) collectGarbage();
        }
        applyDeltas(db, ctx.deltas);
        const finishedAt = Math.max(Date.now(), now);
        const message = saying(say("applied", { devices: r.devices, ...counts }));
        const done = { ...r, ...counts, status: "applied" as const, finishedAt, ...message };
        finishImport(db, importId, done);
        audit(db, input.actor, importId, done);
        return resultOf(importId, done, collected);
      })
      .immediate();
  } catch (err) {
    engine.registry.clear(); // the rollback may have dropped software rows the cache holds
    const message = saying(isStorageError(err) ? say("storage") : say("failed", { reason: (err as Error).message }));
    try {
      record(db, input, { ...r, status: "failed", ...message }, collected);
    } catch {
      // the history cannot be written either (disk full): the error below says what happened
    }
    if (isStorageError(err)) throw new MusterError("UNAVAILABLE", { key: "errors.importStorage" });
    throw err;
  }
}
