// The delivery outbox's data access: writing rendered messages, claiming due ones with an attempt
// recorded before anything is sent, finishing attempts, recovering attempts a crash interrupted,
// and what administrators see and retry. Every message has a random `uid`: the idempotency id a
// receiver sees on every attempt (webhook-id, e-mail Message-ID).
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import type { MessageStatus } from "../db/schema";
import { prep } from "../db/sql";

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
  return Number(
    prep(
      db,
      `insert into notify_messages (uid, channel, kind, user_id, webhook_id, recipient, subject, body, html, meta, agency_ids, status, tries, next_attempt_at, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
    ).run(
      newUid(),
      m.channel,
      m.kind,
      m.userId ?? null,
      m.webhookId ?? null,
      m.recipient,
      m.subject,
      m.body,
      m.html ?? null,
      m.meta ? JSON.stringify(m.meta) : null,
      JSON.stringify([...new Set(m.agencyIds)].sort((a, b) => a - b)),
      now,
      now,
    ).lastInsertRowid,
  );
}

export type OutboxMessage = {
  id: number;
  uid: string;
  channel: "email" | "webhook";
  kind: string;
  userId: number | null;
  webhookId: number | null;
  recipient: string;
  subject: string;
  body: string;
  html: string | null;
  meta: string | null;
  tries: number;
};

const MESSAGE_COLUMNS = `id, uid, channel, kind, user_id as userId, webhook_id as webhookId, recipient, subject, body, html, meta, tries`;

/**
 * Takes up to `limit` due messages: for each, an attempt row is written and the message pushed
 * `leaseMs` ahead, in one transaction committed before any is sent. A crash after this leaves the
 * attempt unfinished; recoverInterrupted() marks it and makes the message due again.
 */
export function claimDue(db: Db, now: number, limit: number, leaseMs: number, exclude: Set<number>): { message: OutboxMessage; attemptId: number }[] {
  if (limit <= 0) return [];
  return db.$client
    .transaction(() => {
      const rows = prep(db, `select ${MESSAGE_COLUMNS} from notify_messages where status = 'pending' and next_attempt_at <= ? order by next_attempt_at, id limit ?`).all(
        now,
        limit + exclude.size,
      ) as OutboxMessage[];
      const out: { message: OutboxMessage; attemptId: number }[] = [];
      for (const m of rows) {
        if (exclude.has(m.id) || out.length >= limit) continue;
        const attemptId = Number(prep(db, "insert into notify_attempts (message_id, started_at) values (?, ?)").run(m.id, now).lastInsertRowid);
        prep(db, "update notify_messages set tries = tries + 1, next_attempt_at = ? where id = ?").run(now + leaseMs, m.id);
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
      prep(db, "update notify_attempts set finished_at = ?, outcome = ?, detail = ? where id = ?").run(now, r.ok ? "delivered" : "failed", r.detail.slice(0, 1000), attemptId);
      if (r.ok) {
        prep(db, "update notify_messages set status = 'delivered', delivered_at = ?, last_error = null where id = ?").run(now, messageId);
        return "delivered";
      }
      const status: MessageStatus = next.dead ? "dead" : "pending";
      prep(db, "update notify_messages set status = ?, next_attempt_at = ?, last_error = ? where id = ?").run(status, next.retryAt, r.detail.slice(0, 1000), messageId);
      return status;
    })
    .immediate();
}

/** Attempts left unfinished by a process that died: marked interrupted, their messages due now. */
export function recoverInterrupted(db: Db, now: number): number {
  return db.$client
    .transaction(() => {
      const open = prep(db, "select id, message_id as messageId from notify_attempts where finished_at is null").all() as { id: number; messageId: number }[];
      for (const a of open) {
        prep(db, "update notify_attempts set finished_at = ?, outcome = 'interrupted', detail = ? where id = ?").run(
          now,
          "The server stopped during this attempt; the message is sent again with the same id",
          a.id,
        );
        prep(db, "update notify_messages set next_attempt_at = ? where id = ? and status = 'pending'").run(now, a.messageId);
      }
      return open.length;
    })
    .immediate();
}

/** Delivered messages keep their row (who was told what, when, and the attempts) for good; their
 *  content is dropped after this many days. */
export const CONTENT_RETENTION_DAYS = 90;

/** Drops the content of messages delivered more than CONTENT_RETENTION_DAYS ago (in chunks). */
export function pruneDeliveredContent(db: Db, now: number): number {
  const update = prep(
    db,
    `update notify_messages set body = '', html = null, meta = null where id in
       (select id from notify_messages where status = 'delivered' and delivered_at < ? and body <> '' limit 5000)`,
  );
  let total = 0;
  for (;;) {
    const n = db.$client.transaction(() => update.run(now - CONTENT_RETENTION_DAYS * 86_400_000).changes).immediate();
    total += n;
    if (n < 5000) return total;
  }
}
