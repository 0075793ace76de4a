// Turns at the write lock between check-ins and the work thread's long writers. SQLite's write
// lock is not a queue: a re-evaluation on the work thread that pauses 10 ms between its chunks can
// take the lock again before the event loop (busy with requests, or simply not scheduled on a
// loaded machine) retries its group commit, and check-ins then wait chunk after chunk until they
// are answered 503. So the group commit raises a flag in memory shared by the threads while it
// waits for the lock (ingest/engine.ts), and the long writer, between two transactions, waits
// until the flag is down (bounded) before it takes the lock again.
const g = globalThis as unknown as { __musterWriteTurn?: Int32Array };

/** The shared flag (created on first use); the main thread passes it to the threads it starts. */
export function writeTurnBuffer(): SharedArrayBuffer {
  g.__musterWriteTurn ??= new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  return g.__musterWriteTurn.buffer as SharedArrayBuffer;
}

/** In a thread: uses the flag its parent passed (workerData). */
export function adoptWriteTurn(buffer: SharedArrayBuffer | undefined): void {
  if (buffer) g.__musterWriteTurn = new Int32Array(buffer);
}

/** A group commit found the write lock taken (true) or got it (false). */
export function setCheckinsWaiting(waiting: boolean): void {
  const flag = g.__musterWriteTurn;
  if (flag) Atomics.store(flag, 0, waiting ? 1 : 0);
}

/** Between two long-writer transactions: waits while check-ins wait for the lock, at most `maxMs`; returns the ms waited. */
export async function yieldToCheckins(maxMs = 1000): Promise<number> {
  const flag = g.__musterWriteTurn;
  const started = performance.now();
  while (flag && Atomics.load(flag, 0) === 1 && performance.now() - started < maxMs) await new Promise((resolve) => setTimeout(resolve, 2));
  return performance.now() - started;
}

/** Between two transactions of a long writer: a short pause (check-ins on another connection retry
 *  every few milliseconds rather than block), then the lock's turn to the check-ins waiting for it. */
export async function betweenChunks(pauseMs = 10): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, pauseMs));
  await yieldToCheckins();
}
