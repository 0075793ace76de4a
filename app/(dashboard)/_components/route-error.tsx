"use client";
// What a page shows when loading its data failed: a plain message and a retry.
import { useTranslations } from "next-intl";
import { useEffect } from "react";

export function RouteError({ error, reset, what }: { error: Error & { digest?: string }; reset: () => void; what: string }) {
  const t = useTranslations("loading.failed");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="card" role="alert">
      <h1>{t("title", { what })}</h1>
      <p className="muted">{error.digest ? t.rich("textWithReference", { digest: error.digest, code: (chunks) => <code>{chunks}</code> }) : t("text")}</p>
      <button type="button" className="btn btn-primary" onClick={reset}>
        {t("retry")}
      </button>
    </div>
  );
}
