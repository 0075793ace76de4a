"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  AccessDenied: "Your identity provider signed you in, but no Muster account exists for you. Ask an administrator.",
  SessionRequired: "Please sign in to continue.",
};

export function SignInForm(props: { callbackUrl: string; oidc: string | null; initialError: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(props.initialError ? (MESSAGES[props.initialError] ?? props.initialError) : null);
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
      setError(res?.error ? (MESSAGES[res.error] ?? res.error) : "Sign-in failed. Try again.");
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
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required autoFocus />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button className="btn btn-primary" type="submit" disabled={pending} style={{ justifyContent: "center" }}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      {props.oidc && (
        <button
          className="btn"
          type="button"
          style={{ justifyContent: "center" }}
          onClick={() => void signIn("oidc", { callbackUrl: props.callbackUrl })}
        >
          {`Sign in with ${props.oidc}`}
        </button>
      )}
    </form>
  );
}
