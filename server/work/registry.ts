// Where the custom server leaves its work thread for code in Next's bundled routes to find
// (they share the process and its globalThis, not module instances).
import type { JobName, StreamName } from "./jobs";

export type WorkThread = {
  file: string;
  run(job: JobName, args: unknown): Promise<unknown>;
  /** Opens a stream job: its metadata, and the byte stream of its pieces (pulled as it is read). */
  openStream(job: StreamName, args: unknown): Promise<{ meta: unknown; body: ReadableStream<Uint8Array> }>;
  /** Long jobs (re-evaluations) stop after their current chunk; their work stays pending. */
  interrupt(): void;
  /** Waits (bounded) for running jobs, then ends the thread. */
  stop(timeoutMs?: number): Promise<void>;
};

const g = globalThis as unknown as { __musterWork?: WorkThread };

export function currentWorkThread(): WorkThread | undefined {
  return g.__musterWork;
}

export function setWorkThread(thread: WorkThread | undefined): void {
  if (thread) g.__musterWork = thread;
  else delete g.__musterWork;
}
