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
import { prep } from "../db/sql";
import { badRequest, notFound } from "../lib/errors";
import { newWebhookSecret, seal } from "./secrets";

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
  const rows = prep(
    db,
    `select w.id, w.name, w.agency_id as agencyId, a.code as agencyCode, w.format, w.locale, w.url_hint as urlHint, w.events, w.enabled,
       w.created_at as createdAt, w.updated_at as updatedAt from notify_webhooks w left join agencies a on a.id = w.agency_id order by w.id`,
  ).all() as (Omit<WebhookRow, "events" | "enabled"> & { events: string; enabled: number })[];
  return rows.map((r) => ({ ...r, events: JSON.parse(r.events) as string[], enabled: r.enabled === 1 }));
}

export function createWebhook(db: Db, actor: Actor, input: z.input<typeof ZCreateWebhookSchema>, now = Date.now()): { id: number; secret: string } {
  const data = ZCreateWebhookSchema.parse(input);
  if (data.agencyId !== null && !prep(db, "select 1 from agencies where id = ?").get(data.agencyId)) throw badRequest("errors.noAgencyId", { id: data.agencyId });
  const secret = newWebhookSecret();
  return inTransaction(db, () => {
    const id = Number(
      prep(
        db,
        `insert into notify_webhooks (name, agency_id, format, locale, url_sealed, secret_sealed, url_hint, events, enabled, created_by, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
      ).run(data.name, data.agencyId, data.format, data.locale, seal(data.url), seal(secret), urlHint(data.url), JSON.stringify(data.events), actor.userId, now, now).lastInsertRowid,
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
    const row = prep(db, "select id, agency_id as agencyId from notify_webhooks where id = ?").get(data.id) as { id: number; agencyId: number | null } | undefined;
    if (!row) throw notFound("errors.webhookNotFound");
    const secret = data.rotateSecret ? newWebhookSecret() : null;
    const changes: [string, unknown][] = [["updated_at", now]];
    if (data.name !== undefined) changes.push(["name", data.name]);
    if (data.url !== undefined) changes.push(["url_sealed", seal(data.url)], ["url_hint", urlHint(data.url)]);
    if (data.locale !== undefined) changes.push(["locale", data.locale]);
    if (data.events !== undefined) changes.push(["events", JSON.stringify(data.events)]);
    if (data.enabled !== undefined) changes.push(["enabled", data.enabled ? 1 : 0]);
    if (secret) changes.push(["secret_sealed", seal(secret)]);
    const set = changes.map(([column]) => `${column} = ?`);
    const args = changes.map(([, value]) => value);
    db.$client.prepare(`update notify_webhooks set ${set.join(", ")} where id = ?`).run(...args, data.id);
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
