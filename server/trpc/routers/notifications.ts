// Notifications: everyone manages their own subscriptions; administrators configure webhook
// channels, see the e-mail relay's settings and the outbox, retry dead messages and send tests.
import { z } from "zod";
import { emailStatus, listMessages, messageAttempts, outboxSummary, retryMessages, sendTestMessage, ZListMessagesSchema, ZRetrySchema, ZTestChannelSchema } from "../../notify/admin";
import { NOTIFY_EVENTS } from "../../db/schema";
import { LOCALES, t } from "../../notify/i18n";
import { pickableAgencies, readPreferences, updateMyPreferences, ZPreferencesSchema } from "../../notify/preferences";
import { userLocale } from "../../notify/store";
import { createWebhook, listWebhooks, updateWebhook, ZCreateWebhookSchema, ZUpdateWebhookSchema } from "../../notify/webhooks";
import { adminProcedure, protectedProcedure, router } from "../init";

export const notificationsRouter = router({
  mine: protectedProcedure.query(({ ctx }) => {
    const locale = userLocale(ctx.db, ctx.viewer.id) ?? "en";
    return {
      events: NOTIFY_EVENTS.map((id) => ({ id, label: t(locale, `event.${id}.name`) })),
      preferences: readPreferences(ctx.db, ctx.viewer.id, ctx.viewer.role),
      agencies: pickableAgencies(ctx.db, ctx.viewer).map(({ id, code, name, depth }) => ({ id, code, name, depth })),
      locale,
      locales: LOCALES,
      email: emailStatus().configured,
    };
  }),
  updateMine: protectedProcedure.input(ZPreferencesSchema).mutation(({ ctx, input }) => updateMyPreferences(ctx.db, ctx.viewer, ctx.scope, ctx.actor, input)),
  channels: adminProcedure.query(({ ctx }) => ({
    email: emailStatus(),
    webhooks: listWebhooks(ctx.db),
    outbox: outboxSummary(ctx.db),
    events: NOTIFY_EVENTS.map((id) => ({ id, label: t("en", `event.${id}.name`) })),
  })),
  createWebhook: adminProcedure.input(ZCreateWebhookSchema).mutation(({ ctx, input }) => createWebhook(ctx.db, ctx.actor, input)),
  updateWebhook: adminProcedure.input(ZUpdateWebhookSchema).mutation(({ ctx, input }) => updateWebhook(ctx.db, ctx.actor, input)),
  messages: adminProcedure.input(ZListMessagesSchema).query(({ ctx, input }) => listMessages(ctx.db, input)),
  attempts: adminProcedure.input(z.object({ messageId: z.number().int().positive() })).query(({ ctx, input }) => messageAttempts(ctx.db, input.messageId)),
  retry: adminProcedure.input(ZRetrySchema).mutation(({ ctx, input }) => retryMessages(ctx.db, ctx.actor, input)),
  test: adminProcedure.input(ZTestChannelSchema).mutation(({ ctx, input }) => sendTestMessage(ctx.db, ctx.viewer, ctx.actor, input)),
});
