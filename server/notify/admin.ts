// What administrators see of delivery and do about it: the outbox by status, recent and dead
// messages with their attempts, a retry of dead messages (a new round of tries, same idempotency
// id), and test messages to a channel. Audited.
import { z } from "zod";
import type { Viewer } from "../access/scope";
import { type Actor, recordAudit } from "../audit/log";
import { dashboardUrl, notifyConfig } from "../config";
import { type Db, inTransaction } from "../db/client";
import { MESSAGE_STATUSES } from "../db/schema";
import { badRequest, conflict, notFound } from "../lib/errors";
import { testEmail } from "./emails";
import { insertMessage } from "./outbox";
import { webhookTestBody } from "./payloads";
import { userLocaleOrEnglish } from "./store";
import { type AttemptItem, attemptsOf, deadMessageIds, type MessageItem, messageCountsByStatus, messageExists, messageStatus, recentMessages, requeueMessages } from "./store-outbox";
import { webhookForTest } from "./store-webhooks";

export type { MessageItem } from "./store-outbox";

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
  const rows = messageCountsByStatus(db);
  const out = { pending: 0, delivered: 0, dead: 0 };
  for (const r of rows) out[r.status] = r.n;
  return out;
}

export const ZListMessagesSchema = z.object({
  status: z.enum(MESSAGE_STATUSES).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export function listMessages(db: Db, input: z.input<typeof ZListMessagesSchema> = {}): MessageItem[] {
  const q = ZListMessagesSchema.parse(input);
  return recentMessages(db, q.status ?? null, q.limit);
}

export function messageAttempts(db: Db, messageId: number): AttemptItem[] {
  if (!messageExists(db, messageId)) throw notFound("errors.messageNotFound");
  return attemptsOf(db, messageId);
}

export const ZRetrySchema = z.object({ ids: z.array(z.number().int().positive()).min(1).max(1000).optional(), allDead: z.boolean().optional() });

/** Dead messages get a new round of tries, now; same content and idempotency id. */
export function retryMessages(db: Db, actor: Actor, input: z.input<typeof ZRetrySchema>, now = Date.now()): { retried: number } {
  const q = ZRetrySchema.parse(input);
  if (!q.ids && !q.allDead) throw badRequest("errors.retryWhich");
  return inTransaction(db, () => {
    const ids = q.allDead ? deadMessageIds(db) : q.ids!.filter((id) => messageStatus(db, id) === "dead");
    if (q.ids && ids.length !== q.ids.length) throw conflict("errors.onlyDeadRetry");
    requeueMessages(db, ids, now);
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
      const locale = userLocaleOrEnglish(db, viewer.id);
      const mail = testEmail({ name: viewer.name, locale }, base, viewer.email);
      messageId = insertMessage(db, { channel: "email", kind: "test", userId: viewer.id, recipient: viewer.email, subject: mail.subject, body: mail.text, html: mail.html, agencyIds: [] }, now);
    } else {
      const hook = webhookForTest(db, q.webhookId);
      if (!hook) throw notFound("errors.webhookNotFound");
      const { subject, body } = webhookTestBody(hook.format, base, viewer.email, now, hook.locale);
      messageId = insertMessage(db, { channel: "webhook", kind: "test", webhookId: hook.id, recipient: hook.name, subject, body, agencyIds: [] }, now);
    }
    recordAudit(db, actor, { action: "notify.test", objectType: "notify_message", objectId: messageId, details: q }, now);
    return { messageId };
  });
}
