// Data access for webhook channels (notify_webhooks): the administrators' list, creating and
// changing a channel, and what fan-out, delivery and test messages read of one. URL and secret
// are stored sealed; these functions pass the sealed texts through unchanged.
import type { Db } from "../db/client";
import type { WebhookFormat } from "../db/schema";
import type { Locale } from "../i18n/locales";
import { prep } from "../db/sql";

/** A channel as listed, with its agency's code; `events` is the stored JSON, `enabled` 0 or 1. */
export type WebhookListRow = {
  id: number;
  name: string;
  agencyId: number | null;
  agencyCode: string | null;
  format: WebhookFormat;
  locale: Locale;
  urlHint: string;
  events: string;
  enabled: number;
  createdAt: number;
  updatedAt: number;
};

export function webhookList(db: Db): WebhookListRow[] {
  return prep(
    db,
    `select w.id, w.name, w.agency_id as agencyId, a.code as agencyCode, w.format, w.locale, w.url_hint as urlHint, w.events, w.enabled,
       w.created_at as createdAt, w.updated_at as updatedAt from notify_webhooks w left join agencies a on a.id = w.agency_id order by w.id`,
  ).all() as WebhookListRow[];
}

export type NewWebhookRow = {
  name: string;
  agencyId: number | null;
  format: WebhookFormat;
  locale: Locale;
  urlSealed: string;
  secretSealed: string;
  urlHint: string;
  events: string;
  createdBy: number | null;
};

/** Writes an enabled channel created at `now`; its id. */
export function insertWebhook(db: Db, w: NewWebhookRow, now: number): number {
  return Number(
    prep(
      db,
      `insert into notify_webhooks (name, agency_id, format, locale, url_sealed, secret_sealed, url_hint, events, enabled, created_by, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, true, ?, ?, ?)`,
    ).run(w.name, w.agencyId, w.format, w.locale, w.urlSealed, w.secretSealed, w.urlHint, w.events, w.createdBy, now, now).lastInsertRowid,
  );
}

export function webhookAgency(db: Db, id: number): { id: number; agencyId: number | null } | undefined {
  return prep(db, "select id, agency_id as agencyId from notify_webhooks where id = ?").get(id) as { id: number; agencyId: number | null } | undefined;
}

/** The columns a change may set; absent ones stay as they are. */
export type WebhookPatch = {
  updatedAt: number;
  name?: string;
  urlSealed?: string;
  urlHint?: string;
  locale?: Locale;
  events?: string;
  enabled?: 0 | 1;
  secretSealed?: string;
};

/** Sets the given columns (one statement, its text built from the columns present). */
export function updateWebhookRow(db: Db, id: number, p: WebhookPatch): void {
  const changes: [string, unknown][] = [["updated_at", p.updatedAt]];
  if (p.name !== undefined) changes.push(["name", p.name]);
  if (p.urlSealed !== undefined) changes.push(["url_sealed", p.urlSealed]);
  if (p.urlHint !== undefined) changes.push(["url_hint", p.urlHint]);
  if (p.locale !== undefined) changes.push(["locale", p.locale]);
  if (p.events !== undefined) changes.push(["events", p.events]);
  if (p.enabled !== undefined) changes.push(["enabled", p.enabled]);
  if (p.secretSealed !== undefined) changes.push(["secret_sealed", p.secretSealed]);
  const set = changes.map(([column]) => `${column} = ?`);
  const args = changes.map(([, value]) => value);
  // Prepared directly, not cached: the text varies with the columns changed (a rare admin action).
  db.$client.prepare(`update notify_webhooks set ${set.join(", ")} where id = ?`).run(...args, id);
}

/** An enabled channel as fan-out reads it; `events` is the stored JSON. */
export type EnabledWebhookRow = { id: number; name: string; agencyId: number | null; format: WebhookFormat; locale: Locale; events: string };

export function enabledWebhooks(db: Db): EnabledWebhookRow[] {
  return prep(db, "select id, name, agency_id as agencyId, format, locale, events from notify_webhooks where enabled = true order by id").all() as EnabledWebhookRow[];
}

/** What delivery needs of a channel: its sealed URL and secret, and whether it is enabled (0 or 1). */
export function webhookDelivery(db: Db, id: number | null): { url: string; secret: string; enabled: number } | undefined {
  return prep(db, "select url_sealed as url, secret_sealed as secret, enabled from notify_webhooks where id = ?").get(id) as { url: string; secret: string; enabled: number } | undefined;
}

/** What a test message needs of a channel. */
export function webhookForTest(db: Db, id: number): { id: number; name: string; format: WebhookFormat; locale: Locale } | undefined {
  return prep(db, "select id, name, format, locale from notify_webhooks where id = ?").get(id) as { id: number; name: string; format: WebhookFormat; locale: Locale } | undefined;
}
