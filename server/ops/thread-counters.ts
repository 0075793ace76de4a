// Counters a worker thread increments (the work thread's re-evaluations) reach the process's
// registry, which lives and is scraped on the main thread: on a worker they travel as a message
// that the thread's owner (work/pool.ts) adds to the registry.
import { isMainThread, parentPort } from "node:worker_threads";
import { metrics } from "./metrics";

export type ThreadCounter = "reevaluatedEndpoints";
export type CounterMessage = { counter: ThreadCounter; n: number };

export function incCounter(counter: ThreadCounter, n: number): void {
  if (n <= 0) return;
  if (isMainThread) metrics()[counter].inc(n);
  else parentPort?.postMessage({ counter, n } satisfies CounterMessage);
}

/** On the main thread: adds a worker's counter message to the registry; false when it is none. */
export function receiveCounter(m: unknown): boolean {
  const c = m as Partial<CounterMessage> | null;
  if (c?.counter !== "reevaluatedEndpoints" || typeof c.n !== "number") return false;
  metrics()[c.counter].inc(c.n);
  return true;
}
