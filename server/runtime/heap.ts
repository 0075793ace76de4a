// How far the server's JavaScript heap may grow past what it still uses before V8 collects it.
// V8 tunes for throughput: after each full collection it lets the old generation grow to up to four
// times what survived, on any host with a few gigabytes free. On a dashboard at a million endpoints
// that growth is garbage, not data: the main thread's heap reached 450 MiB and was still climbing
// through one run of tests/bench/scale.ts while what it used stayed near 200 MiB. Doubling at most
// (MUSTER_HEAP_GROWTH_PERCENT=100) took the server's peak RSS in that run from about 950 to 830 MiB;
// 50 took it to about 710 MiB but cost check-in latency at saturation (p99 about 40 ms against 30).
// The default is V8's own (0) all the same: with 100, a 1,000,000-row inventory import on the
// work thread stopped the event loop for 1,243 and 1,554 ms in two of four runs (tests/bench/stalls.ts;
// 198 and 226 ms in the others), with V8's own 111 and 113 ms; that target is 200 ms, the RSS one 1 GB.
// It is no cap: a heap whose live size grows still gets the room.
import v8 from "node:v8";

/** Sets V8's growing factor to 1 + percent/100 (process-wide: every thread's heap); 0 (the default) leaves V8's own. */
export function limitHeapGrowth(percent: number): void {
  // A node flag given on the command line (node --heap-growing-percent=N) wins.
  if (percent === 0 || process.execArgv.some((a) => /^--heap[-_]growing[-_]percent\b/.test(a))) return;
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
