// This process's name among the app nodes of one deployment (issue 15): random, made once per
// process (kept on globalThis, so Next's bundled copy of this module agrees with the server's)
// and logged once, with the host and process id, when the server starts. Holders of job leases
// (work/lease.ts) are named by it.
import { randomBytes } from "node:crypto";

const KEY = Symbol.for("muster.nodeId");
const store = globalThis as { [KEY]?: string };

export function nodeId(): string {
  store[KEY] ??= randomBytes(8).toString("hex");
  return store[KEY];
}
