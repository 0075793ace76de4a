// WAL checkpoints off the main thread. With synchronous=FULL every commit syncs the WAL; copying
// WAL pages back into the database file (the checkpoint) is the other big write, and SQLite's
// automatic checkpoint runs it inside whichever commit crosses the threshold, on the event loop:
// with the work thread writing a re-evaluation, that was every group commit, each copying the
// thread's latest pages and syncing the database file while the loop waited (measured: COMMIT of
// a group commit up to seconds). So the main connection checkpoints nothing itself
// (wal_autocheckpoint = 0); a worker thread with its own connection does a PASSIVE checkpoint
// every 100 ms (cheap when nothing is new) and, once the WAL holds RESTART_PAGES pages all
// copied, a RESTART, so the next commit writes the WAL from its start again (SQLite restarts it by
// itself when no reader is using it; RESTART waits up to 100 ms for readers when one is). If the
// worker dies, SQLite's automatic checkpoint on the main connection takes over again.
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Db } from "../db/client";
import { setAutoCheckpoint } from "../db/pragma";
import { log } from "../ops/log";

/** A checkpoint this slow, or leaving RESTART_PAGES frames uncopied, is logged (at most once a second). */
const SLOW_CHECKPOINT_MS = 200;
/** WAL pages (4 KiB) after which a fully copied WAL is restarted from its start: 32 MiB. */
const RESTART_PAGES = 8000;
const REPORT_EVERY_MS = 1000;

const WORKER = `
const { workerData, parentPort } = require("node:worker_threads");
const fs = require("node:fs");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 100");
setInterval(() => {
  let size = 0;
  try { size = fs.statSync(workerData.file + "-wal").size; } catch { return; }
  // Not "only when the file grew": a restarted WAL is rewritten from its start at the same size.
  if (size < workerData.minBytes) return;
  try {
    const t0 = performance.now();
    let [r] = db.pragma("wal_checkpoint(PASSIVE)");
    if (r.log >= workerData.restartPages && r.log === r.checkpointed) [r] = db.pragma("wal_checkpoint(RESTART)");
    const ms = performance.now() - t0;
    // Slow, or behind (this many frames left to copy).
    if (ms >= workerData.slowMs || r.log - r.checkpointed >= workerData.restartPages) parentPort.postMessage({ ms, frames: r.log, copied: r.checkpointed, walBytes: size });
  } catch (err) { parentPort.postMessage({ error: String(err && err.message || err) }); }
}, workerData.intervalMs);
`;

export function startCheckpointer(db: Db, opts: { intervalMs?: number; minBytes?: number; restartPages?: number } = {}): () => void {
  const file = db.$client.name;
  if (!file || file === ":memory:") return () => {};
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      file,
      driver: createRequire(path.join(process.cwd(), "package.json")).resolve("better-sqlite3"),
      intervalMs: opts.intervalMs ?? 100,
      minBytes: opts.minBytes ?? 1024 * 1024,
      slowMs: SLOW_CHECKPOINT_MS,
      restartPages: opts.restartPages ?? RESTART_PAGES,
    },
  });
  worker.unref();
  setAutoCheckpoint(db, 0);
  let warned = false;
  // At most one log line a second: the worst checkpoint since the last line, and how many there were.
  let worst: { ms: number; frames: number; copied: number; walBytes: number; count: number } | null = null;
  let lastReport = 0;
  worker.on("message", (m: { error: string } | { ms: number; frames: number; copied: number; walBytes: number }) => {
    if ("error" in m) {
      if (!warned) console.error(`checkpointer: ${m.error}`);
      warned = true;
      return;
    }
    const behind = (x: { frames: number; copied: number }) => x.frames - x.copied;
    worst = worst && (worst.ms > m.ms || behind(worst) > behind(m)) ? { ...worst, count: worst.count + 1 } : { ...m, count: (worst?.count ?? 0) + 1 };
    if (Date.now() - lastReport < REPORT_EVERY_MS) return;
    lastReport = Date.now();
    log.warn({ ms: Math.round(worst.ms), frames: worst.frames, copied: worst.copied, walBytes: worst.walBytes, checkpoints: worst.count }, "checkpointer: slow or behind");
    worst = null;
  });
  worker.on("error", (err) => {
    console.error("checkpointer stopped; SQLite's automatic checkpoint takes over:", err);
    setAutoCheckpoint(db, 1000);
  });
  return () => {
    void worker.terminate();
    try {
      setAutoCheckpoint(db, 1000);
    } catch {
      // closed already
    }
  };
}
