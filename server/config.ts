// Deployment settings, read once from the environment.
import path from "node:path";

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return n;
}

export function databasePath(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATABASE_PATH || "./data/muster.db");
}

/** Folder beside the database for the generated auth secret and other deployment state. */
export function dataDir(): string {
  return path.dirname(databasePath());
}

export const config = {
  get staleDays() {
    return intFromEnv("MUSTER_STALE_DAYS", 7);
  },
  get checkinIntervalSeconds() {
    return intFromEnv("MUSTER_CHECKIN_INTERVAL", 3600);
  },
  get port() {
    return intFromEnv("PORT", 3000);
  },
};
