// Webhook channels, configured by administrators: a name, the receiver's URL (https, or http to
// this machine only), a format (Muster's signed JSON, Microsoft Teams Workflows, Slack/Mattermost),
// the language of its words (English or Dutch; no person reads a channel's settings, so it is
// chosen per channel), the events it carries, and one agency's subtree or the whole deployment. The URL and the signing
// secret are stored sealed (secrets.ts); the secret is shown once, at creation. Audited.
import { z } from "zod";
import { type Actor, recordAudit } from "../audit/log";
import { type Db, inTransaction } from "../db/client";
import { NOTIFY_EVENTS, WEBHOOK_FORMATS } from "../db/schema";
import { LOCALES, type Locale } from "../i18n/locales";
import { badRequest, notFound } from "../lib/errors";
import { newWebhookSecret, seal } from "./secrets";
import { agencyExists } from "./store";
import { insertWebhook, updateWebhookRow, webhookAgency, webhookList } from "./store-webhooks";

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

const ZUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "https:" || (u.protocol === "http:" && LOOPBACK.test(u.hostname));
    } catch {
      return false;
    }
  }, "Enter an https:// address (http:// only to this machine)");

export const ZCreateWebhookSchema = z.object({
  name: z.string().trim().min(1, "errors.required").max(80),
  url: ZUrl,
  format: z.enum(WEBHOOK_FORMATS),
  locale: z.enum(LOCALES).default("en"),
  agencyId: z.number().int().positive().nullable(),
  events: z.array(z.enum(NOTIFY_EVENTS)).min(1, "errors.chooseEvent"),
});

export const ZUpdateWebhookSchema = z.object({
  id: z.number().int().positive(),
  name: z.string().trim().min(1).max(80).optional(),
  url: ZUrl.optional(),
  locale: z.enum(LOCALES).optional(),
  events: z.array(z.enum(NOTIFY_EVENTS)).min(1, "errors.chooseEvent").optional(),
  enabled: z.boolean().optional(),
  rotateSecret: z.boolean().optional(),
});

/** What may be shown of a URL: scheme and host (a chat webhook's path is its credential). */
export function urlHint(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}/…`;
}

export type WebhookRow = {
  id: number;
  name: string;
  agencyId: number | null;
  agencyCode: string | null;
  format: (typeof WEBHOOK_FORMATS)[number];
  locale: Locale;
  urlHint: string;
  events: string[];
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
};

export function listWebhooks(db: Db): WebhookRow[] {
  const rows = webhookList(db);
  return rows.map((r) => ({ ...r, events: JSON.parse(r.events) as string[], enabled: r.enabled === 1 }));
}

export function createWebhook(db: Db, actor: Actor, input: z.input<typeof ZCreateWebhookSchema>, now = Date.now()): { id: number; secret: string } {
  const data = ZCreateWebhookSchema.parse(input);
  if (data.agencyId !== null && !agencyExists(db, data.agencyId)) throw badRequest("errors.noAgencyId", { id: data.agencyId });
  const secret = newWebhookSecret();
  return inTransaction(db, () => {
    const id = insertWebhook(
      db,
      {
        name: data.name,
        agencyId: data.agencyId,
        format: data.format,
        locale: data.locale,
        urlSealed: seal(data.url),
        secretSealed: seal(secret),
        urlHint: urlHint(data.url),
        events: JSON.stringify(data.events),
        createdBy: actor.userId,
      },
      now,
    );
    recordAudit(
      db,
      actor,
      {
        action: "notify.webhook.create",
        objectType: "webhook",
        objectId: id,
        agencyId: data.agencyId,
        details: { name: data.name, format: data.format, locale: data.locale, url: urlHint(data.url), events: data.events },
      },
      now,
    );
    return { id, secret };
  });
}

export function updateWebhook(db: Db, actor: Actor, input: z.input<typeof ZUpdateWebhookSchema>, now = Date.now()): { id: number; secret: string | null } {
  const data = ZUpdateWebhookSchema.parse(input);
  return inTransaction(db, () => {
    const row = webhookAgency(db, data.id);
    if (!row) throw notFound("errors.webhookNotFound");
    const secret = data.rotateSecret ? newWebhookSecret() : null;
    updateWebhookRow(db, data.id, {
      updatedAt: now,
      name: data.name,
      urlSealed: data.url !== undefined ? seal(data.url) : undefined,
      urlHint: data.url !== undefined ? urlHint(data.url) : undefined,
      locale: data.locale,
      events: data.events !== undefined ? JSON.stringify(data.events) : undefined,
      enabled: data.enabled === undefined ? undefined : data.enabled ? 1 : 0,
      secretSealed: secret ? seal(secret) : undefined,
    });
    recordAudit(
      db,
      actor,
      {
        action: "notify.webhook.update",
        objectType: "webhook",
        objectId: data.id,
        agencyId: row.agencyId,
        details: { name: data.name, url: data.url ? urlHint(data.url) : undefined, locale: data.locale, events: data.events, enabled: data.enabled, rotatedSecret: Boolean(secret) },
      },
      now,
    );
    return { id: data.id, secret };
  });
}
