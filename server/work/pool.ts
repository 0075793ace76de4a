// The work thread: one thread with its own database connection that runs the long jobs of
// jobs.ts, so the event loop keeps serving check-ins and pages while a national report is built
// or a policy change re-evaluates a million endpoints. Started by the custom server and found by
// run.ts through registry.ts.
// If the thread dies, the jobs it was running fail with 503 and the next job starts a new thread.
import type { Worker } from "node:worker_threads";
import { writeTurnBuffer } from "../db/write-turn";
import type { ErrorKey } from "../i18n/errors";
import { MusterError } from "../lib/errors";
import { log } from "../ops/log";
import { receiveCounter } from "../ops/thread-counters";
import { TamperedReportError } from "../reports/store";
import { startTsWorker } from "../runtime/ts-worker";
import type { WireError } from "./jobs";
import { currentWorkThread, setWorkThread, type WorkThread } from "./registry";

/** Rebuilds an error from the thread as what callers map to a status (MusterError, storage codes). */
export function fromWire(w: WireError): Error {
  if (w.name === "MusterError" && w.kind) return new MusterError(w.kind as MusterError["kind"], w.key ? { key: w.key as ErrorKey, params: w.params } : w.message, w.details);
  const err = w.tampered ? new TamperedReportError(w.message) : Object.assign(new Error(w.message), { code: w.code });
  err.stack = w.stack ?? err.stack;
  return err;
}

export function startWorkThread(file: string): WorkThread {
  let worker: Worker | null = null;
  let nextId = 1;
  let stopping = false;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  const spawn = (): Worker => {
    const w = startTsWorker("server/work/thread.ts", { file, writeTurn: writeTurnBuffer() });
    w.on("message", (m: { id?: number; result?: unknown; error?: WireError }) => {
      if (m.id === undefined) return void receiveCounter(m);
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) p?.reject(fromWire(m.error));
      else p?.resolve(m.result);
    });
    w.on("error", (err) => log.error({ err }, "work thread failed"));
    w.on("exit", (code) => {
      if (worker === w) worker = null;
      for (const p of pending.values()) p.reject(new MusterError("UNAVAILABLE", { key: "errors.jobStopped" }));
      pending.clear();
      if (!stopping) log.warn({ code }, "work thread exited; the next job starts a new one");
    });
    return w;
  };
  worker = spawn();

  /** Posts a message and waits for the answer carrying `id`. */
  const ask = (id: number, message: object): Promise<unknown> => {
    if (stopping) return Promise.reject(new MusterError("UNAVAILABLE", { key: "errors.shuttingDown" }));
    worker ??= spawn();
    const w = worker;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      w.postMessage(message);
    });
  };

  const thread: WorkThread = {
    file,
    run(job, args) {
      const id = nextId++;
      return ask(id, { id, job, args });
    },
    async openStream(job, args) {
      const id = nextId++;
      const meta = await ask(id, { open: id, job, args });
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const piece = (await ask(id, { pull: id })) as Uint8Array | null;
          if (piece === null) controller.close();
          else controller.enqueue(piece);
        },
        cancel() {
          worker?.postMessage({ close: id });
        },
      });
      return { meta, body };
    },
    interrupt() {
      worker?.postMessage({ interrupt: true });
    },
    async stop(timeoutMs = 10_000) {
      stopping = true;
      thread.interrupt();
      const deadline = Date.now() + timeoutMs;
      while (pending.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      if (currentWorkThread() === thread) setWorkThread(undefined);
      await worker?.terminate();
    },
  };
  setWorkThread(thread);
  return thread;
}
