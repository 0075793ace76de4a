// Counters a worker thread increments (the work thread's re-evaluations and imports, the check-in
// writer thread's agent-update reports) reach the process's registry, which lives and is scraped on
// the main thread: on a worker they travel as a message that the thread's owner (work/pool.ts,
// ingest/writer.ts) adds to the registry.
import { isMainThread, parentPort } from "node:worker_threads";
import { IMPORT_SOURCES } from "../db/schema/imports";
import { metrics } from "./metrics";

/** Each counter with the values its labels may take (bounded: anything else is counted as "other"). */
const LABELS = {
  reevaluatedEndpoints: {},
  imports: { source: [...IMPORT_SOURCES, "unknown"], outcome: ["applied", "duplicate", "refused", "failed"] },
  importedDevices: { outcome: ["created", "updated", "unchanged", "superseded", "ambiguous"] },
  agentUpdates: { outcome: ["updated", "refused", "failed", "rolled-back"] },
} as const satisfies Record<string, Record<string, readonly string[]>>;

export type ThreadCounter = keyof typeof LABELS;
type Labels = Record<string, string>;
export type CounterMessage = { counter: ThreadCounter; n: number; labels?: Labels };

function add(counter: ThreadCounter, n: number, labels: Labels = {}): void {
  const allowed = LABELS[counter] as Record<string, readonly string[]>;
  const bounded = Object.fromEntries(Object.entries(allowed).map(([k, values]) => [k, values.includes(labels[k] ?? "") ? labels[k]! : "other"]));
  (metrics()[counter] as { inc(labels: Labels, n: number): void }).inc(bounded, n);
}

export function incCounter(counter: ThreadCounter, n: number, labels?: Labels): void {
  if (n <= 0) return;
  if (isMainThread) add(counter, n, labels);
  else parentPort?.postMessage({ counter, n, labels } satisfies CounterMessage);
}

/** On the main thread: adds a worker's counter message to the registry; false when it is none. */
export function receiveCounter(m: unknown): boolean {
  const c = m as Partial<CounterMessage> | null;
  if (!c || typeof c.counter !== "string" || !(c.counter in LABELS) || typeof c.n !== "number") return false;
  add(c.counter, c.n, c.labels ?? {});
  return true;
}
