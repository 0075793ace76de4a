// NextAuth 4: credentials against `users`, optional OpenID Connect, JWT sessions carrying the user
// id, role, agency and session version. The jwt callback re-reads the account on every request: a
// disabled account, or one whose session version moved (password, role or agency change), loses
// its session at once.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { recordAudit } from "../audit/log";
import { getDb } from "../db/client";
import type { Role } from "../db/schema";
import { hashPassword, needsRehash, verifyPassword } from "../lib/crypto";
import { sameOriginRedirect } from "./callback-url";
import { oidcIdentity, resolveOidcUser } from "./oidc";
import { auditRefusal, firstRefusalOfLock } from "./refusals";
import { ensureAuthSecret } from "./secret";
import { type AccountRow, accountByEmail, accountById, accountByOidc, recordSignIn } from "./store";
import { attemptKeys, attemptSucceeded, beginAttempt } from "./throttle";
import { config } from "../config";

declare module "next-auth" {
  interface Session {
    user: { id: number; email: string; name: string; role: Role; agencyId: number | null };
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    role?: Role;
    agencyId?: number | null;
    /** The account's session version when the session began (users.session_version). */
    sv?: number;
  }
}

export const SESSION_MAX_AGE_S = 8 * 3600;

export function clientAddress(headers: Record<string, unknown> | Headers | undefined): string {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : (headers?.[name] as string | undefined));
  return get("x-muster-client-ip") || "unknown";
}

function oidcProvider(): OAuthConfig<Record<string, string>> | null {
  const oidc = config.oidc;
  if (!oidc) return null;
  const { issuer, clientId, clientSecret } = oidc;
  return {
    id: "oidc",
    name: oidc.name || "your organisation",
    type: "oauth",
    wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (p) => ({ id: p.sub!, email: (p.email ?? "").toLowerCase(), name: p.name ?? p.email ?? p.sub! }),
    // Accounts are matched on the ID token's issuer + subject (oidc.ts), never on the email alone.
  };
}

export function oidcEnabled(): boolean {
  return oidcProvider() !== null;
}

export class SignInError extends Error {}

/**
 * Email and password. The attempt is counted before the password is checked (throttle.ts); a
 * stored hash made with older parameters is replaced by one at today's cost once the password is
 * known to be right.
 */
async function authorizeCredentials(email: string, password: string, ip: string) {
  const db = getDb();
  const keys = attemptKeys(email, ip);
  const actor = { userId: null, label: email, ip };
  // One clock reading for the attempt: the lock's end is then exactly the stored one. With a second
  // reading after the transaction, the end came out later by however long it took, and a refusal
  // whose end fell past a half-second boundary counted as the first of a new lock (audited twice).
  const now = Date.now();
  const attempt = beginAttempt(db, keys, now);
  if (attempt.wait > 0) {
    if (firstRefusalOfLock(keys.pair, now + attempt.wait)) {
      auditRefusal(db, actor, { action: "auth.signin_throttled", objectType: "user", details: { email } });
    }
    throw new SignInError(`Too many failed attempts. Try again in ${Math.ceil(attempt.wait / 60_000)} minutes.`);
  }
  const user = accountByEmail(db, email);
  const ok = await verifyPassword(password, user?.passwordHash ?? null);
  if (!user || !ok || user.disabled) {
    if (attempt.failures === 1 || attempt.locked) {
      auditRefusal(
        db,
        { ...actor, userId: user?.id ?? null },
        {
          action: attempt.locked ? "auth.locked" : "auth.signin_failed",
          objectType: "user",
          objectId: user?.id,
          details: { email, reason: !user ? "unknown account" : user.disabled ? "disabled" : "wrong password", attempts: attempt.failures },
        },
      );
    }
    return null;
  }
  attemptSucceeded(db, keys);
  const rehash = needsRehash(user.passwordHash) ? await hashPassword(password) : null;
  recordSignIn(db, user.id, Date.now(), rehash);
  recordAudit(db, { userId: user.id, label: user.email, ip }, { action: "auth.signin", objectType: "user", objectId: user.id, ...(rehash ? { details: { passwordRehashed: true } } : {}) });
  return { id: String(user.id), email: user.email, name: user.name };
}

/** What the session token carries, from the account row. */
function claimsOf(row: AccountRow) {
  return { uid: row.id, role: row.role, agencyId: row.agencyId, email: row.email, name: row.name, sv: row.sessionVersion };
}

export function authOptions(): NextAuthOptions {
  const oidc = oidcProvider();
  return {
    secret: ensureAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const email = String(credentials?.email ?? "")
            .trim()
            .toLowerCase()
            .slice(0, 254);
          const password = String(credentials?.password ?? "").slice(0, 200);
          if (!email || !password) return null;
          return authorizeCredentials(email, password, clientAddress(req?.headers));
        },
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        const id = oidcIdentity(profile as Record<string, unknown> | undefined);
        if (!id) return false;
        const outcome = resolveOidcUser(getDb(), id, null);
        if ("refused" in outcome) return false;
        recordAudit(getDb(), { userId: outcome.userId, label: id.email || id.subject, ip: null }, { action: "auth.signin", objectType: "user", objectId: outcome.userId, details: { via: "oidc" } });
        return true;
      },
      async jwt({ token, user, account, profile }) {
        const db = getDb();
        if (user) {
          let row: AccountRow | undefined;
          if (account?.provider === "oidc") {
            const id = oidcIdentity(profile as Record<string, unknown> | undefined);
            row = id ? accountByOidc(db, id.issuer, id.subject) : undefined;
          } else row = accountById(db, Number(user.id));
          if (!row) throw new Error("sign-in without an account");
          return { ...token, ...claimsOf(row) };
        }
        // Every later request: a password, role or agency change, or disabling, ends the session.
        const row = token.uid ? accountById(db, token.uid) : undefined;
        if (!row || row.disabled || row.sessionVersion !== (token.sv ?? 0)) throw new Error("session ended");
        return { ...token, ...claimsOf(row) };
      },
      redirect({ url, baseUrl }) {
        return sameOriginRedirect(url, baseUrl);
      },
      async session({ session, token }) {
        session.user = {
          id: token.uid ?? 0,
          email: token.email ?? "",
          name: token.name ?? "",
          role: token.role ?? "auditor",
          agencyId: token.agencyId ?? null,
        };
        return session;
      },
    },
  };
}
