// The unsubscribe link's server side (thin route: app/api/notify/unsubscribe): the signed token is
// the only authority, for one change to one person's subscriptions (preferences.applyUnsubscribe).
import "server-only";
import { getDb } from "../db/client";
import { applyUnsubscribe } from "./preferences";
import { type UnsubscribeTarget, verifyUnsubscribeToken } from "./secrets";
import { userExists } from "./store";

export type UnsubscribeOutcome = { status: 200; target: UnsubscribeTarget; email: string; changed: boolean } | { status: 400 | 404; error: string };

export function unsubscribeWithToken(token: string | null, ip: string | null): UnsubscribeOutcome {
  const claim = verifyUnsubscribeToken(token);
  if (!claim) return { status: 400, error: "This unsubscribe link is not valid (altered, or older than 180 days). Sign in to change your notifications." };
  const db = getDb();
  if (!userExists(db, claim.userId)) return { status: 404, error: "This account no longer exists." };
  const r = applyUnsubscribe(db, claim.userId, claim.target, ip);
  return { status: 200, target: claim.target, ...r };
}
