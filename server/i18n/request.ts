// next-intl's request configuration: the viewer's chosen language, else the browser's
// (Accept-Language), with that language's messages. Pages and server components read it
// through next-intl (`getTranslations`, `getLocale`), client components through the provider.
import { getRequestConfig } from "next-intl/server";
import { headers } from "next/headers";
import { getViewer } from "../auth/session";
import { type Locale, negotiateLocale } from "./locales";
import { pageMessages } from "./messages";

export async function requestLocale(): Promise<Locale> {
  const viewer = await getViewer().catch(() => null);
  if (viewer?.locale) return viewer.locale;
  return negotiateLocale((await headers()).get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: pageMessages(locale) };
});
