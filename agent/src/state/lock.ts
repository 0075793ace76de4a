// One run at a time per state folder (the timer and a technician's manual `run` can overlap).
// The lock file holds the owner's pid; a lock whose process is gone is taken over.
import { openSync, readFileSync, rmSync, writeSync, closeSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock or throws naming the process that holds it. Returns the release function. */
export function acquireLock(file: string): () => void {
  mkdirSync(dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(readFileSync(file, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new Error(`another muster-agent run (pid ${pid}) is using this state folder; wait for it to finish`);
      }
      rmSync(file, { force: true }); // stale lock from a crashed run
    }
  }
  throw new Error(`cannot take the lock ${file}`);
}
