import { requireViewer } from "~/server/auth/session";
import { getDb } from "~/server/db/client";
import { agencies } from "~/server/db/schema";
import { eq } from "drizzle-orm";
import { Nav } from "./_components/nav";
import { SignOutButton } from "./_components/sign-out-button";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "./_components/language-switcher";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer();
  const t = await getTranslations();
  const agency = viewer.agencyId !== null ? getDb().select({ code: agencies.code, name: agencies.name }).from(agencies).where(eq(agencies.id, viewer.agencyId)).get() : undefined;
  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        {t("shell.skipToContent")}
      </a>
      <aside className="sidebar" aria-label={t("shell.mainNavigation")}>
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            M
          </span>
          Muster
        </div>
        <Nav role={viewer.role} />
        <div className="sidebar-foot">
          <div className="who" data-testid="viewer-email">
            {viewer.email}
          </div>
          <div data-testid="viewer-role">
            {t(`roles.${viewer.role}`)}
            {agency ? ` · ${agency.code}` : ""}
          </div>
          <LanguageSwitcher />
          <SignOutButton />
        </div>
      </aside>
      <main className="main" id="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
