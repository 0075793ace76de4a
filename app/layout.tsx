import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { clientMessages } from "~/server/i18n/client-messages";
import type { Messages } from "~/server/i18n/messages";
import "./globals.css";
import { TRPCReactProvider } from "./_trpc/client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shell");
  return { title: { default: t("brand"), template: `%s · ${t("brand")}` }, description: t("tagline") };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  // Only what client components translate: the whole catalog was about 100 KB in every page.
  const messages = clientMessages((await getMessages()) as Messages);
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider messages={messages}>
          <TRPCReactProvider>{children}</TRPCReactProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
