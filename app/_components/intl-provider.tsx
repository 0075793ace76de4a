"use client";
// The messages client components translate (server/i18n/client-messages.ts), shipped with the
// client code: a static chunk the browser caches once, instead of about 45 KB of JSON in every
// page's flight data that the server serialised on every request.
import { NextIntlClientProvider } from "next-intl";
import { catalog, type Messages } from "~/server/i18n/catalogs";
import { clientMessages } from "~/server/i18n/client-messages";
import type { Locale } from "~/server/i18n/locales";

/** Each language's client part, picked once (a stable object keeps next-intl's caches). */
const picked = new Map<Messages, Messages>();

export function IntlProvider({ locale, timeZone, pseudo, children }: { locale: Locale; timeZone: string; pseudo: boolean; children: React.ReactNode }) {
  const all = catalog(locale, pseudo);
  let messages = picked.get(all);
  if (!messages) picked.set(all, (messages = clientMessages(all)));
  return (
    <NextIntlClientProvider locale={locale} timeZone={timeZone} messages={messages}>
      {children}
    </NextIntlClientProvider>
  );
}
