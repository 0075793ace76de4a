// The frame of the pages an unsubscribe link leads to: no sign-in, no navigation, one card.
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import type { Locale } from "~/server/i18n/locales";

export async function Notice({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const t = await getTranslations({ locale, namespace: "notifications.unsubscribe" });
  return (
    <div className="notice-wrap" lang={locale}>
      <main className="signin">
        <div className="notice-brand">
          <span className="brand-mark" aria-hidden>
            M
          </span>
          Muster
        </div>
        <div className="card">
          {children}
          <p className="muted small" style={{ marginTop: "1rem" }}>
            {t.rich("allChoices", { link: (chunks) => <Link href="/notifications">{chunks}</Link> })}
          </p>
        </div>
      </main>
    </div>
  );
}
