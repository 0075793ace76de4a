// Helpers for the operations tests: the server's log as records, and waiting for a process to end.
import type { ChildProcess } from "node:child_process";

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
