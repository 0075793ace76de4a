// The agency tree as scopes read it: an agency's path, and the ids of every agency under a path
// (an agency and its descendants).
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { agencies } from "../db/schema";

export function agencyPath(db: Db, agencyId: number): string | undefined {
  return db.select({ path: agencies.path }).from(agencies).where(eq(agencies.id, agencyId)).get()?.path;
}

/** Ids of the agencies whose path starts with `path`, ascending. */
export function agencyIdsUnder(db: Db, path: string): number[] {
  const rows = db.$client.prepare("select id from agencies where substr(path, 1, ?) = ? order by id").all(path.length, path) as { id: number }[];
  return rows.map((r) => r.id);
}
