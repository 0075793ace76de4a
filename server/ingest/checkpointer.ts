// WAL checkpoints off the main thread. With synchronous=FULL every commit syncs the WAL; copying
// WAL pages back into the database file (the checkpoint) is the other big write, and SQLite's
// automatic checkpoint runs it inside whichever commit crosses the threshold, on the event loop.
// A worker thread with its own connection does PASSIVE checkpoints instead, so the copying happens
// beside the request handling. The main connection keeps a (large) automatic checkpoint as a
// backstop: it finds the pages already copied, only finishes the job and lets the WAL restart,
// which a checkpoint on another connection cannot do while commits keep coming.
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Db } from "../db/client";

const WORKER = `
const { workerData, parentPort } = require("node:worker_threads");
const fs = require("node:fs");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 100");
let last = 0;
setInterval(() => {
  let size = 0;
  try { size = fs.statSync(workerData.file + "-wal").size; } catch { return; }
  if (size < workerData.minBytes || size === last) return;
  try { db.pragma("wal_checkpoint(PASSIVE)"); last = size; } catch (err) { parentPort.postMessage(String(err && err.message || err)); }
}, workerData.intervalMs);
`;

export function startCheckpointer(db: Db, opts: { intervalMs?: number; minBytes?: number; backstopPages?: number } = {}): () => void {
  const file = db.$client.name;
  if (!file || file === ":memory:") return () => {};
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { file, driver: createRequire(path.join(process.cwd(), "package.json")).resolve("better-sqlite3"), intervalMs: opts.intervalMs ?? 100, minBytes: opts.minBytes ?? 1024 * 1024 },
  });
  worker.unref();
  // Backstop on the main connection: rarely triggered, cheap when the worker keeps up.
  db.$client.pragma(`wal_autocheckpoint = ${opts.backstopPages ?? 8000}`);
  let warned = false;
  worker.on("message", (m) => {
    if (!warned) console.error(`checkpointer: ${m}`);
    warned = true;
  });
  worker.on("error", (err) => {
    console.error("checkpointer stopped; SQLite's automatic checkpoint takes over:", err);
    db.$client.pragma("wal_autocheckpoint = 1000");
  });
  return () => {
    void worker.terminate();
    try {
      db.$client.pragma("wal_autocheckpoint = 1000");
    } catch {
      // closed already
    }
  };
}
