// At start: when the built-in catalog differs from the one the stored matches were computed with,
// re-match every software row and queue a re-evaluation of every endpoint (done by the maintenance
// loop, or at once by `npm run admin -- reevaluate`).
import { BUILTIN_CATALOG } from "~/agent/src/catalog";
import type { Db } from "../db/client";
import { markReevaluationPending } from "../policy/reevaluate";
import { getIngestEngine } from "./engine";
import { rematchSoftware } from "./software";
import { prep } from "./sql";

export function syncCatalogVersion(db: Db): { previous: string | null; current: string; rematched: number } | null {
  const row = prep(db, "select value from settings where key = 'catalog_version'").get() as { value: string } | undefined;
  if (row?.value === BUILTIN_CATALOG.version) return null;
  const rematched = db.$client
    .transaction(() => {
      const changed = rematchSoftware(db);
      prep(db, "insert into settings (key, value) values ('catalog_version', ?) on conflict (key) do update set value = excluded.value").run(BUILTIN_CATALOG.version);
      if (changed.length) markReevaluationPending(db, { all: true });
      return changed.length;
    })
    .immediate();
  getIngestEngine(db).registry.clear();
  return { previous: row?.value ?? null, current: BUILTIN_CATALOG.version, rematched };
}
