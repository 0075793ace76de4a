// Enrollment: an agent trades an enrollment token for a device credential. The token is looked up
// by its SHA-256 and checked (expiry, uses, revocation) in the same transaction that uses it. The
// endpoint is created in the token's agency, or reused when the same hardwareId is already
// enrolled there (reinstalling an agent never duplicates a machine): its secret is rotated, its
// sequence restarts and a revocation is lifted (enrolling again requires a valid token).
import { randomBytes } from "node:crypto";
import { type Actor, recordAudit } from "../audit/log";
import { type Db, inTransaction } from "../db/client";
import { tokenStatus } from "../enrollment/tokens";
import { applyDeltas, CounterDeltas } from "../findings/counters";
import { randomSecret, sha256Hex } from "../lib/crypto";
import type { EnrollInput } from "./schemas";
import { prep } from "./sql";

export const DEVICE_SECRET_PREFIX = "mst_dev_";
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** "dev_" + 20 base32 characters (100 random bits): opaque, never the row id. */
export function newDeviceId(): string {
  const bytes = randomBytes(20);
  let out = "dev_";
  for (let i = 0; i < 20; i++) out += BASE32[bytes[i]! & 31];
  return out;
}

export class EnrollRejected extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly code: "token_invalid" | "token_expired" | "token_exhausted" | "token_revoked",
    message: string,
  ) {
    super(message);
  }
}

export type EnrollResult = { deviceId: string; deviceSecret: string; endpointId: number; agencyId: number; reused: boolean };

type TokenRow = { id: number; agencyId: number; tokenPrefix: string; revokedAt: number | null; expiresAt: number | null; maxUses: number | null; uses: number };

export function enrollDevice(db: Db, input: EnrollInput, ctx: { ip?: string | null; now?: number } = {}): EnrollResult {
  const now = ctx.now ?? Date.now();
  return inTransaction(db, () => {
    const token = prep(
      db,
      `select id, agency_id as agencyId, token_prefix as tokenPrefix, revoked_at as revokedAt, expires_at as expiresAt, max_uses as maxUses, uses
       from enrollment_tokens where token_hash = ?`,
    ).get(sha256Hex(input.enrollToken)) as TokenRow | undefined;
    if (!token) throw new EnrollRejected(401, "token_invalid", "Unknown enrollment token");
    const status = tokenStatus(token, now);
    if (status === "expired") throw new EnrollRejected(403, "token_expired", "This enrollment token has expired");
    if (status === "exhausted") throw new EnrollRejected(403, "token_exhausted", "This enrollment token has been used as many times as allowed");
    if (status === "revoked") throw new EnrollRejected(403, "token_revoked", "This enrollment token was revoked");

    const secret = randomSecret(DEVICE_SECRET_PREFIX, 32);
    const secretHash = sha256Hex(secret);
    const existing = prep(db, "select id, device_id as deviceId, last_seq as lastSeq, revoked_at as revokedAt from endpoints where agency_id = ? and hardware_id = ?").get(
      token.agencyId,
      input.hardwareId,
    ) as { id: number; deviceId: string; lastSeq: number; revokedAt: number | null } | undefined;

    let endpointId: number;
    let deviceId: string;
    let dropped = 0;
    if (existing) {
      endpointId = existing.id;
      deviceId = existing.deviceId;
      prep(
        db,
        `update endpoints set secret_hash = ?, last_seq = 0, revoked_at = null, hostname = ?, os_platform = ?, os_name = ?, os_version = ?, os_arch = ?,
           agent_version = ?, enrollment_token_id = ? where id = ?`,
      ).run(secretHash, input.hostname, input.os.platform, input.os.name, input.os.version, input.os.arch, input.agentVersion, token.id, endpointId);
      // The agent starts again at seq 1: check-in records keyed by the old sequence give way.
      dropped = prep(db, "delete from checkins where endpoint_id = ?").run(endpointId).changes;
    } else {
      deviceId = newDeviceId();
      endpointId = Number(
        prep(
          db,
          `insert into endpoints (device_id, agency_id, hostname, os_platform, os_name, os_version, os_arch, agent_version, hardware_id, secret_hash,
             enrolled_at, enrollment_token_id, state, state_changed_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'never-reported', ?)`,
        ).run(deviceId, token.agencyId, input.hostname, input.os.platform, input.os.name, input.os.version, input.os.arch, input.agentVersion,
          input.hardwareId, secretHash, now, token.id, now).lastInsertRowid,
      );
      const deltas = new CounterDeltas();
      deltas.add(token.agencyId, now, "endpoints", 1);
      deltas.add(token.agencyId, now, "neverReported", 1);
      applyDeltas(db, deltas);
    }
    prep(db, "update enrollment_tokens set uses = uses + 1, last_used_at = ? where id = ?").run(now, token.id);
    const actor: Actor = { userId: null, label: `agent:${deviceId}`, ip: ctx.ip ?? null };
    recordAudit(
      db,
      actor,
      {
        action: "endpoint.enroll",
        objectType: "endpoint",
        objectId: endpointId,
        agencyId: token.agencyId,
        details: {
          deviceId,
          hostname: input.hostname,
          platform: input.os.platform,
          token: token.tokenPrefix,
          reused: !!existing,
          ...(existing ? { previousLastSeq: existing.lastSeq, checkinsDropped: dropped, wasRevoked: existing.revokedAt !== null } : {}),
        },
      },
      now,
    );
    return { deviceId, deviceSecret: secret, endpointId, agencyId: token.agencyId, reused: !!existing };
  });
}
