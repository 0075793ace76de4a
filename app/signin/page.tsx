import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "~/server/auth/callback-url";
import { oidcEnabled } from "~/server/auth/options";
import { getViewer } from "~/server/auth/session";
import { SignInForm } from "./_components/signin-form";
import { config } from "~/server/config";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signin"))("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (await getViewer()) redirect("/");
  const params = await searchParams;
  const t = await getTranslations();
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  return (
    <div className="signin-wrap">
      <main className="signin">
        <div className="signin-brand">
          <div className="brand-mark" style={{ margin: "0 auto", width: 40, height: 40, fontSize: 20 }} aria-hidden>
            M
          </div>
          <h1>{t("shell.brand")}</h1>
          <p>{t("shell.tagline")}</p>
        </div>
        <div className="card">
          <h2>{t("signin.heading")}</h2>
          <SignInForm callbackUrl={callbackUrl} oidc={oidcEnabled() ? config.oidc?.name || t("signin.yourOrganisation") : null} initialError={params.error ?? null} />
        </div>
        <p className="muted small" style={{ textAlign: "center", marginTop: "1rem" }}>
          {t("signin.notice")}
        </p>
      </main>
    </div>
  );
}
