import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { PageHeader } from "~/app/_components/page-header";
import { pageText } from "~/server/i18n/messages";
import { t as notifyText } from "~/server/notify/i18n";
import { getCaller } from "~/server/trpc/server";
import { PreferencesForm } from "./_components/preferences-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("title") };
}

export default async function NotificationsPage() {
  const [caller, t, locale] = await Promise.all([getCaller(), getTranslations("notifications"), getLocale()]);
  const [me, mine] = await Promise.all([caller.users.me(), caller.notifications.mine()]);
  // The events' names as the e-mails write them, in the page's language.
  const events = mine.events.map((e) => ({ id: e.id, label: pageText(notifyText(locale, `event.${e.id}.name`)) }));
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          me.role === "admin" ? (
            <Link className="btn" href="/notifications/channels">
              {t("channelsLink")}
            </Link>
          ) : undefined
        }
      />
      {!mine.email && (
        <div className="callout" role="note" style={{ marginBottom: "1rem" }}>
          {t("emailMissing")}
        </div>
      )}
      <PreferencesForm
        events={events}
        agencies={mine.agencies}
        initial={{ modes: mine.preferences.modes, agencies: mine.preferences.agencies, dailyDigest: mine.preferences.dailyDigest, weeklySummary: mine.preferences.weeklySummary }}
        saved={mine.preferences.saved}
        agencyOfficer={me.role === "agency_officer"}
      />
    </>
  );
}
