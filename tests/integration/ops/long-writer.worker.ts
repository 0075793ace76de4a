// A long writer on a thread of its own, as the work thread's re-evaluation is: transactions of
// `holdMs` each on its own connection, back to back (a loaded machine can leave the event loop
// unscheduled through any pause), with `turns`: a turn for waiting check-ins (db/write-turn.ts)
// before taking the lock again. Stops when the `stop` flag is raised; posts how many transactions it committed.
import Database from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";
import { adoptWriteTurn, yieldToCheckins } from "../../../server/db/write-turn";

const { file, holdMs, turns, writeTurn, stop } = workerData as { file: string; holdMs: number; turns: boolean; writeTurn: SharedArrayBuffer; stop: SharedArrayBuffer };
adoptWriteTurn(writeTurn);
const db = new Database(file);
db.pragma("busy_timeout = 5000");
const pause = new Int32Array(new SharedArrayBuffer(4));
const stopped = new Int32Array(stop);

void (async () => {
  let commits = 0;
  parentPort!.postMessage({ started: true });
  while (Atomics.load(stopped, 0) === 0) {
    db.exec("begin immediate");
    db.prepare("insert into settings (key, value) values ('long-writer', ?) on conflict (key) do update set value = excluded.value").run(String(commits));
    Atomics.wait(pause, 0, 0, holdMs); // busy inside the transaction, as a chunk is
    db.exec("commit");
    commits++;
    if (turns) await yieldToCheckins();
  }
  db.close();
  parentPort!.postMessage({ commits });
})();
