// Profiling aid for issue 15 (not run by run-all.ts): what a draft report costs the server's main
// thread. Builds the national draft the way /reports/new does (draftReport: the work thread,
// then the draft cache) and prints the size of what crosses from the work thread (the structured
// clone is a V8 serialisation), the process's memory before and after (RSS, split anonymous /
// file-backed, and its high-water mark), the main thread's heap and the build time. The reporting
// date today (the page's default) and one a month back. The process's figures include the work
// thread's SQLite memory (its 16 MiB page cache and in-memory temporary tables; it maps no database
// pages, db/client.ts forBackgroundWork), which a national build raised by about 250 MiB however small
// the draft it returns while the thread mapped the file's first 256 MiB (44 MiB since). Reads only,
// but the app's connection sets pragmas: run it on a copy of the benchmark database.
//   DATABASE_PATH=/tmp/draftmem.db node --expose-gc --require ./server/runtime/preload.cjs --import tsx tests/bench/draft-memory.ts
import fs from "node:fs";
import v8 from "node:v8";
import { ALL } from "../../server/access/scope";
import { getDb } from "../../server/db/client";
import { DAY_MS, dayOf } from "../../server/lib/time";
import { startWorkThread } from "../../server/work/pool";
import { draftReport } from "../../server/work/reports";

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

function memory() {
  gc();
  const s = fs.readFileSync("/proc/self/status", "utf8");
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(s)?.[1] ?? NaN) * 1024;
  return { heap: process.memoryUsage().heapUsed, rss: kb("VmRSS"), peak: kb("VmHWM"), anon: kb("RssAnon"), file: kb("RssFile") + kb("RssShmem") };
}

async function main() {
  const db = getDb();
  const thread = startWorkThread(db.$client.name);
  const kept: unknown[] = [];
  try {
    // The server starts its work thread at boot: measure from a thread that has loaded its code.
    await thread.run("report.data", { id: -1 }).catch(() => {});
    const days = [dayOf(Date.now()), dayOf(Date.now() - 30 * DAY_MS)];
    for (const asOf of days) {
      const before = memory();
      const t0 = performance.now();
      const data = await draftReport(db, ALL, null, asOf);
      const ms = performance.now() - t0;
      kept.push(data); // held, as the draft cache holds it
      const after = memory();
      const bytes = v8.serialize(data).length;
      console.log(`draft of the whole deployment, as of ${asOf}`);
      console.log(`  build (work thread, structured clone back): ${ms.toFixed(0)} ms`);
      console.log(`  crossing to the main thread: ${bytes.toLocaleString("en")} bytes (${mib(bytes)}); agencies ${data.agencies.length}, exceptions ${data.exceptions.length}`);
      console.log(`  main-thread heap held: ${mib(after.heap - before.heap)} (${mib(before.heap)} -> ${mib(after.heap)})`);
      console.log(
        `  process RSS: ${mib(after.rss - before.rss)} rise (${mib(before.rss)} -> ${mib(after.rss)}; anonymous ${mib(after.anon - before.anon)}, file-backed ${mib(after.file - before.file)})`,
      );
      console.log(`  process high-water mark: ${mib(before.peak)} -> ${mib(after.peak)}`);
    }
  } finally {
    await thread.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
