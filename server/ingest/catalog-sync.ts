// At start: when the catalog in force (built-in release plus local overlay) differs from the one the
// stored matches were computed with, re-match every software row and queue a re-evaluation of every
// endpoint (done by the maintenance loop, or at once by `npm run admin -- reevaluate`).
import { effectiveCatalog } from "../catalog/effective";
import type { Db } from "../db/client";
import { markReevaluationPending } from "../reevaluation/reevaluate";
import { getIngestEngine } from "./engine";
import { rematchSoftware } from "../catalog/software";
import { saveCatalogVersion, storedCatalogVersion } from "./store-settings";

export function syncCatalogVersion(db: Db): { previous: string | null; current: string; rematched: number } | null {
  const previous = storedCatalogVersion(db);
  const catalog = effectiveCatalog(db);
  if (previous === catalog.version) return null;
  const rematched = db.$client
    .transaction(() => {
      const changed = rematchSoftware(db, catalog);
      saveCatalogVersion(db, catalog.version);
      if (changed.length) markReevaluationPending(db, { all: true });
      return changed.length;
    })
    .immediate();
  getIngestEngine(db).registry.clear();
  return { previous: previous ?? null, current: catalog.version, rematched };
}
