// The language of the unsubscribe pages: the e-mail's (`lang` in its link, carried through the
// form), else the browser's; and the catalog's words for what each link stops.
import { getTranslations } from "next-intl/server";
import { requestLocale } from "~/server/auth/locale";
import { isLocale, type Locale } from "~/server/i18n/locales";
import type { UnsubscribeTarget } from "~/server/notify/secrets";

export const TARGETS: readonly UnsubscribeTarget[] = ["alert", "daily", "weekly"];

export async function unsubscribeText(lang: string | undefined) {
  const locale: Locale = isLocale(lang) ? lang : await requestLocale();
  const t = await getTranslations({ locale, namespace: "notifications.unsubscribe" });
  const target = {
    alert: { title: t("alert.title"), what: t("alert.what"), button: t("alert.button"), done: t("alert.done") },
    daily: { title: t("daily.title"), what: t("daily.what"), button: t("daily.button"), done: t("daily.done") },
    weekly: { title: t("weekly.title"), what: t("weekly.what"), button: t("weekly.button"), done: t("weekly.done") },
  } satisfies Record<UnsubscribeTarget, unknown>;
  return {
    locale,
    title: t("title"),
    invalid: t("invalid"),
    invalidWhy: t("invalidWhy"),
    doneTitle: t("doneTitle"),
    doneHeading: t("doneHeading"),
    doneOther: t("doneOther"),
    target,
  };
}
