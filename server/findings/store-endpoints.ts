// Endpoints and their present observations as evaluation reads them (one endpoint, or a range of
// ids for bulk re-evaluation), and the state evaluation writes back.
import type { Platform } from "~/agent/shared/protocol";
import type { Db } from "../db/client";
import type { EndpointState } from "../db/schema";
import { inIdArray, prep } from "../db/sql";

/** An endpoint as evaluation needs it. */
export type EvalEndpointRow = { id: number; agencyId: number; osPlatform: Platform; state: EndpointState; lastSeq: number };
/** The same, as an array (EP_COLUMNS order). */
export type RawEvalEndpoint = [number, number, Platform, EndpointState, number];

const EP_COLUMNS = "id, agency_id as agencyId, os_platform as osPlatform, state, last_seq as lastSeq";
const EP_BY_ID = `select ${EP_COLUMNS} from endpoints where id = ?`;

export function evalEndpoint(db: Db, id: number): EvalEndpointRow | undefined {
  return prep(db, EP_BY_ID).get(id) as EvalEndpointRow | undefined;
}

/** The endpoints with these ids, as arrays. All read at once: the caller writes while going through them. */
export function evalEndpointsAmong(db: Db, ids: readonly number[]): RawEvalEndpoint[] {
  return prep(db, `select ${EP_COLUMNS} from endpoints where ${inIdArray(db, "id")}`)
    .raw(true)
    .all(JSON.stringify(ids)) as RawEvalEndpoint[];
}

export function setEndpointState(db: Db, id: number, state: EndpointState, now: number): void {
  prep(db, "update endpoints set state = ?, state_changed_at = ? where id = ?").run(state, now, id);
}

/** An endpoint's agency, if the endpoint exists. */
export function endpointAgency(db: Db, id: number): { id: number; agencyId: number } | undefined {
  return prep(db, "select id, agency_id as agencyId from endpoints where id = ?").get(id) as { id: number; agencyId: number } | undefined;
}

/** An endpoint's present observations as [software id, enabled (1, 0 or null)]. */
export function presentSoftware(db: Db, endpointId: number): [number, number | null][] {
  return prep(db, "select software_id, enabled from observations where endpoint_id = ? and removed_at is null").raw(true).all(endpointId) as [number, number | null][];
}

/** Software rows evaluation can act on: a catalog product, or a Security Center registration. */
export function relevantSoftwareIds(db: Db): number[] {
  return (prep(db, "select id from software where product is not null or source = 'windows-security-center'").raw(true).all() as [number][]).map((r) => r[0]);
}

/** A present observation packed into one number (observationPacking): endpoint, software, enabled. */
export type PackedObservation = number;
export type ObservationPacking = { base: number; unpack: (n: PackedObservation) => [number, number, number | null] };

/**
 * How presentSoftwareAmong packs [endpoint id, software id, enabled] into one number:
 * ((endpoint × base) + software) × 3 + enabled (1; 0 for any other value, so that a stray one cannot
 * spill into the software or endpoint part; 2 for unknown), base above every software id. One
 * number per row, not an array of three, is what makes the bulk read cheap (a million-endpoint
 * pass reads about six million rows). Null when the ids are too large for a safe integer.
 */
export function observationPacking(softwareIds: readonly number[], hi: number): ObservationPacking | null {
  const base = Math.max(0, ...softwareIds) + 1;
  if ((hi + 1) * base * 3 > Number.MAX_SAFE_INTEGER) return null;
  return {
    base,
    unpack: (n) => {
      const enabled = n % 3;
      const rest = (n - enabled) / 3;
      const sid = rest % base;
      return [(rest - sid) / base, sid, enabled === 2 ? null : enabled];
    },
  };
}

/**
 * Present observations of the endpoints `ids` among the software `softwareIds` (non-empty),
 * packed (`packing` from observationPacking for these software ids and the largest endpoint id),
 * all read at once. Read along the primary key (endpoint, slot), the software tested on each row:
 * the software index would find the same rows but then look each one up again for `enabled`.
 * The software ids are inlined, so the text differs from call to call: prepared outside the
 * statement cache.
 */
export function presentSoftwareAmong(db: Db, softwareIds: readonly number[], packing: ObservationPacking, ids: readonly number[]): PackedObservation[] {
  return db.$client
    .prepare(
      `select (cast(endpoint_id as bigint) * ${packing.base} + software_id) * 3 + case when enabled is null then 2 when cast(enabled as integer) = 1 then 1 else 0 end from observations
        where +software_id in (${softwareIds.join(",")}) and ${inIdArray(db, "endpoint_id")} and removed_at is null`,
    )
    .pluck()
    .all(JSON.stringify(ids)) as PackedObservation[];
}
