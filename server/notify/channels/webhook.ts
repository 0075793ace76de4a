// Webhook delivery, signed per Standard Webhooks: headers webhook-id (the message's idempotency
// id, the same on every attempt), webhook-timestamp (seconds, of this attempt) and
// webhook-signature "v1,<base64 HMAC-SHA256 over id.timestamp.body>" with the channel's
// "whsec_" secret. Redirects are not followed; 10 s timeout. A 4xx other than 408/425/429 is a
// permanent refusal (the message goes dead at once, retryable by an administrator).
import { createHmac } from "node:crypto";
import type { AttemptResult } from "../outbox";

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

const TIMEOUT_MS = 10_000;
const RETRYABLE_4XX = new Set([408, 425, 429]);

function retryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const s = Number(header);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

export async function postWebhook(url: string, secret: string, uid: string, body: string, now = Date.now()): Promise<AttemptResult> {
  const timestamp = Math.floor(now / 1000);
  try {
    const res = await fetch(url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "user-agent": "Muster-Webhooks/1",
        "webhook-id": uid,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signWebhook(secret, uid, timestamp, body),
      },
      body,
    });
    const text = (await res.text().catch(() => "")).slice(0, 200);
    if (res.status >= 200 && res.status < 300) return { ok: true, detail: `HTTP ${res.status}` };
    const permanent = res.status >= 400 && res.status < 500 && !RETRYABLE_4XX.has(res.status);
    return { ok: false, permanent, detail: `HTTP ${res.status}${text ? `: ${text}` : ""}`, retryAfterMs: retryAfter(res.headers.get("retry-after"), now) };
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    const why = e.name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : (e.cause?.code ?? e.cause?.message ?? e.message ?? String(err));
    return { ok: false, permanent: false, detail: `webhook not reached: ${why}` };
  }
}
