// An endpoint's credential as the agent API checks it, and an officer's revoking and re-admitting
// of a machine (revoke.ts): the endpoint row's secret, pending credential and revocation.
import { type Db, isPostgres } from "../db/client";
import { prep } from "../db/sql";

/** The credential of a device: its secret's hash (h) and when it was revoked (r, null: not). */
export type DeviceCredential = { h: string; r: number | null };

export function deviceCredential(db: Db, deviceId: string): DeviceCredential | undefined {
  return prep(db, "select secret_hash as h, revoked_at as r from endpoints where device_id = ?", { keep: true }).get(deviceId) as DeviceCredential | undefined;
}

// The device ids as one JSON array: each engine has its own function to read it as rows.
const MANY_SQLITE = "select device_id as d, secret_hash as h, revoked_at as r from endpoints where device_id in (select value from json_each(?))";
const MANY_PG = "select device_id as d, secret_hash as h, revoked_at as r from endpoints where device_id in (select json_array_elements_text(cast(? as json)))";

/** The credentials of several devices, by device id; unknown ids are absent. */
export function deviceCredentials(db: Db, deviceIds: readonly string[]): Map<string, DeviceCredential> {
  const out = new Map<string, DeviceCredential>();
  if (deviceIds.length === 1) {
    const one = deviceCredential(db, deviceIds[0]!);
    if (one) out.set(deviceIds[0]!, one);
    return out;
  }
  const rows = prep(db, isPostgres(db) ? MANY_PG : MANY_SQLITE, { keep: true }).all(JSON.stringify(deviceIds)) as (DeviceCredential & { d: string })[];
  for (const { d, h, r } of rows) out.set(d, { h, r });
  return out;
}

export type RevokeEndpointRow = { id: number; agencyId: number; deviceId: string; hostname: string; revokedAt: number | null };

export function endpointToRevoke(db: Db, endpointId: number): RevokeEndpointRow | undefined {
  return prep(db, "select id, agency_id as agencyId, device_id as deviceId, hostname, revoked_at as revokedAt from endpoints where id = ?").get(endpointId) as RevokeEndpointRow | undefined;
}

export function setEndpointRevoked(db: Db, revokedAt: number, endpointId: number): void {
  prep(db, "update endpoints set revoked_at = ? where id = ?").run(revokedAt, endpointId);
}

export type AdmitEndpointRow = RevokeEndpointRow & { pendingSecretHash: string | null; pendingAt: number | null };

export function endpointToAdmit(db: Db, endpointId: number): AdmitEndpointRow | undefined {
  return prep(
    db,
    `select id, agency_id as agencyId, device_id as deviceId, hostname, revoked_at as revokedAt, pending_secret_hash as pendingSecretHash, pending_at as pendingAt
       from endpoints where id = ?`,
  ).get(endpointId) as AdmitEndpointRow | undefined;
}

/** The waiting credential becomes the machine's: a new enrollment, its sequence from 1, not revoked. */
export function admitPendingCredential(db: Db, pendingSecretHash: string, endpointId: number): void {
  prep(db, "update endpoints set secret_hash = ?, enrollment = enrollment + 1, last_seq = 0, pending_secret_hash = null, pending_at = null, revoked_at = null where id = ?").run(
    pendingSecretHash,
    endpointId,
  );
}

export function clearEndpointRevoked(db: Db, endpointId: number): void {
  prep(db, "update endpoints set revoked_at = null where id = ?").run(endpointId);
}
