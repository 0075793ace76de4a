import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { NOTIFY_EVENTS, WEBHOOK_FORMATS, MESSAGE_STATUSES } from "../schema/notify";
import { LOCALES } from "../../i18n/locales";
import { agencies } from "./agencies";
import { users } from "./users";

/**
 * The event outbox: written in the same transaction as the change that causes it. Frequent kinds
 * (new findings, reinstalls) are counters: while undispatched, one row per kind and agency
 * (`merge_key`) absorbs every further occurrence, so a mass re-evaluation adds to one row per
 * agency. One-off reminders carry `once_key` and are written at most once. The worker turns due
 * rows into messages (notify_messages) and stamps `dispatched_at`; rows are kept as evidence.
 */
export const notifyEvents = pgTable(
  "notify_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    kind: text("kind", { enum: NOTIFY_EVENTS }).notNull(),
    /** The agency concerned (its subtree for roll-up events); null: deployment-wide. */
    agencyId: bigint("agency_id", { mode: "number" }).references(() => agencies.id),
    at: bigint("at", { mode: "number" }).notNull(),
    lastAt: bigint("last_at", { mode: "number" }).notNull(),
    count: integer("count").notNull().default(1),
    /** JSON details the messages are written from (ids, figures, names: no secrets). */
    data: text("data").notNull().default("{}"),
    mergeKey: text("merge_key"),
    onceKey: text("once_key"),
    dispatchedAt: bigint("dispatched_at", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("notify_events_merge_idx").on(t.mergeKey).where(sql`${t.dispatchedAt} is null`),
    uniqueIndex("notify_events_once_idx").on(t.onceKey),
    index("notify_events_undispatched_idx").on(t.id).where(sql`${t.dispatchedAt} is null`),
    index("notify_events_at_idx").on(t.at),
  ],
);

/** The last alert-relevant state seen per agency subtree (status, stale above threshold). */
export const notifyAgencyWatch = pgTable("notify_agency_watch", {
  agencyId: bigint("agency_id", { mode: "number" })
    .primaryKey()
    .references(() => agencies.id),
  status: text("status").notNull(),
  staleAbove: boolean("stale_above").notNull().default(false),
  updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
});

/** One person's choices; absent: the defaults of their role (server/notify/preferences.ts). */
export const notifyPreferences = pgTable("notify_preferences", {
  userId: bigint("user_id", { mode: "number" })
    .primaryKey()
    .references(() => users.id),
  /** JSON { [event]: "off" | "immediate" | "digest" } over NOTIFY_EVENTS. */
  modes: text("modes").notNull(),
  /** JSON array of agency ids to hear about (within the person's scope); null: all of it. */
  agencies: text("agencies"),
  dailyDigest: boolean("daily_digest").notNull(),
  weeklySummary: boolean("weekly_summary").notNull(),
  /** UTC day of the last digest / weekly summary written to the outbox (one per day at most). */
  lastDailyDay: text("last_daily_day"),
  lastWeeklyDay: text("last_weekly_day"),
  updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
});

/** Webhook channels an administrator configured: one agency subtree, or the whole deployment. */
export const notifyWebhooks = pgTable("notify_webhooks", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
  name: text("name").notNull(),
  agencyId: bigint("agency_id", { mode: "number" }).references(() => agencies.id),
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
  enabled: boolean("enabled").notNull().default(true),
  createdBy: bigint("created_by", { mode: "number" }).references(() => users.id),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
  updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
});

/**
 * The delivery outbox: one rendered message for one recipient (a person's e-mail, or a webhook).
 * `uid` is the idempotency id sent with every attempt (Standard Webhooks `webhook-id`, e-mail
 * Message-ID). Content is frozen at creation, so a retry sends exactly the same message.
 */
export const notifyMessages = pgTable(
  "notify_messages",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    uid: text("uid").notNull().unique(),
    channel: text("channel", { enum: ["email", "webhook"] }).notNull(),
    /** alert | daily | weekly | test */
    kind: text("kind").notNull(),
    userId: bigint("user_id", { mode: "number" }).references(() => users.id),
    webhookId: bigint("webhook_id", { mode: "number" }).references(() => notifyWebhooks.id),
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
    nextAttemptAt: bigint("next_attempt_at", { mode: "number" }).notNull(),
    lastError: text("last_error"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    deliveredAt: bigint("delivered_at", { mode: "number" }),
  },
  (t) => [index("notify_messages_due_idx").on(t.status, t.nextAttemptAt), index("notify_messages_created_idx").on(t.createdAt)],
);

/** Every delivery attempt: started before sending, finished after (never finished: interrupted). */
export const notifyAttempts = pgTable(
  "notify_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    messageId: bigint("message_id", { mode: "number" })
      .notNull()
      .references(() => notifyMessages.id),
    startedAt: bigint("started_at", { mode: "number" }).notNull(),
    finishedAt: bigint("finished_at", { mode: "number" }),
    /** delivered | failed | interrupted (the server stopped while it was under way) */
    outcome: text("outcome"),
    detail: text("detail"),
  },
  (t) => [index("notify_attempts_message_idx").on(t.messageId), index("notify_attempts_open_idx").on(t.id).where(sql`${t.finishedAt} is null`)],
);
