"use client";
// Withdraws a local rule (officers): the entries it matched go back to what the built-in catalog
// says, at once. The rule stays listed as withdrawn (the history is kept, and audited).
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { errorMessage } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";

export function RetireButton({ ruleId, label }: { ruleId: number; label: string }) {
  const trpc = useTRPC();
  const t = useTranslations("catalog.retire");
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const retire = useMutation(
    trpc.catalog.retire.mutationOptions({
      onSuccess: () => {
        dialog.current?.close();
        router.refresh();
      },
    }),
  );
  return (
    <>
      <button type="button" className="btn btn-small btn-danger" onClick={() => dialog.current?.showModal()} aria-label={t("label", { id: ruleId })}>
        {t("button")}
      </button>
      <dialog ref={dialog} className="modal" aria-labelledby={`retire-${ruleId}`}>
        <h2 id={`retire-${ruleId}`}>{t("title", { id: ruleId })}</h2>
        <p>
          {label} {t("help")}
        </p>
        {retire.error && (
          <div className="form-error" role="alert">
            {errorMessage(retire.error)}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => dialog.current?.close()}>
            {t("cancel")}
          </button>
          <button type="button" className="btn btn-danger" disabled={retire.isPending} onClick={() => retire.mutate({ ruleId })}>
            {retire.isPending ? t("pending") : t("confirm")}
          </button>
        </div>
      </dialog>
    </>
  );
}
