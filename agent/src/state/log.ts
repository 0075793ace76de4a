// A small rotating log in the state folder: agent.log up to MAX_BYTES, then it becomes agent.log.1.
// Logging never throws: a read-only state folder must not stop a scan.
import { appendFileSync, mkdirSync, renameSync, statSync } from "node:fs";
import { dirname } from "node:path";

export const LOG_MAX_BYTES = 512 * 1024;

export type Level = "info" | "warn" | "error";
export type Logger = { info(msg: string): void; warn(msg: string): void; error(msg: string): void };

export function createLogger(file: string | null, options: { echo?: (level: Level, msg: string) => void; maxBytes?: number } = {}): Logger {
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
  const write = (level: Level, msg: string) => {
    options.echo?.(level, msg);
    if (!file) return;
    try {
      mkdirSync(dirname(file), { recursive: true });
      try {
        if (statSync(file).size > maxBytes) renameSync(file, `${file}.1`);
      } catch {
        // no log yet
      }
      appendFileSync(file, `${new Date().toISOString()} ${level.toUpperCase()} ${msg.replace(/\s*\n\s*/g, " ")}\n`, { mode: 0o600 });
    } catch {
      // the log is a convenience, not a requirement
    }
  };
  return { info: (m) => write("info", m), warn: (m) => write("warn", m), error: (m) => write("error", m) };
}
