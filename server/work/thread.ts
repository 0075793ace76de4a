// Entry point of the work thread (pool.ts): its own SQLite connection; jobs arrive as messages,
// run one after the other (re-evaluations yield between chunks, so other jobs interleave), and
// each result or error is posted back. Stream jobs (files, exports) are opened, then pulled a
// piece at a time as the client reads; the pieces are transferred, not copied.
// Its transactions commit without syncing (synchronous=NORMAL) and the WAL is synced after the
// job, before the result is posted: durable as with FULL once answered, while the write lock that
// check-ins wait for is released before the sync rather than after.
import { parentPort, workerData } from "node:worker_threads";
import { forBackgroundWork, getDb } from "../db/client";
import { inWalMode, setSynchronous, syncsEveryCommit } from "../db/pragma";
import { adoptWriteTurn } from "../db/write-turn";
import { syncFile } from "../ingest/engine";
import { TamperedReportError } from "../reports/store";
import { JOBS, type JobName, STREAMS, type StreamName, type WireError } from "./jobs";

const { file, writeTurn } = workerData as { file: string; writeTurn?: SharedArrayBuffer };
adoptWriteTurn(writeTurn);
const db = getDb(file);
forBackgroundWork(db);
const port = parentPort!;
const syncAfterJob = syncsEveryCommit(db) && inWalMode(db);
if (syncAfterJob) setSynchronous(db, "NORMAL");
const interrupt = new AbortController();

function toWire(err: unknown): WireError {
  const e = err as Error & { kind?: string; key?: string; params?: Record<string, string | number>; details?: Record<string, unknown>; code?: unknown };
  return {
    name: e?.name ?? "Error",
    message: e?.message ?? String(err),
    kind: e?.kind,
    key: e?.key,
    params: e?.params,
    details: e?.details,
    code: typeof e?.code === "string" ? e.code : undefined,
    tampered: err instanceof TamperedReportError,
    stack: e?.stack,
  };
}

/** Open streams: what the next pull reads from. */
const streams = new Map<number, Iterator<string | Uint8Array>>();
const encoder = new TextEncoder();

function onStream(msg: StreamMessage): void {
  const id = "open" in msg ? msg.open : "pull" in msg ? msg.pull : msg.close;
  try {
    if ("open" in msg) {
      const s = (STREAMS[msg.job] as (db: unknown, args: unknown) => { meta: unknown; pieces: Iterator<string | Uint8Array> })(db, msg.args);
      streams.set(id, s.pieces);
      port.postMessage({ id, result: s.meta });
    } else if ("pull" in msg) {
      const next = streams.get(id)?.next();
      if (!next || next.done) {
        streams.delete(id);
        port.postMessage({ id, result: null });
      } else {
        // Its own buffer (a piece may be a view into a larger one), handed over without a copy.
        const bytes = typeof next.value === "string" ? encoder.encode(next.value) : new Uint8Array(next.value);
        port.postMessage({ id, result: bytes }, [bytes.buffer]);
      }
    } else {
      streams.get(id)?.return?.(undefined);
      streams.delete(id);
    }
  } catch (err) {
    streams.delete(id);
    port.postMessage({ id, error: toWire(err) });
  }
}

type StreamMessage = { open: number; job: StreamName; args: unknown } | { pull: number } | { close: number };

port.on("message", async (msg: { interrupt: true } | { id: number; job: JobName; args: unknown } | StreamMessage) => {
  if ("interrupt" in msg) return interrupt.abort();
  if (!("id" in msg)) return onStream(msg);
  try {
    const run = JOBS[msg.job] as (db: unknown, args: unknown, signal?: AbortSignal) => unknown;
    const result = await run(db, msg.args, interrupt.signal);
    if (syncAfterJob) await syncFile(`${file}-wal`);
    port.postMessage({ id: msg.id, result });
  } catch (err) {
    port.postMessage({ id: msg.id, error: toWire(err) });
  }
});
port.postMessage({ ready: true });
