// What the PostgreSQL schema's columns share. The type mapping from the SQLite schema
// (server/db/schema/) is the same in every table; drizzle/pg/README.md says why:
// - ids (identity), references to them, timestamps (ms since the epoch), sequence numbers,
//   hashes and byte sizes: bigint, read as a JS number (every value stays below 2^53);
// - counters and small numbers the server bounds itself: integer;
// - SQLite's integer 0/1 booleans (Drizzle's mode "boolean"): boolean;
// - text stays text, JSON included (the app stores and hashes JSON as written).
import { sql } from "drizzle-orm";

/** The default of the SQLite schema's `(unixepoch() * 1000)`: now, in milliseconds since the epoch. */
export const nowMs = sql`((extract(epoch from now()) * 1000)::bigint)`;
