// Import tokens: what a scheduled script presents to push one agency's inventories
// (POST /api/import/v1/inventory). Like enrollment tokens: shown once, stored as a SHA-256,
// scoped to one agency, expiring, revocable, every change audited.
import { z } from "zod";
import { assertInScope, type Scope } from "../access/scope";
import { type Actor, recordAudit } from "../audit/log";
import { type Db, inTransaction } from "../db/client";
import { tokenStatus } from "../enrollment/tokens";
import { randomSecret, sha256Hex } from "../lib/crypto";
import { badRequest, MusterError, notFound } from "../lib/errors";
import { agencyById } from "./store-agencies";
import { importTokenByHash, importTokenById, insertImportToken, listImportTokenRows, recordImportTokenUse, revokeImportTokenRow } from "./store-tokens";

export const IMPORT_TOKEN_PREFIX = "mst_imp_";
const DAY = 86_400_000;

export const ZCreateImportTokenSchema = z.object({
  agencyId: z.number().int().positive(),
  label: z.string().trim().max(120).optional(),
  expiresInMs: z
    .number()
    .int()
    .positive()
    .max(366 * DAY, "errors.atMostOneYear")
    .default(90 * DAY),
});

/** Returns the token in clear exactly once. */
export function createImportToken(db: Db, actor: Actor, scope: Scope, input: z.input<typeof ZCreateImportTokenSchema>) {
  const data = ZCreateImportTokenSchema.parse(input);
  assertInScope(scope, data.agencyId);
  return inTransaction(db, () => {
    const agency = agencyById(db, data.agencyId);
    if (!agency) throw badRequest("errors.noSuchAgency");
    const token = randomSecret(IMPORT_TOKEN_PREFIX, 24);
    const now = Date.now();
    const row = insertImportToken(db, {
      agencyId: agency.id,
      tokenHash: sha256Hex(token),
      tokenPrefix: token.slice(0, IMPORT_TOKEN_PREFIX.length + 6),
      label: data.label || null,
      createdBy: actor.userId,
      createdAt: now,
      expiresAt: now + data.expiresInMs,
    });
    recordAudit(db, actor, {
      action: "import_token.create",
      objectType: "import_token",
      objectId: row.id,
      agencyId: agency.id,
      details: { agency: agency.code, prefix: row.tokenPrefix, expiresAt: row.expiresAt },
    });
    return { token, row, agency };
  });
}

export function listImportTokens(db: Db, scope: Scope) {
  const rows = listImportTokenRows(db, scope.kind === "all" ? null : scope.ids);
  const now = Date.now();
  return rows.map((r) => ({ ...r, status: tokenStatus({ ...r, maxUses: null }, now) as "active" | "expired" | "revoked" }));
}

export function revokeImportToken(db: Db, actor: Actor, scope: Scope, id: number) {
  return inTransaction(db, () => {
    const row = importTokenById(db, id);
    if (!row) throw notFound("errors.importTokenNotFound");
    assertInScope(scope, row.agencyId);
    if (row.revokedAt !== null) return row;
    const after = revokeImportTokenRow(db, id, Date.now());
    recordAudit(db, actor, { action: "import_token.revoke", objectType: "import_token", objectId: id, agencyId: row.agencyId, details: { prefix: row.tokenPrefix } });
    return after ?? row;
  });
}

/** The token's agency when it may push now (and counts the use); throws 401/403 otherwise. */
export function useImportToken(db: Db, token: string, now = Date.now()): { id: number; agencyId: number; prefix: string } {
  return inTransaction(db, () => {
    const row = importTokenByHash(db, sha256Hex(token));
    if (!row) throw new MusterError("UNAUTHORIZED", "Unknown import token");
    const status = tokenStatus({ ...row, maxUses: null }, now);
    if (status !== "active") throw new MusterError("FORBIDDEN", `This import token ${status === "revoked" ? "was revoked" : "has expired"}`);
    recordImportTokenUse(db, row.id, row.uses + 1, now);
    return { id: row.id, agencyId: row.agencyId, prefix: row.tokenPrefix };
  });
}
