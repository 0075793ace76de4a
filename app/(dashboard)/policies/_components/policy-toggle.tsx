"use client";
// Puts a policy in force or withdraws it (administrators): a dialog first says how many endpoints
// the change affects (computed by the server from current data), then asks to confirm.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { errorMessage } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";

export function PolicyToggle({ policyId, name, active }: { policyId: number; name: string; active: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const target = !active;
  const preview = useQuery({ ...trpc.policies.previewChange.queryOptions({ policyId, active: target }), enabled: open, staleTime: 0 });
  const change = useMutation(
    trpc.policies.setActive.mutationOptions({
      onSuccess: () => {
        dialog.current?.close();
        setOpen(false);
        router.refresh();
      },
    }),
  );
  const show = () => {
    setOpen(true);
    dialog.current?.showModal();
  };
  const fmt = new Intl.NumberFormat();
  return (
    <>
      <button type="button" className={`btn btn-small ${active ? "btn-danger" : "btn-primary"}`} onClick={show} aria-label={`${active ? "Withdraw" : "Put in force"}: ${name}`}>
        {active ? "Withdraw" : "Put in force"}
      </button>
      <dialog ref={dialog} className="modal" aria-labelledby={`policy-${policyId}-title`} onClose={() => setOpen(false)}>
        <h2 id={`policy-${policyId}-title`}>
          {target ? "Put in force" : "Withdraw"}: {name}?
        </h2>
        {preview.isPending && <p aria-live="polite">Counting the endpoints this affects…</p>}
        {preview.error && (
          <div className="form-error" role="alert">
            {errorMessage(preview.error)}
          </div>
        )}
        {preview.data && (
          <p data-testid="policy-impact" aria-live="polite">
            This will change the findings of <strong>{fmt.format(preview.data.endpointsAffected)}</strong>{" "}
            {preview.data.endpointsAffected === 1 ? "endpoint" : "endpoints"} ({fmt.format(preview.data.endpointsInScope)} have a product in its scope; the
            others are covered by another policy in force either way).{" "}
            {target
              ? "Their banned products become open findings."
              : "Findings that no other policy covers are withdrawn."}{" "}
            Every endpoint concerned is re-evaluated, and the change is recorded in the audit log.
          </p>
        )}
        {change.error && (
          <div className="form-error" role="alert">
            {errorMessage(change.error)}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={!preview.data || change.isPending} onClick={() => change.mutate({ policyId, active: target })}>
            {change.isPending ? "Applying…" : target ? "Confirm: put in force" : "Confirm: withdraw"}
          </button>
        </div>
      </dialog>
    </>
  );
}
