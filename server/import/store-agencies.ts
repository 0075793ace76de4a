// Data access for the agencies as the import pages name them: the row a token is scoped to, and
// the code and name an import is listed with.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { agencies } from "../db/schema";
import { prep } from "../db/sql";

export type AgencyRow = typeof agencies.$inferSelect;

export function agencyById(db: Db, id: number): AgencyRow | undefined {
  return db.select().from(agencies).where(eq(agencies.id, id)).get();
}

export function agencyCodeAndName(db: Db, id: number): { code: string; name: string } | undefined {
  return prep(db, "select code, name from agencies where id = ?").get(id) as { code: string; name: string } | undefined;
}
