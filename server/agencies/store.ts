// The agencies table and each agency's counters row as the agency service writes them: found by
// code or id, created (then placed in the tree by its path), renamed, listed in path order.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { agencies, agencyCounts } from "../db/schema";

export type AgencyRow = typeof agencies.$inferSelect;

/** By the code as stored (upper case). */
export function agencyByCode(db: Db, code: string): AgencyRow | undefined {
  return db.select().from(agencies).where(eq(agencies.code, code)).get();
}

export function agencyIdByCode(db: Db, code: string): { id: number } | undefined {
  return db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, code)).get();
}

export function agencyById(db: Db, id: number): AgencyRow | undefined {
  return db.select().from(agencies).where(eq(agencies.id, id)).get();
}

export function insertAgency(db: Db, values: { code: string; name: string; parentId: number | null; deadline: string | null }): AgencyRow {
  return db.insert(agencies).values(values).returning().get();
}

/** Where the agency sits in the tree (its path is made of its ancestors' ids and its own). */
export function placeAgency(db: Db, id: number, path: string, depth: number): void {
  db.update(agencies).set({ path, depth }).where(eq(agencies.id, id)).run();
}

export function insertAgencyCounts(db: Db, agencyId: number): void {
  db.insert(agencyCounts).values({ agencyId }).run();
}

export function updateAgencyRow(db: Db, id: number, patch: Partial<AgencyRow>): AgencyRow {
  return db.update(agencies).set(patch).where(eq(agencies.id, id)).returning().get();
}

export function agenciesInPathOrder(db: Db): AgencyRow[] {
  return db.select().from(agencies).orderBy(asc(agencies.path)).all();
}
