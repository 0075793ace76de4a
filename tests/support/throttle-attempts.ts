// A second node, as far as sign-in throttling goes: a process of its own with its own connection to
// the database at argv[2], which waits until the time argv[6] (ms since the epoch, so several such
// processes start together), then makes argv[5] sign-in attempts from address argv[4], for the
// accounts argv[3] (comma-separated, taken in turn), exactly as the credentials provider does (auth/throttle.ts beginAttempt: counted before the
// password check). Prints one JSON line: what each attempt was told.
import { beginAttempt, attemptKeys } from "~/server/auth/throttle";
import { getDb } from "~/server/db/client";

const [file, emails, ip, count, startAt] = process.argv.slice(2);
const db = getDb(file!);
const accounts = emails!.split(",");
// The project's scripts load as CommonJS (no top-level await): a timer, then the attempts.
setTimeout(
  () => {
    const results = [];
    for (let i = 0; i < Number(count); i++) results.push(beginAttempt(db, attemptKeys(accounts[i % accounts.length]!, ip!)));
    console.log(JSON.stringify(results));
  },
  Math.max(0, Number(startAt) - Date.now()),
);
