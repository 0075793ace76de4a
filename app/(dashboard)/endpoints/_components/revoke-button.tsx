"use client";
// Revokes an endpoint's credential after a confirmation (its next check-in is refused).
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { errorMessage } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";

export function RevokeEndpointButton({ endpointId, hostname }: { endpointId: number; hostname: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const revoke = useMutation(
    trpc.endpointsAdmin.revoke.mutationOptions({
      onSuccess: () => {
        dialog.current?.close();
        router.refresh();
      },
    }),
  );
  return (
    <>
      <button type="button" className="btn btn-danger" onClick={() => dialog.current?.showModal()}>
        Revoke endpoint
      </button>
      <dialog ref={dialog} className="modal" aria-labelledby="revoke-title">
        <h2 id="revoke-title">Revoke {hostname}?</h2>
        <p>
          Its device secret stops working at once: the agent&apos;s next report is refused and kept in its spool until the machine is enrolled again with
          a valid token. The endpoint stays in the figures and turns stale when it stops reporting.
        </p>
        {revoke.error && (
          <div className="form-error" role="alert">
            {errorMessage(revoke.error)}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={revoke.isPending} onClick={() => revoke.mutate({ endpointId })}>
            {revoke.isPending ? "Revoking…" : "Revoke"}
          </button>
        </div>
      </dialog>
    </>
  );
}
