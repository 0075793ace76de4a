// NextAuth 4: credentials against `users`, optional OpenID Connect, JWT sessions carrying
// the user id, role and agency. Roles are re-read from the database on every request
// (see session.ts), so a demoted or disabled account loses access at once.
import "server-only";
import { eq } from "drizzle-orm";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { recordAudit } from "../audit/log";
import { getDb } from "../db/client";
import { type Role, users } from "../db/schema";
import { verifyPassword } from "../lib/crypto";
import { ensureAuthSecret } from "./secret";
import { clearFailures, lockedFor, recordFailure } from "./throttle";

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
  }
}

export const SESSION_MAX_AGE_S = 8 * 3600;

export function clientAddress(headers: Record<string, unknown> | Headers | undefined): string {
  const get = (name: string) =>
    headers instanceof Headers ? headers.get(name) : (headers?.[name] as string | undefined);
  return get("x-muster-client-ip") || "unknown";
}

function oidcProvider(): OAuthConfig<Record<string, string>> | null {
  const issuer = process.env.OIDC_ISSUER;
  const clientId = process.env.OIDC_CLIENT_ID;
  const clientSecret = process.env.OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    id: "oidc",
    name: process.env.OIDC_NAME || "your organisation",
    type: "oauth",
    wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (p) => ({ id: p.sub!, email: (p.email ?? "").toLowerCase(), name: p.name ?? p.email ?? p.sub! }),
  };
}

export function oidcEnabled(): boolean {
  return oidcProvider() !== null;
}

export class SignInError extends Error {}

async function authorizeCredentials(email: string, password: string, ip: string) {
  const db = getDb();
  const acctKey = `acct:${email}`;
  const ipKey = `ip:${ip}`;
  const wait = Math.max(lockedFor(db, acctKey), lockedFor(db, ipKey));
  if (wait > 0) {
    recordAudit(db, { userId: null, label: email, ip }, { action: "auth.signin_throttled", objectType: "user", details: { email } });
    throw new SignInError(`Too many failed attempts. Try again in ${Math.ceil(wait / 60_000)} minutes.`);
  }
  const user = db.select().from(users).where(eq(users.email, email)).get();
  const ok = await verifyPassword(password, user?.passwordHash ?? null);
  if (!user || !ok || user.disabled) {
    const locked = [recordFailure(db, acctKey), recordFailure(db, ipKey)].some(Boolean);
    recordAudit(db, { userId: user?.id ?? null, label: email, ip }, {
      action: locked ? "auth.locked" : "auth.signin_failed",
      objectType: "user",
      objectId: user?.id,
      details: { email, reason: !user ? "unknown account" : user.disabled ? "disabled" : "wrong password" },
    });
    return null;
  }
  clearFailures(db, acctKey);
  db.update(users).set({ lastLoginAt: Date.now() }).where(eq(users.id, user.id)).run();
  recordAudit(db, { userId: user.id, label: user.email, ip }, { action: "auth.signin", objectType: "user", objectId: user.id });
  return { id: String(user.id), email: user.email, name: user.name };
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
          const email = String(credentials?.email ?? "").trim().toLowerCase().slice(0, 254);
          const password = String(credentials?.password ?? "").slice(0, 200);
          if (!email || !password) return null;
          return authorizeCredentials(email, password, clientAddress(req?.headers));
        },
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        // Accounts are provisioned by an administrator; the identity provider only proves who it is.
        const email = (user.email ?? "").toLowerCase();
        const row = email ? getDb().select().from(users).where(eq(users.email, email)).get() : undefined;
        return Boolean(row && !row.disabled);
      },
      async jwt({ token, user, account }) {
        if (user) {
          const db = getDb();
          const row =
            account?.provider === "oidc"
              ? db.select().from(users).where(eq(users.email, (user.email ?? "").toLowerCase())).get()
              : db.select().from(users).where(eq(users.id, Number(user.id))).get();
          if (row) {
            token.uid = row.id;
            token.role = row.role;
            token.agencyId = row.agencyId;
            token.email = row.email;
            token.name = row.name;
          }
        }
        return token;
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
