// Optional (MUSTER_INGEST_THREAD=1): check-ins written by a dedicated thread, so the SQLite work of
// a group commit does not stall other requests either (the engine already syncs the WAL on the
// thread pool rather than on the event loop). Measured on the 2-core benchmark machine, with the load
// generator on the same machine, the extra thread and message copies cost more than they save
// (about 3,200/s against 4,600/s in-process), so it is off by default; with more cores to spare it
// overlaps fsyncs with request handling. The
// writer thread owns its own connection and ingest engine (group commit, software cache, rate
// limits); the main thread keeps HTTP, decompression, JSON parsing and validation, and hands over
// validated check-ins. If the thread dies, pending check-ins get 503 (the agent retries) and a new
// thread is started.
import type { Worker } from "node:worker_threads";
import { startTsWorker } from "../runtime/ts-worker";
import type { CheckinItem } from "./checkin";
import { type AgentReply, unavailable } from "./replies";
import { receiveCounter } from "../ops/thread-counters";

export type CheckinWriter = { submit(item: CheckinItem): Promise<AgentReply>; stats(): Promise<unknown>; stop(): Promise<void> };

export function startCheckinWriter(file: string): CheckinWriter {
  let worker: Worker;
  let nextId = 1;
  let stopping = false;
  const pending = new Map<number, (r: AgentReply) => void>();
  let statsWaiter: ((s: unknown) => void) | null = null;
  let restarts = 0;

  const spawn = () => {
    worker = startTsWorker("server/ingest/writer-thread.ts", { file });
    worker.on("message", (m: { id?: number; reply?: AgentReply; stats?: unknown }) => {
      if ((m as { ready?: boolean }).ready) restarts = 0;
      if (receiveCounter(m)) return;
      if (m.id !== undefined && m.reply) {
        const resolve = pending.get(m.id);
        pending.delete(m.id);
        resolve?.(m.reply);
      } else if (m.stats && statsWaiter) {
        statsWaiter(m.stats);
        statsWaiter = null;
      }
    });
    worker.on("error", (err) => console.error("check-in writer failed:", err));
    worker.on("exit", (code) => {
      for (const resolve of pending.values()) resolve(unavailable());
      pending.clear();
      if (!stopping) {
        // Back off when it keeps failing (a broken install must not spin).
        restarts++;
        const delay = Math.min(30_000, 500 * 2 ** Math.min(restarts, 6));
        console.error(`check-in writer exited (${code}); restarting in ${delay} ms`);
        setTimeout(spawn, delay).unref();
      }
    });
  };
  spawn();

  return {
    submit(item) {
      return new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        worker.postMessage({ id, item });
      });
    },
    stats() {
      return new Promise((resolve) => {
        statsWaiter = resolve;
        worker.postMessage({ stats: true });
        setTimeout(() => resolve(null), 2_000).unref();
      });
    },
    async stop() {
      stopping = true;
      // Let queued check-ins finish: wait until nothing is pending (bounded), then stop.
      const deadline = Date.now() + 5_000;
      while (pending.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await worker.terminate();
    },
  };
}
