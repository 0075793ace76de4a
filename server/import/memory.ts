// A full garbage collection between the devices of a very large import. Applying an export makes
// short-lived objects for every device that V8 promotes and then leaves uncollected until its
// old-space limit, which it sets at several times what is live: a million-row import held about
// 30 MB of live objects but grew the process by 450 MB before V8 looked. Collecting every few tens
// of thousands of devices keeps the process near what it needs, for a few tenths of a second.
import v8 from "node:v8";
import vm from "node:vm";

let collect: (() => void) | null | undefined;

function gcFunction(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    v8.setFlagsFromString("--expose-gc");
    collect = vm.runInNewContext("gc") as () => void;
  } catch {
    collect = null; // not available: V8 collects on its own schedule
  }
  return collect;
}

/** Devices between two collections. */
export const GC_EVERY_DEVICES = 25_000;

export function collectGarbage(): void {
  gcFunction()?.();
}
