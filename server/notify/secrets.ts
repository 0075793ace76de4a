// The secrets notifications need in clear at send time, and the links they carry.
//
// Webhook URLs (a chat webhook's URL is its credential) and signing secrets are sealed with
// AES-256-GCM under a key derived from the auth secret (AUTH_SECRET or <data folder>/auth-secret):
// a copy of the database alone (a backup, a support dump) carries no usable webhook credential.
// They cannot be hashed: Muster must present them. Changing the auth secret makes them unreadable;
// deliveries then fail with a message saying to add the webhook again.
//
// Unsubscribe links carry an HMAC-signed token (user, what to stop, expiry): one change, without
// signing in, for that person only.
import "server-only";
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { ensureAuthSecret } from "../auth/secret";

const keys = new Map<string, Buffer>();
function derivedKey(purpose: string): Buffer {
  const secret = ensureAuthSecret();
  const id = `${purpose}\u0000${secret}`;
  let k = keys.get(id);
  if (!k) keys.set(id, (k = Buffer.from(hkdfSync("sha256", secret, "muster", purpose, 32))));
  return k;
}

export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey("muster:notify-seal:v1"), iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), ct.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

export class UnsealError extends Error {
  constructor() {
    super("The stored webhook credentials cannot be read (the auth secret changed since they were entered): add the webhook again");
  }
}

export function unseal(sealed: string): string {
  const [v, iv, ct, tag] = sealed.split(".");
  if (v !== "v1" || !iv || ct === undefined || !tag) throw new UnsealError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", derivedKey("muster:notify-seal:v1"), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new UnsealError();
  }
}

/** A Standard Webhooks signing secret: "whsec_" and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export const UNSUBSCRIBE_TARGETS = ["alert", "daily", "weekly"] as const;
export type UnsubscribeTarget = (typeof UNSUBSCRIBE_TARGETS)[number];
/** Unsubscribe links keep working this long (mail is read late). */
export const UNSUBSCRIBE_TTL_MS = 180 * 86_400_000;

const mac = (payload: string) => createHmac("sha256", derivedKey("muster:unsubscribe:v1")).update(payload).digest("base64url");

export function mintUnsubscribeToken(userId: number, target: UnsubscribeTarget, now = Date.now()): string {
  const payload = `u1.${userId}.${target}.${Math.floor((now + UNSUBSCRIBE_TTL_MS) / 1000)}`;
  return `${payload}.${mac(payload)}`;
}

/** The user and target a token was minted for, or null (forged, altered, expired, malformed). */
export function verifyUnsubscribeToken(token: string | null | undefined, now = Date.now()): { userId: number; target: UnsubscribeTarget } | null {
  if (!token || token.length > 200) return null;
  const parts = token.split(".");
  if (parts.length !== 5 || parts[0] !== "u1") return null;
  const expected = Buffer.from(mac(parts.slice(0, 4).join(".")));
  const given = Buffer.from(parts[4]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const userId = Number(parts[1]);
  const target = parts[2] as UnsubscribeTarget;
  const exp = Number(parts[3]) * 1000;
  if (!Number.isSafeInteger(userId) || !UNSUBSCRIBE_TARGETS.includes(target) || !(exp > now)) return null;
  return { userId, target };
}
