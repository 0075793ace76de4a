// next-intl's request configuration: the viewer's chosen language, else the browser's
// (Accept-Language), with that language's messages. Pages and server components read it
// through next-intl (`getTranslations`, `getLocale`), client components through the provider.
// It lives with the session it reads, above i18n/ (which the schema and lib/ import).
import { getRequestConfig } from "next-intl/server";
import { headers } from "next/headers";
import { type Locale, negotiateLocale } from "../i18n/locales";
import { pageMessages } from "../i18n/messages";
import { getViewer } from "./session";

export async function requestLocale(): Promise<Locale> {
  const viewer = await getViewer().catch(() => null);
  if (viewer?.locale) return viewer.locale;
  return negotiateLocale((await headers()).get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: pageMessages(locale) };
});
