// When an agent enrolls on a machine an import already described, it takes that endpoint over
// instead of duplicating it: the same hardware id finds it (a Mac whose UUID the tool gave), else
// the one endpoint of the agency with the same hostname that only imports ever reported for.
// Enrollment (ingest/) asks; import matching (import/match.ts) uses the same hostname rule.
import type { Db } from "../db/client";
import { importedEndpointsNamed } from "./store-enroll";

/** "PC-01.justice.local" and "pc-01" are the same name. */
export function normaliseHostname(h: string): string {
  const t = h.trim().toLowerCase();
  return /^\d+\.\d+\.\d+\.\d+$/.test(t) ? t : t.split(".")[0]!;
}

/** The imported endpoint an enrolling agent with this hostname takes over, if exactly one fits. */
export function importedEndpointToAdopt(db: Db, agencyId: number, hostname: string): number | undefined {
  const short = normaliseHostname(hostname);
  if (!short) return undefined;
  const ids = importedEndpointsNamed(db, agencyId, short);
  return ids.length === 1 ? ids[0] : undefined;
}
