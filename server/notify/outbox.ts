// The delivery outbox: writing rendered messages, claiming due ones (a lease in the database, taken
// with a conditional update, so several nodes share one outbox) with an attempt recorded before
// anything is sent, finishing attempts, recovering attempts whose node died (lease run out), and
// pruning old content (the statements: store-outbox.ts). Every message has a random `uid`: the
// idempotency id a receiver sees on every attempt (webhook-id, e-mail Message-ID).
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import type { MessageStatus } from "../db/schema";
import {
  dueMessages,
  finishAttemptRow,
  insertAttempt,
  insertMessageRow,
  lapsedOpenAttempts,
  leaseMessage,
  lockMessage,
  markDelivered,
  markFailed,
  markInterrupted,
  markInterruptedOf,
  messageStatus,
  type OutboxMessage,
  PRUNE_CHUNK,
  pruneDeliveredChunk,
} from "./store-outbox";

export type { OutboxMessage } from "./store-outbox";

export type NewMessage = {
  channel: "email" | "webhook";
  kind: "alert" | "daily" | "weekly" | "test";
  userId?: number | null;
  webhookId?: number | null;
  recipient: string;
  subject: string;
  body: string;
  html?: string | null;
  meta?: Record<string, unknown> | null;
  agencyIds: number[];
};

export function newUid(): string {
  return `msg_${randomBytes(16).toString("base64url")}`;
}

export function insertMessage(db: Db, m: NewMessage, now: number): number {
  return insertMessageRow(
    db,
    {
      uid: newUid(),
      channel: m.channel,
      kind: m.kind,
      userId: m.userId ?? null,
      webhookId: m.webhookId ?? null,
      recipient: m.recipient,
      subject: m.subject,
      body: m.body,
      html: m.html ?? null,
      meta: m.meta ? JSON.stringify(m.meta) : null,
      agencyIds: JSON.stringify([...new Set(m.agencyIds)].sort((a, b) => a - b)),
    },
    now,
  );
}

/** What an attempt left unfinished by a node that died (or ran past its lease) is closed with. */
const INTERRUPTED = "The sending node stopped (or ran past its lease) during this attempt; the message is sent again with the same id";

/**
 * Takes up to `limit` due messages: for each, the message is leased until `now + leaseMs` and an
 * attempt row written, in one transaction committed before any is sent. The lease is taken with a
 * conditional update (still pending, still the lease value read), so two nodes never both claim
 * one message; a message claimed again because its lease ran out has its earlier unfinished
 * attempt closed as interrupted (its node died during the send). A crash after this leaves the
 * attempt unfinished until the lease runs out; then any node sends the message again.
 */
export function claimDue(db: Db, now: number, limit: number, leaseMs: number, exclude: Set<number>): { message: OutboxMessage; attemptId: number }[] {
  if (limit <= 0) return [];
  return db.$client
    .transaction(() => {
      const rows = dueMessages(db, now, limit + exclude.size);
      const out: { message: OutboxMessage; attemptId: number }[] = [];
      for (const { leaseAt, ...m } of rows) {
        if (exclude.has(m.id) || out.length >= limit) continue;
        if (!leaseMessage(db, m.id, leaseAt, now + leaseMs)) continue;
        markInterruptedOf(db, m.id, now, INTERRUPTED);
        const attemptId = insertAttempt(db, m.id, now);
        out.push({ message: { ...m, tries: m.tries + 1 }, attemptId });
      }
      return out;
    })
    .immediate();
}

export type AttemptResult = { ok: true; detail: string } | { ok: false; detail: string; permanent: boolean; retryAfterMs?: number };

/** Records how an attempt ended and what happens to its message next. */
export function finishAttempt(db: Db, attemptId: number, messageId: number, r: AttemptResult, next: { dead: boolean; retryAt: number }, now: number): MessageStatus {
  return db.$client
    .transaction(() => {
      // The message first, then its attempt, as a claim takes them (no deadlock with a node claiming
      // it); and a claim under way commits before markFailed reads the attempts.
      lockMessage(db, messageId);
      finishAttemptRow(db, attemptId, now, r.ok ? "delivered" : "failed", r.detail.slice(0, 1000));
      if (r.ok) {
        markDelivered(db, messageId, now);
        return "delivered";
      }
      const status: MessageStatus = next.dead ? "dead" : "pending";
      // An attempt taken over by another node (its lease ran out) leaves the message to that node.
      if (!markFailed(db, messageId, attemptId, status, next.retryAt, r.detail.slice(0, 1000))) return messageStatus(db, messageId) ?? status;
      return status;
    })
    .immediate();
}

/**
 * Attempts left unfinished whose lease has run out (their node died): closed as interrupted; their
 * messages, if still pending, are due already and sent again by whichever node claims them. Sends
 * another node has under way (lease not run out) are left alone.
 */
export function recoverInterrupted(db: Db, now: number): number {
  return db.$client
    .transaction(() => {
      const open = lapsedOpenAttempts(db, now);
      for (const a of open) markInterrupted(db, a.id, now, INTERRUPTED);
      return open.length;
    })
    .immediate();
}

/** Delivered messages keep their row (who was told what, when, and the attempts) for good; their
 *  content is dropped after this many days. */
export const CONTENT_RETENTION_DAYS = 90;

/** Drops the content of messages delivered more than CONTENT_RETENTION_DAYS ago (in chunks). */
export function pruneDeliveredContent(db: Db, now: number): number {
  let total = 0;
  for (;;) {
    const n = db.$client.transaction(() => pruneDeliveredChunk(db, now - CONTENT_RETENTION_DAYS * 86_400_000)).immediate();
    total += n;
    if (n < PRUNE_CHUNK) return total;
  }
}
