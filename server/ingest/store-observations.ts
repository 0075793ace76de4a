// An endpoint's observations (one row per software slot it reported) and its product timeline
// (endpoint_events). Hot path (the check-in diff): cached statements, the observation read raw.
import type { Db } from "../db/client";
import { prep } from "../db/sql";

/** One observation as a positional row (raw: no object per row on the hot path). */
export type ObservationRow = [slot: number, softwareId: number, enabled: number | null, upToDate: number | null, removedAt: number | null];

export function observationsOf(db: Db, endpointId: number): ObservationRow[] {
  return prep(db, "select slot, software_id, enabled, up_to_date, removed_at from observations where endpoint_id = ?", { keep: true }).raw(true).all(endpointId) as ObservationRow[];
}

export function insertObservation(db: Db, endpointId: number, slot: number, softwareId: number, enabled: number | null, upToDate: number | null, firstSeenAt: number): void {
  prep(db, "insert into observations (endpoint_id, slot, software_id, enabled, up_to_date, first_seen_at) values (?, ?, ?, ?, ?, ?)", { keep: true }).run(
    endpointId,
    slot,
    softwareId,
    enabled,
    upToDate,
    firstSeenAt,
  );
}

/** A removed entry seen again: present once more, one more reinstall. */
export function reinstateObservation(db: Db, softwareId: number, enabled: number | null, upToDate: number | null, endpointId: number, slot: number): void {
  prep(db, "update observations set software_id = ?, enabled = ?, up_to_date = ?, removed_at = null, last_seen_at = null, reinstalls = reinstalls + 1 where endpoint_id = ? and slot = ?").run(
    softwareId,
    enabled,
    upToDate,
    endpointId,
    slot,
  );
}

export function updateObservation(db: Db, softwareId: number, enabled: number | null, upToDate: number | null, endpointId: number, slot: number): void {
  prep(db, "update observations set software_id = ?, enabled = ?, up_to_date = ? where endpoint_id = ? and slot = ?", { keep: true }).run(softwareId, enabled, upToDate, endpointId, slot);
}

/** A verified removal: gone at `removedAt`, last seen at `lastSeenAt`. */
export function markObservationRemoved(db: Db, removedAt: number, lastSeenAt: number, endpointId: number, slot: number): void {
  prep(db, "update observations set removed_at = ?, last_seen_at = ? where endpoint_id = ? and slot = ?", { keep: true }).run(removedAt, lastSeenAt, endpointId, slot);
}

export function insertEndpointEvent(db: Db, endpointId: number, at: number, kind: string, vendor: string, product: string, version: string | null, seq: number | null): void {
  prep(db, "insert into endpoint_events (endpoint_id, at, kind, vendor, product, version, seq) values (?, ?, ?, ?, ?, ?, ?)").run(endpointId, at, kind, vendor, product, version, seq);
}
