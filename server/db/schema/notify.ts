import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { LOCALES } from "../../i18n/locales";
import { agencies } from "./agencies";
import { users } from "./users";

/** What a person can be told about (server/notify/events.ts says when each happens). */
export const NOTIFY_EVENTS = ["finding.new", "finding.reinstalled", "agency.status", "deadline.near", "stale.rising", "waiver.requested", "waiver.expiring", "report.published"] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

export const WEBHOOK_FORMATS = ["standard", "teams", "slack"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * The event outbox: written in the same transaction as the change that causes it. Frequent kinds
 * (new findings, reinstalls) are counters: while undispatched, one row per kind and agency
 * (`merge_key`) absorbs every further occurrence, so a mass re-evaluation adds to one row per
 * agency. One-off reminders carry `once_key` and are written at most once. The worker turns due
 * rows into messages (notify_messages) and stamps `dispatched_at`; rows are kept as evidence.
 */
export const notifyEvents = sqliteTable(
  "notify_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: NOTIFY_EVENTS }).notNull(),
    /** The agency concerned (its subtree for roll-up events); null: deployment-wide. */
    agencyId: integer("agency_id").references(() => agencies.id),
    at: integer("at").notNull(),
    lastAt: integer("last_at").notNull(),
    count: integer("count").notNull().default(1),
    /** JSON details the messages are written from (ids, figures, names: no secrets). */
    data: text("data").notNull().default("{}"),
    mergeKey: text("merge_key"),
    onceKey: text("once_key"),
    dispatchedAt: integer("dispatched_at"),
  },
  (t) => [
    uniqueIndex("notify_events_merge_idx").on(t.mergeKey).where(sql`${t.dispatchedAt} is null`),
    uniqueIndex("notify_events_once_idx").on(t.onceKey),
    index("notify_events_undispatched_idx").on(t.id).where(sql`${t.dispatchedAt} is null`),
    index("notify_events_at_idx").on(t.at),
  ],
);

/** The last alert-relevant state seen per agency subtree (status, stale above threshold). */
export const notifyAgencyWatch = sqliteTable("notify_agency_watch", {
  agencyId: integer("agency_id")
    .primaryKey()
    .references(() => agencies.id),
  status: text("status").notNull(),
  staleAbove: integer("stale_above", { mode: "boolean" }).notNull().default(false),
  updatedAt: integer("updated_at").notNull(),
});

/** One person's choices; absent: the defaults of their role (server/notify/preferences.ts). */
export const notifyPreferences = sqliteTable("notify_preferences", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id),
  /** JSON { [event]: "off" | "immediate" | "digest" } over NOTIFY_EVENTS. */
  modes: text("modes").notNull(),
  /** JSON array of agency ids to hear about (within the person's scope); null: all of it. */
  agencies: text("agencies"),
  dailyDigest: integer("daily_digest", { mode: "boolean" }).notNull(),
  weeklySummary: integer("weekly_summary", { mode: "boolean" }).notNull(),
  /** UTC day of the last digest / weekly summary written to the outbox (one per day at most). */
  lastDailyDay: text("last_daily_day"),
  lastWeeklyDay: text("last_weekly_day"),
  updatedAt: integer("updated_at").notNull(),
});

/** Webhook channels an administrator configured: one agency subtree, or the whole deployment. */
export const notifyWebhooks = sqliteTable("notify_webhooks", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  agencyId: integer("agency_id").references(() => agencies.id),
  format: text("format", { enum: WEBHOOK_FORMATS }).notNull(),
  /** The URL and the signing secret, sealed (AES-256-GCM, key derived from the auth secret). */
  urlSealed: text("url_sealed").notNull(),
  secretSealed: text("secret_sealed").notNull(),
  /** Scheme and host only, for display: chat webhook URLs carry their credential in the path. */
  urlHint: text("url_hint").notNull(),
  /** JSON array of NOTIFY_EVENTS this channel receives. */
  events: text("events").notNull(),
  /** The language of its messages' words (Teams/Slack text, the standard JSON's title/detail). */
  locale: text("locale", { enum: LOCALES }).notNull().default("en"),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  createdBy: integer("created_by").references(() => users.id),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const MESSAGE_STATUSES = ["pending", "delivered", "dead"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * The delivery outbox: one rendered message for one recipient (a person's e-mail, or a webhook).
 * `uid` is the idempotency id sent with every attempt (Standard Webhooks `webhook-id`, e-mail
 * Message-ID). Content is frozen at creation, so a retry sends exactly the same message.
 */
export const notifyMessages = sqliteTable(
  "notify_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    uid: text("uid").notNull().unique(),
    channel: text("channel", { enum: ["email", "webhook"] }).notNull(),
    /** alert | daily | weekly | test */
    kind: text("kind").notNull(),
    userId: integer("user_id").references(() => users.id),
    webhookId: integer("webhook_id").references(() => notifyWebhooks.id),
    /** The e-mail address, or the webhook's name (never its URL). */
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    /** E-mail: plain text; webhook: the JSON body. */
    body: text("body").notNull(),
    html: text("html"),
    /** E-mail: JSON { unsubscribe: url } for the List-Unsubscribe headers. */
    meta: text("meta"),
    /** Agency ids whose data the message carries (JSON), for scope checks and the admin view. */
    agencyIds: text("agency_ids").notNull().default("[]"),
    status: text("status", { enum: MESSAGE_STATUSES }).notNull().default("pending"),
    /** Attempts since creation or the last manual retry; `dead` after MUSTER_NOTIFY_MAX_TRIES. */
    tries: integer("tries").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    deliveredAt: integer("delivered_at"),
  },
  (t) => [index("notify_messages_due_idx").on(t.status, t.nextAttemptAt), index("notify_messages_created_idx").on(t.createdAt)],
);

/** Every delivery attempt: started before sending, finished after (never finished: interrupted). */
export const notifyAttempts = sqliteTable(
  "notify_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    messageId: integer("message_id")
      .notNull()
      .references(() => notifyMessages.id),
    startedAt: integer("started_at").notNull(),
    finishedAt: integer("finished_at"),
    /** delivered | failed | interrupted (the server stopped while it was under way) */
    outcome: text("outcome"),
    detail: text("detail"),
  },
  (t) => [index("notify_attempts_message_idx").on(t.messageId), index("notify_attempts_open_idx").on(t.id).where(sql`${t.finishedAt} is null`)],
);
