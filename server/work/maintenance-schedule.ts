// The server's maintenance loop: every minute (and soon after start) a maintenance pass
// (maintenance/run.ts) on the work thread, so its writes never wait for the write lock on the
// event loop; the ingest engine's in-memory rate limits are pruned here.
import type { Db } from "../db/client";
import { getIngestEngine } from "../ingest/engine";
import { isStorageError } from "../db/sql";
import { log } from "../ops/log";
import { watchAgencies } from "../notify/watch";
import { runWork } from "./run";

export function startMaintenance(db: Db, intervalMs = 60_000): () => void {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      getIngestEngine(db).prune(Date.now());
      await runWork(db, "maintenance", {});
      // Agency status, deadlines and stale share: notifications when they cross a line.
      watchAgencies(db, Date.now());
    } catch (err) {
      if (isStorageError(err)) log.warn({ code: (err as { code?: string }).code }, "maintenance: storage error; will retry");
      else log.error({ err }, "maintenance failed");
    } finally {
      busy = false;
    }
  };
  const first = setTimeout(tick, 2_000);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
