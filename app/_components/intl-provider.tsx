"use client";
// The messages client components translate (server/i18n/client-messages.ts), shipped with the
// client code: a static chunk the browser caches once, instead of about 45 KB of JSON in every
// page's flight data that the server serialised on every request.
import { NextIntlClientProvider } from "next-intl";
import en from "~/messages/en.json";
import nl from "~/messages/nl.json";
import { clientMessages } from "~/server/i18n/client-messages";
import type { Locale } from "~/server/i18n/locales";
import type { Messages } from "~/server/i18n/messages";
import { pseudoMessages } from "~/server/i18n/pseudo";

const CATALOGS: Record<Locale, Messages> = { en, nl };
const picked = new Map<string, Messages>();

function messagesOf(locale: Locale, pseudo: boolean): Messages {
  const key = `${locale}${pseudo ? "-pseudo" : ""}`;
  let m = picked.get(key);
  if (!m) {
    m = clientMessages(pseudo ? pseudoMessages(CATALOGS[locale]) : CATALOGS[locale]);
    picked.set(key, m);
  }
  return m;
}

export function IntlProvider({ locale, timeZone, pseudo, children }: { locale: Locale; timeZone: string; pseudo: boolean; children: React.ReactNode }) {
  return (
    <NextIntlClientProvider locale={locale} timeZone={timeZone} messages={messagesOf(locale, pseudo)}>
      {children}
    </NextIntlClientProvider>
  );
}
