// Short-lived tokens that let the server's own headless Chromium open one report's print page.
// The download route checks the viewer's session and scope first, then mints a token for that one
// report, valid for a minute, and hands it to Chromium in a request header (never in the URL, so
// it is in no log or Referer). The key is derived from the auth secret for this purpose only.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const RENDER_TOKEN_HEADER = "x-muster-render-token";
export const RENDER_TOKEN_TTL_MS = 60_000;

function key(secret: string): Buffer {
  return createHmac("sha256", secret).update("muster:report-render:v1").digest();
}

function mac(secret: string, payload: string): string {
  return createHmac("sha256", key(secret)).update(payload).digest("base64url");
}

export function mintRenderToken(secret: string, reportId: number, now = Date.now()): string {
  const payload = `v1.${reportId}.${now + RENDER_TOKEN_TTL_MS}.${randomBytes(12).toString("base64url")}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** True when `token` was minted with `secret` for `reportId` and has not expired. */
export function verifyRenderToken(secret: string, token: string | null | undefined, reportId: number, now = Date.now()): boolean {
  if (!token || token.length > 200) return false;
  const parts = token.split(".");
  if (parts.length !== 5 || parts[0] !== "v1") return false;
  const [, id, exp, , sig] = parts as [string, string, string, string, string];
  const expected = Buffer.from(mac(secret, parts.slice(0, 4).join(".")));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const expiresAt = Number(exp);
  return Number(id) === reportId && Number.isSafeInteger(expiresAt) && expiresAt > now && expiresAt <= now + RENDER_TOKEN_TTL_MS;
}
