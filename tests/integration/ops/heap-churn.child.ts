// Run by heap-growth.test.ts in a process of its own: applies limitHeapGrowth(argv[2]) as the server
// does at start, keeps a fixed live set and churns garbage that outlives a few scavenges (as the
// rows of a page render do), then prints the heap's largest total size.
import v8 from "node:v8";
import { limitHeapGrowth } from "../../../server/runtime/heap";

limitHeapGrowth(Number(process.argv[2]));
const live: { i: number; s: string }[] = [];
for (let i = 0; i < 200_000; i++) live.push({ i, s: `${"x".repeat(150)}${i}` });
let peak = 0;
const recent: unknown[] = [];
for (let round = 0; round < 250; round++) {
  recent.push(Array.from({ length: 10_000 }, (_, j) => ({ j, s: `${"y".repeat(100)}${j}:${round}` })));
  if (recent.length > 10) recent.shift();
  peak = Math.max(peak, v8.getHeapStatistics().total_heap_size);
}
console.log(JSON.stringify({ peakMiB: peak / 1024 ** 2, live: live.length }));
