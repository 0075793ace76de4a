// Another app node writing digests: a process of its own with its own connection to the database at
// argv[2], which waits until the time argv[4] (ms since the epoch, so several such processes start
// together), then runs one digest pass (server/notify/schedule.ts writeDigests) as at the time
// argv[3], with the notification settings of its environment. Prints one JSON line: what it wrote.
import { notifyConfig } from "~/server/config";
import { getDb } from "~/server/db/client";
import { writeDigests } from "~/server/notify/schedule";

const [file, now, startAt] = process.argv.slice(2);
const db = getDb(file!);
// The project's scripts load as CommonJS (no top-level await): a timer, then the pass.
setTimeout(() => console.log(JSON.stringify(writeDigests(db, Number(now), notifyConfig()))), Math.max(0, Number(startAt) - Date.now()));
