// Applying a change of the local catalog overlay, at once: in one transaction the change is
// written, the overlay revision bumped, every stored software row re-matched with the new catalog,
// the re-evaluation of the endpoints that have a re-matched row recorded as pending, and the change
// audited. After the commit those endpoints are re-evaluated (their state changes without a new
// check-in); a crash in between leaves the pending marker for the maintenance loop.
import type { Actor } from "../audit/log";
import type { AuditAction } from "../audit/actions";
import { recordAudit } from "../audit/log";
import { type Db, inTransaction, mapWholeFile } from "../db/client";
import { rematchSoftware, softwareRegistry } from "../catalog/software";
import { affectedEndpointIds, clearPendingIf, markReevaluationPending, readPending, reevaluateIds, reevaluateIdsAsync, type ReevalStats } from "./reevaluate";
import { effectiveCatalog } from "../catalog/effective";
import { bumpOverlayRevision, overlayRevision, writeCatalogVersion } from "../catalog/store";

export type ReevaluateMode = "sync" | "async" | "none";
export type OverlayChangeResult<T> = { value: T; revision: number; catalogVersion: string; rematched: number; endpoints: number; reevaluation: ReevalStats | null };

/**
 * Runs `change` (which writes the overlay rows and returns what to audit) and everything that
 * follows from it. `reevaluate`: "sync" (CLI, tests), "async" (the server: yields between chunks),
 * "none" (leave it to the maintenance loop).
 */
export async function applyOverlayChange<T>(
  db: Db,
  actor: Actor,
  change: () => { value: T; action: AuditAction; objectId?: string | number; details: Record<string, unknown>; unchanged?: boolean },
  opts: { now?: number; reevaluate?: ReevaluateMode } = {},
): Promise<OverlayChangeResult<T>> {
  const now = opts.now ?? Date.now();
  let marker: string | null = null;
  const done = inTransaction(db, () => {
    const hadPending = readPending(db) !== null;
    const made = change();
    // Nothing written (an import of what is already here): audited, but the catalog stays as it is.
    const revision = made.unchanged ? overlayRevision(db) : bumpOverlayRevision(db);
    const catalog = effectiveCatalog(db);
    const changed = made.unchanged ? [] : rematchSoftware(db, catalog);
    writeCatalogVersion(db, catalog.version);
    if (changed.length) {
      markReevaluationPending(db, { softwareIds: changed });
      if (!hadPending) marker = readPending(db)!.raw;
    }
    const endpoints = changed.length ? affectedEndpointIds(db, { softwareIds: changed }) : [];
    recordAudit(
      db,
      actor,
      {
        action: made.action,
        objectType: "catalog",
        objectId: made.objectId,
        details: { ...made.details, overlayRevision: revision, catalogVersion: catalog.version, softwareRematched: changed.length, endpointsAffected: endpoints.length },
      },
      now,
    );
    return { value: made.value, revision, catalogVersion: catalog.version, rematched: changed.length, endpoints };
  });
  // This process's check-in cache held rows matched with the old catalog.
  const registry = softwareRegistry(db);
  registry.useCatalog(effectiveCatalog(db));
  registry.clear();
  let reevaluation: ReevalStats | null = null;
  if (done.endpoints.length && opts.reevaluate !== "none") {
    const unmap = mapWholeFile(db);
    try {
      reevaluation = opts.reevaluate === "async" ? await reevaluateIdsAsync(db, done.endpoints) : reevaluateIds(db, done.endpoints, now);
    } finally {
      unmap();
    }
    if (marker) clearPendingIf(db, marker);
  }
  return { ...done, endpoints: done.endpoints.length, reevaluation };
}
