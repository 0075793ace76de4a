"use client";
// Publishing a draft, after an explicit confirmation: once published a report can never be
// changed or deleted, and the next report of the same scope is compared with it.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";

type Props = { agencyId: number | null; asOf: string; scopeLabel: string; dateLabel: string; previous: string | null };

export function PublishPanel({ agencyId, asOf, scopeLabel, dateLabel, previous }: Props) {
  const t = useTranslations("reports.publish");
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const publish = useMutation(trpc.reports.publish.mutationOptions({ onSuccess: (r) => router.push(`/reports/${r.id}`) }));
  return (
    <section className="card no-print publish-panel" aria-labelledby="publish-title">
      <h2 id="publish-title">{t("title")}</h2>
      {!confirming ? (
        <div className="row">
          <p className="muted" style={{ margin: 0 }}>
            {t("help")}
          </p>
          <span className="spacer" />
          <button type="button" className="btn btn-primary" onClick={() => setConfirming(true)}>
            {t("button")}
          </button>
        </div>
      ) : (
        <div role="alertdialog" aria-labelledby="publish-confirm-title" aria-describedby="publish-confirm-text" className="stack">
          <div>
            <h3 id="publish-confirm-title">{t("confirmTitle", { scope: scopeLabel, day: dateLabel })}</h3>
            <p id="publish-confirm-text">
              {t("confirmText")} {previous ? t("comparedWith", { previous }) : t("first")}
            </p>
          </div>
          {publish.error && (
            <p className="form-error" role="alert">
              {errorMessage(publish.error)}
            </p>
          )}
          <div className="row">
            <button type="button" className="btn btn-primary" disabled={publish.isPending} onClick={() => publish.mutate({ agencyId, asOf, confirm: true })}>
              {publish.isPending ? t("publishing") : t("confirm")}
            </button>
            <button type="button" className="btn" disabled={publish.isPending} onClick={() => setConfirming(false)}>
              {t("cancel")}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
