// What administrators see of delivery and do about it: the outbox by status, recent and dead
// messages with their attempts, a retry of dead messages (a new round of tries, same idempotency
// id), and test messages to a channel. Audited.
import { z } from "zod";
import type { Viewer } from "../access/scope";
import { type Actor, recordAudit } from "../audit/log";
import { dashboardUrl, notifyConfig } from "../config";
import { type Db, inTransaction } from "../db/client";
import { MESSAGE_STATUSES } from "../db/schema";
import type { Locale } from "../i18n/locales";
import { prep } from "../db/sql";
import { badRequest, conflict, notFound } from "../lib/errors";
import { testEmail } from "./emails";
import { insertMessage } from "./outbox";
import { webhookTestBody } from "./payloads";

export function emailStatus() {
  const cfg = notifyConfig();
  const s = cfg.smtp;
  return {
    configured: Boolean(s),
    host: s?.host ?? null,
    port: s?.port ?? null,
    security: s?.security ?? null,
    authenticated: Boolean(s?.auth),
    from: s?.from ?? null,
    digestHour: cfg.digestHour,
    maxTries: cfg.maxTries,
  };
}

export function outboxSummary(db: Db): Record<(typeof MESSAGE_STATUSES)[number], number> {
  const rows = prep(db, "select status, count(*) as n from notify_messages group by status").all() as { status: (typeof MESSAGE_STATUSES)[number]; n: number }[];
  const out = { pending: 0, delivered: 0, dead: 0 };
  for (const r of rows) out[r.status] = r.n;
  return out;
}

export const ZListMessagesSchema = z.object({
  status: z.enum(MESSAGE_STATUSES).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export type MessageItem = {
  id: number;
  uid: string;
  channel: "email" | "webhook";
  kind: string;
  recipient: string;
  subject: string;
  status: (typeof MESSAGE_STATUSES)[number];
  tries: number;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
  nextAttemptAt: number;
};

export function listMessages(db: Db, input: z.input<typeof ZListMessagesSchema> = {}): MessageItem[] {
  const q = ZListMessagesSchema.parse(input);
  return prep(
    db,
    `select m.id, m.uid, m.channel, m.kind, m.recipient, m.subject, m.status, m.tries, m.last_error as lastError, m.created_at as createdAt,
       m.delivered_at as deliveredAt, m.next_attempt_at as nextAttemptAt, (select count(*) from notify_attempts a where a.message_id = m.id) as attempts
     from notify_messages m where (? is null or m.status = ?) order by m.id desc limit ?`,
  ).all(q.status ?? null, q.status ?? null, q.limit) as MessageItem[];
}

export function messageAttempts(db: Db, messageId: number) {
  if (!prep(db, "select 1 from notify_messages where id = ?").get(messageId)) throw notFound("errors.messageNotFound");
  return prep(db, "select id, started_at as startedAt, finished_at as finishedAt, outcome, detail from notify_attempts where message_id = ? order by id").all(messageId) as {
    id: number;
    startedAt: number;
    finishedAt: number | null;
    outcome: string | null;
    detail: string | null;
  }[];
}

export const ZRetrySchema = z.object({ ids: z.array(z.number().int().positive()).min(1).max(1000).optional(), allDead: z.boolean().optional() });

/** Dead messages get a new round of tries, now; same content and idempotency id. */
export function retryMessages(db: Db, actor: Actor, input: z.input<typeof ZRetrySchema>, now = Date.now()): { retried: number } {
  const q = ZRetrySchema.parse(input);
  if (!q.ids && !q.allDead) throw badRequest("errors.retryWhich");
  return inTransaction(db, () => {
    const ids = q.allDead
      ? (prep(db, "select id from notify_messages where status = 'dead'").all() as { id: number }[]).map((r) => r.id)
      : q.ids!.filter((id) => (prep(db, "select status from notify_messages where id = ?").get(id) as { status: string } | undefined)?.status === "dead");
    if (q.ids && ids.length !== q.ids.length) throw conflict("errors.onlyDeadRetry");
    const update = prep(db, "update notify_messages set status = 'pending', tries = 0, next_attempt_at = ? where id = ?");
    for (const id of ids) update.run(now, id);
    recordAudit(db, actor, { action: "notify.retry", objectType: "notify_message", objectId: ids.length === 1 ? ids[0] : undefined, details: { ids: ids.slice(0, 100), count: ids.length } }, now);
    return { retried: ids.length };
  });
}

export const ZTestChannelSchema = z.union([z.object({ channel: z.literal("email") }), z.object({ channel: z.literal("webhook"), webhookId: z.number().int().positive() })]);

/** A test message to a channel (e-mail: to the administrator), delivered like any other. */
export function sendTestMessage(db: Db, viewer: Viewer, actor: Actor, input: z.input<typeof ZTestChannelSchema>, now = Date.now()): { messageId: number } {
  const q = ZTestChannelSchema.parse(input);
  const base = dashboardUrl();
  return inTransaction(db, () => {
    let messageId: number;
    if (q.channel === "email") {
      if (!notifyConfig().smtp) throw conflict("errors.emailNotConfigured");
      const locale = (prep(db, "select coalesce(locale, 'en') as locale from users where id = ?").get(viewer.id) as { locale: string }).locale;
      const mail = testEmail({ name: viewer.name, locale }, base, viewer.email);
      messageId = insertMessage(db, { channel: "email", kind: "test", userId: viewer.id, recipient: viewer.email, subject: mail.subject, body: mail.text, html: mail.html, agencyIds: [] }, now);
    } else {
      const hook = prep(db, "select id, name, format, locale from notify_webhooks where id = ?").get(q.webhookId) as
        | { id: number; name: string; format: "standard" | "teams" | "slack"; locale: Locale }
        | undefined;
      if (!hook) throw notFound("errors.webhookNotFound");
      const { subject, body } = webhookTestBody(hook.format, base, viewer.email, now, hook.locale);
      messageId = insertMessage(db, { channel: "webhook", kind: "test", webhookId: hook.id, recipient: hook.name, subject, body, agencyIds: [] }, now);
    }
    recordAudit(db, actor, { action: "notify.test", objectType: "notify_message", objectId: messageId, details: q }, now);
    return { messageId };
  });
}
