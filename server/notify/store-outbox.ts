// Data access for the delivery outbox (notify_messages, notify_attempts): writing messages,
// claiming due ones, recording how attempts end, pruning delivered content, and what
// administrators list and retry.
import { type Db, isPostgres } from "../db/client";
import type { MessageStatus } from "../db/schema";
import { prep } from "../db/sql";

/** A message as written: column values (JSON already encoded). */
export type MessageRowInsert = {
  uid: string;
  channel: "email" | "webhook";
  kind: "alert" | "daily" | "weekly" | "test";
  userId: number | null;
  webhookId: number | null;
  recipient: string;
  subject: string;
  body: string;
  html: string | null;
  meta: string | null;
  agencyIds: string;
};

/** Writes a pending message, due at `now`; its id. */
export function insertMessageRow(db: Db, m: MessageRowInsert, now: number): number {
  return Number(
    prep(
      db,
      `insert into notify_messages (uid, channel, kind, user_id, webhook_id, recipient, subject, body, html, meta, agency_ids, status, tries, next_attempt_at, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
    ).run(m.uid, m.channel, m.kind, m.userId, m.webhookId, m.recipient, m.subject, m.body, m.html, m.meta, m.agencyIds, now, now).lastInsertRowid,
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

/** A due message with the lease value it was read with (`next_attempt_at`), which its claim is conditional on. */
export type DueMessage = OutboxMessage & { leaseAt: number };

/** Pending messages due at `now`, the longest waiting first. */
export function dueMessages(db: Db, now: number, limit: number): DueMessage[] {
  return prep(db, `select ${MESSAGE_COLUMNS}, next_attempt_at as leaseAt from notify_messages where status = 'pending' and next_attempt_at <= ? order by next_attempt_at, id limit ?`).all(
    now,
    limit,
  ) as DueMessage[];
}

/**
 * Leases a message until `leaseUntil` and counts the try, only if it is still pending with the
 * lease value `leaseAt` it was read with: false when another node claimed (or finished) it first.
 */
export function leaseMessage(db: Db, messageId: number, leaseAt: number, leaseUntil: number): boolean {
  return prep(db, "update notify_messages set tries = tries + 1, next_attempt_at = ? where id = ? and status = 'pending' and next_attempt_at = ?").run(leaseUntil, messageId, leaseAt).changes === 1;
}

/** Opens an attempt of a message at `now`; its id. */
export function insertAttempt(db: Db, messageId: number, now: number): number {
  return Number(prep(db, "insert into notify_attempts (message_id, started_at) values (?, ?)").run(messageId, now).lastInsertRowid);
}

export function finishAttemptRow(db: Db, attemptId: number, at: number, outcome: "delivered" | "failed", detail: string): void {
  prep(db, "update notify_attempts set finished_at = ?, outcome = ?, detail = ? where id = ?").run(at, outcome, detail, attemptId);
}

export function markDelivered(db: Db, messageId: number, at: number): void {
  prep(db, "update notify_messages set status = 'delivered', delivered_at = ?, last_error = null where id = ?").run(at, messageId);
}

/**
 * Locks the message's row until the transaction ends (PostgreSQL), before its attempt is finished:
 * rows in the order a claim takes them (no deadlock), and markFailed's condition reads the attempts,
 * which PostgreSQL's read-committed update would see as of its statement's start even after
 * waiting for another node's claim; a late failure could then move the new node's lease. SQLite:
 * the immediate transaction already holds the write lock.
 */
export function lockMessage(db: Db, messageId: number): void {
  if (isPostgres(db)) prep(db, "select id from notify_messages where id = ? for update").get(messageId);
}

/**
 * After a failed attempt: pending again at `retryAt`, or dead; with the error. Only while the
 * attempt is the message's latest: a node whose lease ran out (another took the message over) must
 * not move the lease the other holds. False when it was not.
 */
export function markFailed(db: Db, messageId: number, attemptId: number, status: MessageStatus, retryAt: number, lastError: string): boolean {
  return (
    prep(
      db,
      `update notify_messages set status = ?, next_attempt_at = ?, last_error = ?
       where id = ? and not exists (select 1 from notify_attempts a where a.message_id = notify_messages.id and a.id > ?)`,
    ).run(status, retryAt, lastError, messageId, attemptId).changes === 1
  );
}

/**
 * Attempts never finished whose message's lease has run out at `now` (their node died during them,
 * or is past its lease): not the sends another node has under way.
 */
export function lapsedOpenAttempts(db: Db, now: number): { id: number; messageId: number }[] {
  return prep(
    db,
    `select a.id, a.message_id as messageId from notify_attempts a join notify_messages m on m.id = a.message_id
     where a.finished_at is null and m.next_attempt_at <= ? order by a.id`,
  ).all(now) as { id: number; messageId: number }[];
}

/** Closes an unfinished attempt as interrupted. */
export function markInterrupted(db: Db, attemptId: number, now: number, detail: string): void {
  prep(db, "update notify_attempts set finished_at = ?, outcome = 'interrupted', detail = ? where id = ? and finished_at is null").run(now, detail, attemptId);
}

/** Closes the unfinished attempts of a message as interrupted (the message is being claimed again: their lease ran out); how many. */
export function markInterruptedOf(db: Db, messageId: number, now: number, detail: string): number {
  return prep(db, "update notify_attempts set finished_at = ?, outcome = 'interrupted', detail = ? where message_id = ? and finished_at is null").run(now, detail, messageId).changes;
}

/** Messages pruneDeliveredChunk() empties at most per call (the `limit` in its statement). */
export const PRUNE_CHUNK = 5000;

/** Drops the content of up to PRUNE_CHUNK messages delivered before `deliveredBefore`; how many. */
export function pruneDeliveredChunk(db: Db, deliveredBefore: number): number {
  return prep(
    db,
    `update notify_messages set body = '', html = null, meta = null where id in
       (select id from notify_messages where status = 'delivered' and delivered_at < ? and body <> '' limit 5000)`,
  ).run(deliveredBefore).changes;
}

/** How many messages have each status (statuses without any are absent). */
export function messageCountsByStatus(db: Db): { status: MessageStatus; n: number }[] {
  return prep(db, "select status, count(*) as n from notify_messages group by status").all() as { status: MessageStatus; n: number }[];
}

export type MessageItem = {
  id: number;
  uid: string;
  channel: "email" | "webhook";
  kind: string;
  recipient: string;
  subject: string;
  status: MessageStatus;
  tries: number;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
  nextAttemptAt: number;
};

/** The newest messages, of one status or all, with their number of attempts. */
export function recentMessages(db: Db, status: MessageStatus | null, limit: number): MessageItem[] {
  return prep(
    db,
    `select m.id, m.uid, m.channel, m.kind, m.recipient, m.subject, m.status, m.tries, m.last_error as lastError, m.created_at as createdAt,
       m.delivered_at as deliveredAt, m.next_attempt_at as nextAttemptAt, (select count(*) from notify_attempts a where a.message_id = m.id) as attempts
     from notify_messages m where (cast(? as text) is null or m.status = ?) order by m.id desc limit ?`,
  ).all(status, status, limit) as MessageItem[];
}

export function messageExists(db: Db, messageId: number): boolean {
  return Boolean(prep(db, "select 1 from notify_messages where id = ?").get(messageId));
}

export type AttemptItem = { id: number; startedAt: number; finishedAt: number | null; outcome: string | null; detail: string | null };

/** A message's attempts, oldest first. */
export function attemptsOf(db: Db, messageId: number): AttemptItem[] {
  return prep(db, "select id, started_at as startedAt, finished_at as finishedAt, outcome, detail from notify_attempts where message_id = ? order by id").all(messageId) as AttemptItem[];
}

export function deadMessageIds(db: Db): number[] {
  return (prep(db, "select id from notify_messages where status = 'dead'").all() as { id: number }[]).map((r) => r.id);
}

export function messageStatus(db: Db, messageId: number): MessageStatus | undefined {
  return (prep(db, "select status from notify_messages where id = ?").get(messageId) as { status: MessageStatus } | undefined)?.status;
}

/** A new round of tries for these messages, due at `now`. */
export function requeueMessages(db: Db, ids: number[], now: number): void {
  const update = prep(db, "update notify_messages set status = 'pending', tries = 0, next_attempt_at = ? where id = ?");
  for (const id of ids) update.run(now, id);
}
