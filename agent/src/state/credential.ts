// The device credential from enrollment. Readable by its owner only: the secret is the device's
// identity towards the server.
import { chmodSync, readFileSync } from "node:fs";
import { writeJsonAtomic } from "../lib/atomic-fs";

export type Credential = {
  server: string; // base URL, no trailing slash
  deviceId: string;
  deviceSecret: string;
  enrolledAt: string;
  checkinIntervalSeconds?: number;
  /** Extra CA bundle given at enrollment, used by every later run. */
  caFile?: string;
  /** Proxy given at enrollment (--proxy), used when the environment names none. */
  proxy?: string;
};

export function readCredential(file: string): Credential | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`cannot read ${file}: ${(err as Error).message} (run as the user that enrolled, usually root)`);
  }
  const c = JSON.parse(text) as Partial<Credential>;
  if (typeof c.server !== "string" || typeof c.deviceId !== "string" || typeof c.deviceSecret !== "string") {
    throw new Error(`${file} is incomplete: enroll again with \`enroll --server URL --token TOKEN\``);
  }
  return c as Credential;
}

export function writeCredential(file: string, c: Credential): void {
  writeJsonAtomic(file, c, 0o600);
  chmodSync(file, 0o600); // rename keeps the temp file's mode; this covers umask-widened modes too
}
