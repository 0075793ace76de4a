// Hashing for every secret Muster keeps: passwords (scrypt), and random high-entropy
// tokens and device secrets (SHA-256 is enough for 256-bit random values).
import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/** scrypt at OWASP's current recommendation (N=2^17, r=8, p=1: 128 MiB and a few hundred ms per hash). */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1, keylen: 64 };
/** Hashes at most this many at once: each takes 128 MiB, and sign-in floods must not exhaust memory. */
const MAX_CONCURRENT_HASHES = 2;

let running = 0;
const waiting: (() => void)[] = [];

async function scryptAsync(password: string, salt: Buffer, keylen: number, N: number, r: number, p: number) {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await new Promise<Buffer>((resolve, reject) => scrypt(password, salt, keylen, { N, r, p, maxmem: 256 * N * r + 16 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))));
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** True when a stored hash was made with weaker parameters than today's: rehash at the next sign-in. */
export function needsRehash(stored: string | null): boolean {
  const parts = (stored ?? "").split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  return Number(parts[1]) < SCRYPT.N || Number(parts[2]) < SCRYPT.r || Number(parts[3]) < SCRYPT.p;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.keylen, SCRYPT.N, SCRYPT.r, SCRYPT.p);
  return ["scrypt", SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? "").split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") {
    // Same cost as a real check, so timing does not tell whether the account exists.
    await scryptAsync(password, randomBytes(16), SCRYPT.keylen, SCRYPT.N, SCRYPT.r, SCRYPT.p);
    return false;
  }
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, "base64");
  const key = await scryptAsync(password, Buffer.from(salt, "base64"), expected.length, Number(n), Number(r), Number(p));
  return timingSafeEqual(key, expected);
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** URL-safe random secret with a readable prefix, e.g. "mst_enr_3k9...". */
export function randomSecret(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString("base64url")}`;
}

/** Constant-time comparison of two hex digests. */
export function equalHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a, "hex"), Buffer.from(b, "hex"));
}

export function generatePassword(): string {
  // 18 random bytes -> 24 characters, no ambiguous symbols.
  return randomBytes(18).toString("base64url");
}
