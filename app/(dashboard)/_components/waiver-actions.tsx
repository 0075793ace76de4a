"use client";
// Waiver workflow buttons: request (with justification and expiry) and approve / reject.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { errorMessage, fieldErrors } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";

export function WaiverDecision({ waiverId, label }: { waiverId: number; label: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [note, setNote] = useState("");
  const approve = useMutation(trpc.findings.approveWaiver.mutationOptions({ onSuccess: () => router.refresh() }));
  const reject = useMutation(trpc.findings.rejectWaiver.mutationOptions({ onSuccess: () => router.refresh() }));
  const error = approve.error ?? reject.error;
  const busy = approve.isPending || reject.isPending;
  const noteId = useId();
  return (
    <div className="stack" style={{ gap: ".35rem" }}>
      <label htmlFor={noteId} className="sr-only">
        Decision note for {label}
      </label>
      <input id={noteId} placeholder="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} style={{ minHeight: 28, fontSize: 12.5 }} />
      <div className="row" style={{ gap: ".35rem" }}>
        <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => approve.mutate({ waiverId, note: note || undefined })} aria-label={`Approve waiver for ${label}`}>
          Approve
        </button>
        <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => reject.mutate({ waiverId, note: note || undefined })} aria-label={`Reject waiver for ${label}`}>
          Reject
        </button>
      </div>
      {error && (
        <span className="error small" role="alert">
          {errorMessage(error)}
        </span>
      )}
    </div>
  );
}

/** "Request waiver" button that opens a dialog asking for a justification and an expiry. */
export function RequestWaiverButton({ findingId, label }: { findingId: number; label: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [done, setDone] = useState(false);
  const request = useMutation(
    trpc.findings.requestWaiver.mutationOptions({
      onSuccess: () => {
        setDone(true);
        dialog.current?.close();
        router.refresh();
      },
    }),
  );
  const errors = fieldErrors(request.error);
  const ids = { j: useId(), e: useId(), t: useId() };
  const defaultExpiry = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  const maxExpiry = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
  const minExpiry = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const day = String(f.get("expires") ?? "");
    request.mutate({ findingId, justification: String(f.get("justification") ?? ""), expiresAt: Date.parse(`${day}T23:59:59Z`) });
  }

  if (done) return <span className="badge badge-info">Waiver requested</span>;
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => dialog.current?.showModal()} aria-label={`Request waiver for ${label}`}>
        Request waiver
      </button>
      <dialog ref={dialog} className="modal" aria-labelledby={ids.t}>
        <form className="form" onSubmit={submit} aria-label="Request waiver">
          <h2 id={ids.t}>Request a waiver</h2>
          <p className="small muted">
            For {label}. An administrator or officer other than you decides; while approved and unexpired, the finding counts as excepted.
          </p>
          {request.error && !Object.keys(errors).length && (
            <div className="form-error" role="alert">
              {errorMessage(request.error)}
            </div>
          )}
          <div className="field">
            <label htmlFor={ids.j}>Justification</label>
            <textarea id={ids.j} name="justification" required minLength={20} maxLength={2000} aria-invalid={Boolean(errors.justification)} aria-describedby={`${ids.j}-h`} />
            <span className="hint" id={`${ids.j}-h`}>
              Why the product must stay for now (at least 20 characters).
            </span>
            {errors.justification && (
              <span className="error" role="alert">
                {errors.justification[0]}
              </span>
            )}
          </div>
          <div className="field">
            <label htmlFor={ids.e}>Expires on</label>
            <input id={ids.e} name="expires" type="date" required defaultValue={defaultExpiry} min={minExpiry} max={maxExpiry} />
          </div>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={request.isPending}>
              {request.isPending ? "Sending…" : "Send request"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
