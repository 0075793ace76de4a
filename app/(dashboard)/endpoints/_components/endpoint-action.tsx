"use client";
// An action on one endpoint behind a confirmation dialog (revoke, re-admit): the mutation, then a refresh.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { errorMessage } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";

type Props = {
  endpointId: number;
  action: "revoke" | "admit";
  label: string;
  title: string;
  confirm: string;
  pendingLabel: string;
  danger?: boolean;
  children: React.ReactNode;
};

export function EndpointActionButton({ endpointId, action, label, title, confirm, pendingLabel, danger, children }: Props) {
  const t = useTranslations("common");
  const trpc = useTRPC();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const done = {
    onSuccess: () => {
      dialog.current?.close();
      router.refresh();
    },
  };
  const revoke = useMutation(trpc.endpointsAdmin.revoke.mutationOptions(done));
  const admit = useMutation(trpc.endpointsAdmin.admit.mutationOptions(done));
  const mutation = action === "revoke" ? revoke : admit;
  const titleId = `${action}-title`;
  return (
    <>
      <button type="button" className={danger ? "btn btn-danger" : "btn"} onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog ref={dialog} className="modal" aria-labelledby={titleId}>
        <h2 id={titleId}>{title}</h2>
        {children}
        {mutation.error && (
          <div className="form-error" role="alert">
            {errorMessage(mutation.error)}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => dialog.current?.close()}>
            {t("cancel")}
          </button>
          <button type="button" className="btn btn-primary" disabled={mutation.isPending} onClick={() => mutation.mutate({ endpointId })}>
            {mutation.isPending ? pendingLabel : confirm}
          </button>
        </div>
      </dialog>
    </>
  );
}
