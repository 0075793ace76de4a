// Helpers for the operations tests: the server's log as records, waiting for a process to end, and
// a database that refuses the server's writes.
import { type ChildProcess, execFileSync } from "node:child_process";
import { isPostgresUrl } from "~/server/db/client";
import { refusePgWrites } from "./db";

export type LogRecord = { level: number; time: number; msg: string; [key: string]: unknown };

/** Every line of a server's output parsed as a JSON log record (a line that is not JSON throws). */
export function logRecords(output: string): LogRecord[] {
  return output
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((line) => {
      try {
        return JSON.parse(line) as LogRecord;
      } catch {
        throw new Error(`not a JSON log line: ${line.slice(0, 300)}`);
      }
    });
}

/** Resolves with the exit code (or the signal's name) once the process has ended. */
export function exited(proc: ChildProcess): Promise<number | string> {
  if (proc.exitCode !== null) return Promise.resolve(proc.exitCode);
  if (proc.signalCode !== null) return Promise.resolve(proc.signalCode);
  return new Promise((resolve) => proc.once("exit", (code, signal) => resolve(code ?? signal ?? -1)));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Makes every write of the server (process `pid`) on its database fail until the returned undo is
 * called: SQLite's disk fault is the process's file size limit set to 0 (prlimit), so each write
 * fails with EFBIG (SQLITE_IOERR_WRITE) as on a full or failing disk; PostgreSQL's is the database
 * turned read-only under it (refusePgWrites).
 */
export function refuseWrites(pid: number, location: string): () => void {
  if (isPostgresUrl(location)) return refusePgWrites(location);
  execFileSync("prlimit", ["--pid", String(pid), "--fsize=0:"]);
  return () => execFileSync("prlimit", ["--pid", String(pid), "--fsize=unlimited:"]);
}
