// The server's log: pino, one JSON object a line (level, time, msg and fields) for log collectors,
// or short readable lines in development (MUSTER_LOG_FORMAT). One logger per process, shared
// through globalThis by the custom server and Next's bundled routes. What is logged is chosen
// field by field (never whole requests or bodies); the redact list is a second line of defence.
import pino, { type Logger } from "pino";
import { config } from "../config";

/** Fields that must never reach a log, whoever logs an object carrying them. */
const REDACT = [
  "password",
  "secret",
  "token",
  "deviceSecret",
  "enrollToken",
  "authorization",
  "cookie",
  "*.password",
  "*.secret",
  "*.token",
  "*.deviceSecret",
  "*.enrollToken",
  "*.authorization",
  "*.cookie",
  "headers.authorization",
  "headers.cookie",
];

const LEVEL_NAMES: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };
const HIDDEN = new Set(["level", "time", "msg", "pid", "hostname", "err"]);

/** Development output: `12:00:01 INFO  msg key=value`, the stack of an error below it. */
export function prettyLine(json: string): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = new Date(Number(o.time)).toISOString().slice(11, 19);
  const level = (LEVEL_NAMES[Number(o.level)] ?? String(o.level)).padEnd(5);
  const fields = Object.entries(o)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ");
  const err = o.err as { stack?: string; message?: string } | undefined;
  return `${time} ${level} ${o.msg ?? ""}${fields ? ` ${fields}` : ""}${err ? `\n  ${err.stack ?? err.message}` : ""}\n`;
}

type Destination = { write: (line: string) => void };

function createDestination(): Destination {
  if (config.logFormat === "pretty") return { write: (line: string) => void process.stdout.write(prettyLine(line)) };
  // Asynchronous, buffered writes: lines go out 4 KiB at a time, and at least every 100 ms, so a
  // line per check-in stays cheap under load (a write each cost about 9 us on the event loop at
  // 3,500 check-ins/s). flushLog() writes the rest before an exit; pino writes it on a crash.
  const dest = pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 100 });
  g.__musterLogFlush = () => new Promise<void>((resolve) => dest.flush(() => resolve()));
  return dest;
}

const g = globalThis as unknown as { __musterLog?: Logger; __musterAccessLog?: Logger; __musterLogDest?: Destination; __musterLogFlush?: () => Promise<void> };

function destination(): Destination {
  return (g.__musterLogDest ??= createDestination());
}

export function getLogger(): Logger {
  return (g.__musterLog ??= pino({ level: config.logLevel, base: undefined, redact: { paths: REDACT, censor: "[redacted]" } }, destination()));
}

/**
 * The access log (ops/requests.ts): the same output, without the redact pass. Its lines are built
 * field by field from values that cannot hold a secret (method, path without the query, status,
 * duration, address, device id), and redaction copied each of them: a third of the line's cost, a
 * line for every check-in.
 */
export function getAccessLogger(): Logger {
  return (g.__musterAccessLog ??= pino({ level: config.logLevel, base: undefined }, destination()));
}

/** Writes out what the asynchronous destination still holds (before exit; at most a second). */
export async function flushLog(): Promise<void> {
  const flush = g.__musterLogFlush;
  if (!flush) return;
  await Promise.race([flush().catch(() => {}), new Promise((r) => setTimeout(r, 1000).unref())]);
}

export const log = {
  debug: (obj: object, msg: string) => getLogger().debug(obj, msg),
  info: (obj: object, msg: string) => getLogger().info(obj, msg),
  warn: (obj: object, msg: string) => getLogger().warn(obj, msg),
  error: (obj: object, msg: string) => getLogger().error(obj, msg),
};
