import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LocalTime } from "~/app/_components/local-time";
import { PageHeader } from "~/app/_components/page-header";
import { pageText } from "~/server/i18n/messages";
import { EMAIL_NOT_CONFIGURED } from "~/server/notify/channels/not-configured";
import { t as notifyText } from "~/server/notify/i18n";
import { getCaller } from "~/server/trpc/server";
import { LOCALES } from "~/server/i18n/locales";
import { ChannelActions, RetryButton, WebhookLanguage } from "../_components/channel-actions";
import { WebhookForm } from "../_components/webhook-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications.channels"))("title") };
}

const STATUS_BADGE = { pending: "badge-info", delivered: "badge-clean", dead: "badge-banned" } as const;

export default async function ChannelsPage() {
  const [caller, t, tn, locale] = await Promise.all([getCaller(), getTranslations("notifications.channels"), getTranslations("notifications"), getLocale()]);
  const me = await caller.users.me();
  if (me.role !== "admin") notFound();
  const [channels, agencies, dead, recent] = await Promise.all([
    caller.notifications.channels(),
    caller.agencies.list(),
    caller.notifications.messages({ status: "dead", limit: 50 }),
    caller.notifications.messages({ limit: 20 }),
  ]);
  const { email, webhooks, outbox } = channels;
  // The events' names as the e-mails write them, in the page's language.
  const events = channels.events.map((e) => ({ id: e.id, label: pageText(notifyText(locale, `event.${e.id}.name`)) }));
  const label = new Map(events.map((e) => [e.id, e.label]));
  const languages = LOCALES.map((l) => ({ id: l, label: t(`languages.${l}`) }));
  return (
    <>
      <PageHeader title={t("title")} crumbs={<Link href="/notifications">{tn("title")}</Link>} description={t("description")} />

      <div className="grid grid-2">
        <section className="card" aria-labelledby="email-title">
          <div className="card-head">
            <h2 id="email-title">{t("emailTitle")}</h2>
            {email.configured && <ChannelActions kind="email" />}
          </div>
          {email.configured ? (
            <dl className="facts">
              <dt>{t("relay")}</dt>
              <dd className="mono">
                {email.host}:{email.port} ({t(`security.${email.security === "tls" || email.security === "starttls" ? email.security : "none"}`)})
              </dd>
              <dt>{t("authentication")}</dt>
              <dd>{email.authenticated ? t("authYes") : t("authNone")}</dd>
              <dt>{t("sender")}</dt>
              <dd>{email.from}</dd>
              <dt>{t("digests")}</dt>
              <dd>{t("digestsValue", { hour: String(email.digestHour).padStart(2, "0") })}</dd>
              <dt>{t("retries")}</dt>
              <dd>{t("retriesValue", { n: email.maxTries })}</dd>
            </dl>
          ) : (
            <p className="callout" role="note">
              {t.rich("notConfigured", { code: (c) => <code>{c}</code> })}
            </p>
          )}
        </section>
        <section className="card" aria-labelledby="outbox-title">
          <h2 id="outbox-title">{t("outbox")}</h2>
          <div className="row" style={{ gap: "1.5rem" }}>
            <div>
              <div className="muted small">{t("waiting")}</div>
              <div className="outbox-figure" data-testid="outbox-pending">
                {outbox.pending}
              </div>
            </div>
            <div>
              <div className="muted small">{t("delivered")}</div>
              <div className="outbox-figure">{outbox.delivered}</div>
            </div>
            <div>
              <div className="muted small">{t("dead")}</div>
              <div className="outbox-figure" data-testid="outbox-dead" style={{ color: outbox.dead ? "var(--bad)" : undefined }}>
                {outbox.dead}
              </div>
            </div>
          </div>
          <p className="muted small" style={{ marginTop: ".75rem" }}>
            {t("idNote")}
          </p>
        </section>
      </div>

      <section className="section" aria-labelledby="hooks-title">
        <div className="section-head">
          <h2 id="hooks-title">{t("webhooks")}</h2>
        </div>
        <div className="table-wrap">
          <table className="data">
            <caption className="sr-only">{t("webhooksCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("colName")}</th>
                <th scope="col">{t("colAgencies")}</th>
                <th scope="col">{t("colFormat")}</th>
                <th scope="col">{t("colLanguage")}</th>
                <th scope="col">{t("colAddress")}</th>
                <th scope="col">{t("colEvents")}</th>
                <th scope="col">{t("colStatus")}</th>
                <th scope="col">
                  <span className="sr-only">{t("colActions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {webhooks.length === 0 && (
                <tr>
                  <td colSpan={8} className="muted">
                    {t("noWebhook")}
                  </td>
                </tr>
              )}
              {webhooks.map((h) => (
                <tr key={h.id}>
                  <td>{h.name}</td>
                  <td>{h.agencyCode ?? <span className="muted">{t("wholeDeployment")}</span>}</td>
                  <td>{t(`formats.${h.format}`)}</td>
                  <td>
                    <WebhookLanguage id={h.id} name={h.name} locale={h.locale} languages={languages} />
                  </td>
                  <td className="mono small">{h.urlHint}</td>
                  <td className="small" title={h.events.map((e) => label.get(e as never) ?? e).join("\n")}>
                    {h.events.length === events.length ? t("eventsAll") : t("eventsSome", { n: h.events.length, total: events.length })}
                  </td>
                  <td>{h.enabled ? <span className="badge badge-clean">{t("on")}</span> : <span className="badge badge-neutral">{t("off")}</span>}</td>
                  <td className="num">
                    <ChannelActions kind="webhook" id={h.id} name={h.name} enabled={h.enabled} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="card" style={{ marginTop: "1rem" }}>
          <h3>{t("newWebhook")}</h3>
          <WebhookForm agencies={agencies.map((a) => ({ id: a.id, code: a.code, name: a.name, depth: a.depth }))} events={events} languages={languages} />
        </div>
      </section>

      <section className="section" aria-labelledby="dead-title">
        <div className="section-head">
          <h2 id="dead-title">{t("deadTitle")}</h2>
          {dead.length > 0 && <RetryButton allDead label={t("retryAll", { n: outbox.dead })} />}
        </div>
        <MessageTable t={t} items={dead} empty={t("deadEmpty")} retry />
      </section>

      <section className="section" aria-labelledby="recent-title">
        <h2 id="recent-title">{t("recentTitle")}</h2>
        <MessageTable t={t} items={recent} empty={t("recentEmpty")} />
      </section>
    </>
  );
}

type Item = Awaited<ReturnType<Awaited<ReturnType<typeof getCaller>>["notifications"]["messages"]>>[number];

type T = Awaited<ReturnType<typeof getTranslations<"notifications.channels">>>;

function MessageTable({ t, items, empty, retry }: { t: T; items: Item[]; empty: string; retry?: boolean }) {
  return (
    <div className="table-wrap">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t("colCreated")}</th>
            <th scope="col">{t("colTo")}</th>
            <th scope="col">{t("colSubject")}</th>
            <th scope="col">{t("colStatus")}</th>
            <th scope="col" className="num">
              {t("colTries")}
            </th>
            <th scope="col">{t("colLastError")}</th>
            {retry && (
              <th scope="col">
                <span className="sr-only">{t("colActions")}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={retry ? 7 : 6} className="muted">
                {empty}
              </td>
            </tr>
          )}
          {items.map((m) => (
            <tr key={m.id}>
              <td className="nowrap">
                <LocalTime ms={m.createdAt} />
              </td>
              <td>
                <span className="muted small">{m.channel === "email" ? t("channelEmail") : t("channelWebhook")}</span> {m.recipient}
              </td>
              <td>{m.subject}</td>
              <td>
                <span className={`badge ${STATUS_BADGE[m.status]}`}>{t(`statuses.${m.status}`)}</span>
              </td>
              <td className="num">{m.attempts}</td>
              <td className="small">{m.lastError === EMAIL_NOT_CONFIGURED ? t("emailNotConfigured") : (m.lastError ?? "—")}</td>
              {retry && (
                <td className="num">
                  <RetryButton id={m.id} label={t("retry")} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
