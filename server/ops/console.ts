// Routes console output (Next's own messages, libraries) into the structured log, so every line
// the server writes is a log record: console.error(err) becomes an error record with the error's
// stack in `err`, console.log("...") an info record.
import { format } from "node:util";
import { getLogger } from "./log";

type Level = "debug" | "info" | "warn" | "error";

function bridge(level: Level) {
  return (...args: unknown[]) => {
    const err = args.find((a): a is Error => a instanceof Error);
    const rest = err ? args.filter((a) => a !== err) : args;
    // Next prefixes its lines with a marker ("⨯", "⚠", "▲"): drop it and the colour codes.
    const msg = format(...rest)
      .replace(/\x1b\[[0-9;]*m/g, "")
      .replace(/^\s*[⨯⚠▲✓○]\s*/u, "")
      .trim();
    getLogger()[level](err ? { err } : {}, msg || err?.message || "");
  };
}

export function routeConsoleToLog(): void {
  console.log = bridge("info");
  console.info = bridge("info");
  console.warn = bridge("warn");
  console.error = bridge("error");
  console.debug = bridge("debug");
}
