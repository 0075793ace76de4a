// At start: when the catalog in force (built-in release plus local overlay) differs from the one the
// stored matches were computed with, re-match every software row and queue a re-evaluation of every
// endpoint (done by the maintenance loop, or at once by `npm run admin -- reevaluate`).
import { effectiveCatalog } from "../catalog/effective";
import type { Db } from "../db/client";
import { markReevaluationPending } from "../policy/reevaluate";
import { getIngestEngine } from "./engine";
import { rematchSoftware } from "../catalog/software";
import { prep } from "../db/sql";

export function syncCatalogVersion(db: Db): { previous: string | null; current: string; rematched: number } | null {
  const row = prep(db, "select value from settings where key = 'catalog_version'").get() as { value: string } | undefined;
  const catalog = effectiveCatalog(db);
  if (row?.value === catalog.version) return null;
  const rematched = db.$client
    .transaction(() => {
      const changed = rematchSoftware(db, catalog);
      prep(db, "insert into settings (key, value) values ('catalog_version', ?) on conflict (key) do update set value = excluded.value").run(catalog.version);
      if (changed.length) markReevaluationPending(db, { all: true });
      return changed.length;
    })
    .immediate();
  getIngestEngine(db).registry.clear();
  return { previous: row?.value ?? null, current: catalog.version, rematched };
}
