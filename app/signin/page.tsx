import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { oidcEnabled } from "~/server/auth/options";
import { getViewer } from "~/server/auth/session";
import { SignInForm } from "./_components/signin-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (await getViewer()) redirect("/");
  const params = await searchParams;
  const callbackUrl = params.callbackUrl?.startsWith("/") ? params.callbackUrl : "/";
  return (
    <div className="signin-wrap">
      <main className="signin">
        <div className="signin-brand">
          <div className="brand-mark" style={{ margin: "0 auto", width: 40, height: 40, fontSize: 20 }} aria-hidden>
            M
          </div>
          <h1>Muster</h1>
          <p>Removal of banned security software</p>
        </div>
        <div className="card">
          <h2>Sign in</h2>
          <SignInForm callbackUrl={callbackUrl} oidc={oidcEnabled() ? process.env.OIDC_NAME || "your organisation" : null} initialError={params.error ?? null} />
        </div>
        <p className="muted small" style={{ textAlign: "center", marginTop: "1rem" }}>
          Authorised use only. Sign-ins are recorded in the audit log.
        </p>
      </main>
    </div>
  );
}
