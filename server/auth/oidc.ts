// Which Muster account an identity-provider sign-in is. Accounts are provisioned by an
// administrator; the provider only proves who someone is. The first sign-in binds the provider's
// issuer + subject to the account with the same email, and only when the provider says that email
// is verified (a user who can set their own address at the provider must not become whoever owns
// it here). Every later sign-in matches on issuer + subject alone: an email change at the provider
// never moves the account.
import { type Actor, recordAudit } from "../audit/log";
import { type Db, inTransaction } from "../db/client";
import { auditRefusal } from "./refusals";
import { accountByEmail, accountByOidc, bindOidcIdentity } from "./store";

export type OidcIdentity = { issuer: string; subject: string; email: string; emailVerified: boolean };
export type OidcOutcome = { userId: number } | { refused: string };

/** The claims of an ID token, as NextAuth hands them to the callbacks. */
export function oidcIdentity(claims: Record<string, unknown> | undefined): OidcIdentity | null {
  if (!claims || typeof claims.iss !== "string" || typeof claims.sub !== "string" || !claims.sub) return null;
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "",
    emailVerified: claims.email_verified === true || claims.email_verified === "true",
  };
}

export function resolveOidcUser(db: Db, id: OidcIdentity, ip: string | null, now = Date.now()): OidcOutcome {
  const actor: Actor = { userId: null, label: id.email || `oidc:${id.subject}`, ip };
  const refuse = (reason: string, userId?: number): OidcOutcome => {
    auditRefusal(
      db,
      { ...actor, userId: userId ?? null },
      { action: "auth.oidc_refused", objectType: "user", objectId: userId, details: { reason, issuer: id.issuer, subject: id.subject, email: id.email } },
      now,
    );
    return { refused: reason };
  };
  return inTransaction(db, () => {
    const bound = accountByOidc(db, id.issuer, id.subject);
    if (bound) return bound.disabled ? refuse("account disabled", bound.id) : { userId: bound.id };
    if (!id.email) return refuse("the identity provider sent no email address");
    if (!id.emailVerified) return refuse("the identity provider does not say the email address is verified");
    const row = accountByEmail(db, id.email);
    if (!row) return refuse("no Muster account with this email");
    if (row.disabled) return refuse("account disabled", row.id);
    if (row.oidcSubject !== null) return refuse("the account is bound to another identity-provider account", row.id);
    if (!bindOidcIdentity(db, row.id, id.issuer, id.subject)) return refuse("the account is bound to another identity-provider account", row.id);
    recordAudit(db, { ...actor, userId: row.id }, { action: "user.oidc_bind", objectType: "user", objectId: row.id, details: { email: row.email, issuer: id.issuer, subject: id.subject } }, now);
    return { userId: row.id };
  });
}
