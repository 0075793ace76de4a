import type { Metadata } from "next";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { config } from "~/server/config";
import type { Locale } from "~/server/i18n/locales";
import "./globals.css";
import { IntlProvider } from "./_components/intl-provider";
import { TRPCReactProvider } from "./_trpc/client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shell");
  return { title: { default: t("brand"), template: `%s · ${t("brand")}` }, description: t("tagline") };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = (await getLocale()) as Locale;
  return (
    <html lang={locale}>
      <body>
        <IntlProvider locale={locale} timeZone={await getTimeZone()} pseudo={config.pseudoLocale}>
          <TRPCReactProvider>{children}</TRPCReactProvider>
        </IntlProvider>
      </body>
    </html>
  );
}
