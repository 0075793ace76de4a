"use client";
// Puts a policy in force or withdraws it (administrators): a dialog first says how many endpoints
// the change affects (computed by the server from current data), then asks to confirm.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { errorMessage } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";

export function PolicyToggle({ policyId, name, active }: { policyId: number; name: string; active: boolean }) {
  const trpc = useTRPC();
  const t = useTranslations("policies.toggle");
  const format = useFormatter();
  const router = useRouter();
  const queries = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const target = !active;
  const preview = useQuery({ ...trpc.policies.previewChange.queryOptions({ policyId, active: target }), enabled: open, staleTime: 0 });
  const change = useMutation(
    trpc.policies.setActive.mutationOptions({
      onSuccess: () => {
        dialog.current?.close();
        setOpen(false);
        // The re-evaluation runs after the answer: the status above the table follows it.
        void queries.invalidateQueries({ queryKey: trpc.policies.reevaluation.queryKey() });
        router.refresh();
      },
    }),
  );
  const show = () => {
    setOpen(true);
    dialog.current?.showModal();
  };
  return (
    <>
      <button type="button" className={`btn btn-small ${active ? "btn-danger" : "btn-primary"}`} onClick={show} aria-label={t(active ? "withdrawLabel" : "putInForceLabel", { name })}>
        {active ? t("withdraw") : t("putInForce")}
      </button>
      <dialog ref={dialog} className="modal" aria-labelledby={`policy-${policyId}-title`} onClose={() => setOpen(false)}>
        <h2 id={`policy-${policyId}-title`}>{t(target ? "titleInForce" : "titleWithdraw", { name })}</h2>
        {preview.isPending && <p aria-live="polite">{t("counting")}</p>}
        {preview.error && (
          <div className="form-error" role="alert">
            {errorMessage(preview.error)}
          </div>
        )}
        {preview.data && (
          <p data-testid="policy-impact" aria-live="polite">
            {t.rich("impact", {
              count: preview.data.endpointsAffected,
              inScope: format.number(preview.data.endpointsInScope),
              strong: (chunks) => <strong>{chunks}</strong>,
            })}{" "}
            {target ? t("impactInForce") : t("impactWithdraw")} {t("impactAudit")}
          </p>
        )}
        {change.error && (
          <div className="form-error" role="alert">
            {errorMessage(change.error)}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => dialog.current?.close()}>
            {t("cancel")}
          </button>
          <button type="button" className="btn btn-primary" disabled={!preview.data || change.isPending} onClick={() => change.mutate({ policyId, active: target })}>
            {change.isPending ? t("applying") : target ? t("confirmInForce") : t("confirmWithdraw")}
          </button>
        </div>
      </dialog>
    </>
  );
}
