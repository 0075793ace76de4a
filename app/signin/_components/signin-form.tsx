"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";

const KNOWN_ERRORS = ["CredentialsSignin", "AccessDenied", "SessionRequired"] as const;
type KnownError = (typeof KNOWN_ERRORS)[number];
const isKnown = (code: string): code is KnownError => (KNOWN_ERRORS as readonly string[]).includes(code);

export function SignInForm(props: { callbackUrl: string; oidc: string | null; initialError: string | null }) {
  const t = useTranslations("signin");
  const router = useRouter();
  const message = (code: string) => (isKnown(code) ? t(`errors.${code}`) : t("errors.failed"));
  const [error, setError] = useState<string | null>(props.initialError ? message(props.initialError) : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn("credentials", {
      redirect: false,
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    setPending(false);
    if (!res || res.error) {
      setError(message(res?.error ?? "failed"));
      return;
    }
    router.replace(props.callbackUrl);
    router.refresh();
  }

  return (
    <form className="form" onSubmit={onSubmit} aria-describedby={error ? "signin-error" : undefined}>
      {error && (
        <div className="form-error" id="signin-error" role="alert">
          {error}
        </div>
      )}
      <div className="field">
        <label htmlFor="email">{t("email")}</label>
        <input id="email" name="email" type="email" autoComplete="username" required autoFocus />
      </div>
      <div className="field">
        <label htmlFor="password">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button className="btn btn-primary" type="submit" disabled={pending} style={{ justifyContent: "center" }}>
        {pending ? t("pending") : t("submit")}
      </button>
      {props.oidc && (
        <button className="btn" type="button" style={{ justifyContent: "center" }} onClick={() => void signIn("oidc", { callbackUrl: props.callbackUrl })}>
          {t("withProvider", { provider: props.oidc })}
        </button>
      )}
    </form>
  );
}
