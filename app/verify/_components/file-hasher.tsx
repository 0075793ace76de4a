"use client";
// Hashes a chosen file with the browser's own SHA-256 and looks the fingerprint up (a GET, so the
// answer is a page that can be shared); or takes a typed fingerprint.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

function hex(buf: ArrayBuffer): string {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function FileHasher({ initial }: { initial: string }) {
  const t = useTranslations("verify.form");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const sha = hex(await crypto.subtle.digest("SHA-256", await file.arrayBuffer()));
      router.push(`/verify?sha256=${sha}&file=${encodeURIComponent(file.name)}`);
    } catch (err) {
      setError(t("readError", { error: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card verify-form">
      <div className="field">
        <label htmlFor="verify-file">{t("file")}</label>
        <input id="verify-file" type="file" accept=".pdf,.json,.csv,application/pdf,application/json,text/csv" onChange={onFile} disabled={busy} />
      </div>
      <form method="get" action="/verify" className="row" style={{ alignItems: "flex-end", gap: ".5rem", flexWrap: "wrap" }}>
        <div className="field" style={{ flex: "1 1 28rem" }}>
          <label htmlFor="verify-sha">{t("sha")}</label>
          <input id="verify-sha" name="sha256" defaultValue={initial} className="mono" autoComplete="off" spellCheck={false} />
        </div>
        <button type="submit" className="btn btn-primary">
          {t("check")}
        </button>
      </form>
      {busy && <p className="small muted">{t("busy")}</p>}
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
