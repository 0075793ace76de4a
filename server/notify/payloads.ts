// Webhook bodies. "standard": Muster's own JSON (signed per Standard Webhooks, see channels/webhook.ts)
// carrying every event with its figures; "teams": a Microsoft Teams Workflows message with an
// Adaptive Card; "slack": a Slack incoming-webhook message, which Mattermost also reads. The words
// (subject, titles, details, link labels) are in the channel's language (notify_webhooks.locale);
// the standard JSON's machine fields (type, agency, count, times, url, details) never change.
import type { WebhookFormat } from "../db/schema";
import type { AgencyInfo } from "./audience";
import { describeEvent, type StoredEvent } from "./describe";
import { alertSubject } from "./emails";
import { type Locale, t } from "./i18n";
import type { Item } from "./render";

export type WebhookContent = { subject: string; items: Item[]; base: string; locale: Locale };

/** Muster's own JSON: one notification with its events (type, agency, count, details, words, link). */
export function standardBody(c: WebhookContent, events: StoredEvent[], agencies: Map<number, AgencyInfo>, now: number, type = "muster.alerts"): unknown {
  return {
    type,
    timestamp: new Date(now).toISOString(),
    data: {
      subject: c.subject,
      events: events.map((e, i) => {
        const a = e.agencyId === null ? undefined : agencies.get(e.agencyId);
        return {
          id: e.id,
          type: e.kind,
          agency: a ? { code: a.code, name: a.name } : null,
          count: e.count,
          firstAt: new Date(e.at).toISOString(),
          lastAt: new Date(e.lastAt).toISOString(),
          title: c.items[i]!.title,
          detail: c.items[i]!.detail,
          url: c.items[i]!.url,
          details: e.data,
        };
      }),
    },
  };
}

/** Slack's escaping for text (and Mattermost's, which reads Slack's format). */
const slackEsc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function slackBody(c: WebhookContent): unknown {
  const lines = c.items.map((it) => `• ${slackEsc(it.title)}${it.detail ? `\n  ${slackEsc(it.detail)}` : ""}${it.url ? `\n  <${it.url}|${slackEsc(it.linkLabel ?? it.url)}>` : ""}`);
  return { text: `${slackEsc(c.subject)}\n${lines.join("\n")}` };
}

/** Adaptive Card text is Markdown: text from the data must not become a link ("[x](url)"). */
const teamsText = (t: string) => t.replace(/\]\(/g, "] (");

export function teamsBody(c: WebhookContent): unknown {
  const body: unknown[] = [{ type: "TextBlock", text: teamsText(c.subject), weight: "Bolder", size: "Medium", wrap: true }];
  for (const it of c.items) {
    body.push({
      type: "Container",
      separator: true,
      items: [
        { type: "TextBlock", text: teamsText(it.title), weight: "Bolder", wrap: true },
        ...(it.detail ? [{ type: "TextBlock", text: teamsText(it.detail), wrap: true, isSubtle: true }] : []),
        ...(it.url ? [{ type: "TextBlock", text: `[${it.linkLabel ?? it.url}](${it.url})`, wrap: true }] : []),
      ],
    });
  }
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body,
          actions: [{ type: "Action.OpenUrl", title: t(c.locale, "common.open"), url: c.base }],
        },
      },
    ],
  };
}

/** The JSON body for a channel of this format. */
export function webhookBody(format: WebhookFormat, events: StoredEvent[], agencies: Map<number, AgencyInfo>, base: string, now: number, locale: Locale = "en"): { subject: string; body: string } {
  const items = events.map((e) => describeEvent(locale, base, e, e.agencyId === null ? undefined : agencies.get(e.agencyId)));
  const subject = alertSubject(locale, events, items[0]!.title);
  const content = { subject, items, base, locale };
  const body = format === "teams" ? teamsBody(content) : format === "slack" ? slackBody(content) : standardBody(content, events, agencies, now);
  return { subject, body: JSON.stringify(body) };
}

/** A test message for a channel: the same shapes, one item. */
export function webhookTestBody(format: WebhookFormat, base: string, actor: string, now: number, locale: Locale = "en"): { subject: string; body: string } {
  const subject = t(locale, "test.subject");
  const items: Item[] = [{ title: subject, detail: t(locale, "test.body", { actor, channel: t(locale, `channel.${format}`) }), url: base, linkLabel: t(locale, "common.open") }];
  const content = { subject, items, base, locale };
  const body =
    format === "teams" ? teamsBody(content) : format === "slack" ? slackBody(content) : { type: "muster.test", timestamp: new Date(now).toISOString(), data: { subject, detail: items[0]!.detail } };
  return { subject, body: JSON.stringify(body) };
}
