// Another app node, as far as notification delivery goes: a process of its own with its own
// connection to the database at argv[2], running the delivery worker (server/notify/worker.ts) on
// its timers with the environment it was given (the relay, MUSTER_NOTIFY_POLL_MS …). Prints "ready"
// once started; on SIGTERM it stops, waits for its sends under way and exits. Tests kill it with
// SIGKILL to leave sends unfinished.
import { getDb } from "~/server/db/client";
import { startNotifier } from "~/server/notify/worker";

const db = getDb(process.argv[2]!);
const notifier = startNotifier(db);
console.log("ready");
process.once("SIGTERM", () => {
  void notifier.idle().then(() => {
    notifier.stop();
    process.exit(0);
  });
});
// Keeps the process alive (the worker's timers are unref'd).
setInterval(() => {}, 60_000);
