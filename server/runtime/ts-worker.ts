// A worker thread running one of our TypeScript entry points. Worker threads do not inherit tsx's
// loader hooks: the thread registers tsx's CommonJS hook (and the server-only shim) itself, then
// loads the entry. Paths are taken from the project root, so this works from the custom server
// wherever the caller's own module lives.
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";

const BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
require(workerData.preload);
require(workerData.tsx).register();
require(workerData.entry);
`;

/** Starts `entry` (a path relative to the project root) in a thread; `data` arrives as workerData. */
export function startTsWorker(entry: string, data: Record<string, unknown>): Worker {
  const root = process.cwd();
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: {
      ...data,
      entry: path.join(root, entry),
      preload: path.join(root, "server", "runtime", "preload.cjs"),
      tsx: createRequire(path.join(root, "package.json")).resolve("tsx/cjs/api"),
    },
  });
}
