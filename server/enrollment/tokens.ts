// Enrollment tokens: shown once, stored hashed, scoped to one agency, expiring and
// limited in uses. Agents exchange them for a device credential (see server/ingest).
import { z } from "zod";
import { type Actor, recordAudit } from "../audit/log";
import { type Db, inTransaction } from "../db/client";
import { randomSecret, sha256Hex } from "../lib/crypto";
import { badRequest, notFound } from "../lib/errors";
import { assertInScope, type Scope } from "../access/scope";
import { insertToken, setTokenRevoked, tokenAgency, tokenById, tokensWithAgency } from "./store";

export const TOKEN_PREFIX = "mst_enr_";
const MAX_LIFETIME_MS = 366 * 86_400_000;

export const ZCreateTokenSchema = z.object({
  agencyId: z.number().int().positive(),
  label: z.string().trim().max(120).optional(),
  expiresInMs: z
    .number()
    .int()
    .positive()
    .max(MAX_LIFETIME_MS, "errors.atMostOneYear")
    .default(7 * 86_400_000),
  maxUses: z.number().int().positive().max(1_000_000).nullable().optional(),
});

export type TokenStatus = "active" | "expired" | "exhausted" | "revoked";

export function tokenStatus(t: { revokedAt: number | null; expiresAt: number | null; maxUses: number | null; uses: number }, now = Date.now()): TokenStatus {
  if (t.revokedAt !== null) return "revoked";
  if (t.expiresAt !== null && t.expiresAt <= now) return "expired";
  if (t.maxUses !== null && t.uses >= t.maxUses) return "exhausted";
  return "active";
}

/** Returns the token in clear exactly once. */
export function createToken(db: Db, actor: Actor, scope: Scope, input: z.input<typeof ZCreateTokenSchema>, now = Date.now()) {
  const data = ZCreateTokenSchema.parse(input);
  assertInScope(scope, data.agencyId);
  return inTransaction(db, () => {
    const agency = tokenAgency(db, data.agencyId);
    if (!agency) throw badRequest("errors.noSuchAgency");
    const token = randomSecret(TOKEN_PREFIX, 24);
    const row = insertToken(db, {
      agencyId: agency.id,
      tokenHash: sha256Hex(token),
      tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 6),
      label: data.label || null,
      createdBy: actor.userId,
      createdAt: now,
      expiresAt: now + data.expiresInMs,
      maxUses: data.maxUses ?? null,
    });
    recordAudit(
      db,
      actor,
      {
        action: "token.create",
        objectType: "enrollment_token",
        objectId: row.id,
        agencyId: agency.id,
        details: { agency: agency.code, prefix: row.tokenPrefix, expiresAt: row.expiresAt, maxUses: row.maxUses },
      },
      now,
    );
    return { token, row, agency };
  });
}

export function listTokens(db: Db, scope: Scope) {
  const rows = tokensWithAgency(db, scope.kind === "all" ? null : scope.ids);
  const now = Date.now();
  return rows.map((r) => ({ ...r, status: tokenStatus(r, now) }));
}

export function revokeToken(db: Db, actor: Actor, scope: Scope, id: number) {
  return inTransaction(db, () => {
    const row = tokenById(db, id);
    if (!row) throw notFound("errors.tokenNotFound");
    assertInScope(scope, row.agencyId);
    if (row.revokedAt !== null) return row;
    const after = setTokenRevoked(db, id, Date.now());
    recordAudit(db, actor, {
      action: "token.revoke",
      objectType: "enrollment_token",
      objectId: id,
      agencyId: row.agencyId,
      details: { prefix: row.tokenPrefix },
    });
    return after;
  });
}
