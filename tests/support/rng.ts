// The tests' seeded random numbers (a failure reproduces from its seed and case number): the
// fleet's mulberry32 generator, with an `int(n)` in [0, n) as the fuzzers count.
import { createRng } from "~/server/fleet/random";

export function rng(seed: number) {
  const r = createRng(seed);
  return { next: r.next, int: (n: number) => r.int(0, n - 1), pick: r.pick, chance: r.chance };
}
export type Rng = ReturnType<typeof rng>;
