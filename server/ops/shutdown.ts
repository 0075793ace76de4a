// Graceful shutdown on SIGTERM (systemd stop, Kubernetes pod deletion) or SIGINT: readiness fails
// at once; after MUSTER_SHUTDOWN_DELAY_SECONDS (time for a load balancer to notice) the listener
// closes and idle keep-alive connections are dropped; requests in flight are finished (a check-in
// is answered only after its group commit and WAL sync, so every 200 sent is on disk); then the
// background work stops, the database is closed and the process exits 0. Past
// MUSTER_SHUTDOWN_TIMEOUT_SECONDS it exits 1 with what was still running. A second signal exits at once.
import type { Server } from "node:http";
import type { ReadinessState } from "./health";
import { flushLog, log } from "./log";

export type ShutdownOptions = {
  servers: Server[];
  readiness: ReadinessState;
  inFlight: () => number;
  delayMs: number;
  timeoutMs: number;
  /** Background work to stop once requests are done (threads, timers), in order. */
  stops: (() => void | Promise<void>)[];
  /** Last step before exit (closing the database). */
  finalize: () => void;
  exit?: (code: number) => void;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createShutdown(opts: ShutdownOptions): (signal: string) => Promise<void> {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let started = false;
  return async (signal) => {
    if (started) {
      log.warn({ signal }, "second signal: exiting without waiting");
      await flushLog();
      return exit(1);
    }
    started = true;
    const t0 = Date.now();
    opts.readiness.stopping();
    log.info({ signal, delayMs: opts.delayMs, inFlight: opts.inFlight() }, "shutting down: readiness fails from now on");
    if (opts.delayMs > 0) await sleep(opts.delayMs);
    for (const s of opts.servers) {
      s.close();
      s.closeIdleConnections();
    }
    const deadline = Date.now() + opts.timeoutMs;
    let waited = false;
    while (opts.inFlight() > 0 && Date.now() < deadline) {
      if (!waited) log.info({ inFlight: opts.inFlight() }, "shutting down: finishing requests in flight");
      waited = true;
      await sleep(20);
      for (const s of opts.servers) s.closeIdleConnections();
    }
    const left = opts.inFlight();
    for (const stop of opts.stops) {
      try {
        await stop();
      } catch (err) {
        log.warn({ err }, "shutting down: a background task did not stop cleanly");
      }
    }
    opts.finalize();
    if (left > 0) log.warn({ inFlight: left, ms: Date.now() - t0 }, "shutdown timed out: requests were still in flight");
    else log.info({ ms: Date.now() - t0 }, "shutdown complete");
    await flushLog();
    exit(left > 0 ? 1 : 0);
  };
}
