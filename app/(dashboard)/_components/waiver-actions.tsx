"use client";
// Waiver workflow: a request (one finding, or every banned product of a machine) with its
// justification, compensating controls and expiry (by default no later than the agency's deadline;
// later only with a reason), and the decision, confirmed in a dialog with a decision note. The
// dialogs are portalled to the document body, so a table cell never narrows or clips them. A field
// the server flags is worded here in the viewer's language: each field has one rule (its length
// after trimming), so the message states that rule; the server's English text is for API callers.
import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { errorMessage, fieldErrors } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";
import { makeFormat } from "~/app/_components/format-rules";
import { INTL_LOCALES } from "~/server/i18n/locales";

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A UTC day (YYYY-MM-DD) in the viewer's language. */
const useShowDay = () => makeFormat(INTL_LOCALES[useLocale()]).day;

/** A modal <dialog> rendered at the end of <body>, opened while `open` is true. */
function Modal({ open, onClose, labelledBy, children }: { open: boolean; onClose: () => void; labelledBy: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the dialog exists only once mounted, so the effect re-runs then.
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open, mounted]);
  if (!mounted) return null;
  return createPortal(
    <dialog ref={ref} className="modal" aria-labelledby={labelledBy} onClose={onClose} onCancel={onClose}>
      {children}
    </dialog>,
    document.body,
  );
}

export type WaiverSummary = {
  hostname: string;
  products: string[];
  justification: string;
  compensatingControls: string;
  extensionReason: string | null;
  expiresOn: string;
  requestedBy: string;
};

/** Approve / Reject, each confirmed in a dialog that shows the request and asks for a decision note. */
export function WaiverDecision({ waiverId, label, summary }: { waiverId: number; label: string; summary: WaiverSummary }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [action, setAction] = useState<"approve" | "reject" | null>(null);
  const close = () => setAction(null);
  const done = { onSuccess: () => (close(), router.refresh()) };
  const approve = useMutation(trpc.findings.approveWaiver.mutationOptions(done));
  const reject = useMutation(trpc.findings.rejectWaiver.mutationOptions(done));
  const m = action === "reject" ? reject : approve;
  const errors = fieldErrors(m.error);
  const ids = { t: useId(), n: useId() };
  const t = useTranslations("waivers.decide");
  const tc = useTranslations("common");
  const showDay = useShowDay();

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const note = String(new FormData(e.currentTarget).get("note") ?? "");
    m.mutate({ waiverId, note });
  }

  return (
    <>
      <div className="row" style={{ gap: ".35rem" }}>
        <button type="button" className="btn btn-small btn-primary" onClick={() => setAction("approve")} aria-label={t("approveFor", { label })}>
          {t("approveButton")}
        </button>
        <button type="button" className="btn btn-small btn-danger" onClick={() => setAction("reject")} aria-label={t("rejectFor", { label })}>
          {t("rejectButton")}
        </button>
      </div>
      <Modal open={action !== null} onClose={close} labelledBy={ids.t}>
        <form className="form" onSubmit={submit} aria-label={action === "reject" ? t("reject") : t("approve")}>
          <h2 id={ids.t}>{action === "reject" ? t("rejectTitle") : t("approveTitle")}</h2>
          <dl className="kv small">
            <dt>{t("endpoint")}</dt>
            <dd className="mono">{summary.hostname}</dd>
            <dt>{t("products", { count: summary.products.length })}</dt>
            <dd>{summary.products.join(", ")}</dd>
            <dt>{t("requestedBy")}</dt>
            <dd>{summary.requestedBy}</dd>
            <dt>{t("justification")}</dt>
            <dd>{summary.justification}</dd>
            <dt>{t("controls")}</dt>
            <dd>{summary.compensatingControls || "—"}</dd>
            <dt>{t("expires")}</dt>
            <dd>
              {showDay(summary.expiresOn)}
              {summary.extensionReason ? <div className="muted">{t("beyondBecause", { reason: summary.extensionReason })}</div> : null}
            </dd>
          </dl>
          {m.error && !Object.keys(errors).length && (
            <div className="form-error" role="alert">
              {errorMessage(m.error)}
            </div>
          )}
          <div className="field">
            <label htmlFor={ids.n}>{t("note")}</label>
            <textarea id={ids.n} name="note" required minLength={5} maxLength={2000} aria-invalid={Boolean(errors.note)} />
            <span className="hint">{t("noteHint", { min: 5 })}</span>
            {errors.note && (
              <span className="error" role="alert">
                {t("noteError", { min: 5 })}
              </span>
            )}
          </div>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={close}>
              {tc("cancel")}
            </button>
            <button type="submit" className={`btn ${action === "reject" ? "btn-danger" : "btn-primary"}`} disabled={m.isPending}>
              {m.isPending ? tc("saving") : action === "reject" ? t("reject") : t("approve")}
            </button>
          </div>
        </form>
      </Modal>
    </>
  );
}

type RequestProps = {
  label: string;
  /** One finding, or every open finding of this endpoint. */
  findingId?: number;
  endpointId?: number;
  products?: string[];
  /** The agency's removal deadline (YYYY-MM-DD), if any. */
  deadline: string | null;
  buttonLabel?: string;
};

/** "Request waiver" button opening a dialog: justification, compensating controls, expiry. */
export function RequestWaiverButton({ label, findingId, endpointId, products, deadline, buttonLabel }: RequestProps) {
  const t = useTranslations("waivers.request");
  const tc = useTranslations("common");
  const showDay = useShowDay();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const now = Date.now();
  const minExpiry = isoDay(now + DAY);
  const maxExpiry = isoDay(now + 365 * DAY);
  const deadlineOk = deadline !== null && deadline >= minExpiry;
  const defaultExpiry = deadlineOk && deadline! < isoDay(now + 90 * DAY) ? deadline! : isoDay(now + (deadline === null || deadlineOk ? 90 : 30) * DAY);
  const [expiry, setExpiry] = useState(defaultExpiry);
  const request = useMutation(
    trpc.findings.requestWaiver.mutationOptions({
      onSuccess: () => {
        setDone(true);
        setOpen(false);
        router.refresh();
      },
    }),
  );
  const errors = fieldErrors(request.error);
  const ids = { j: useId(), c: useId(), e: useId(), x: useId(), t: useId() };
  const beyond = deadline !== null && expiry > deadline;

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const day = String(f.get("expires") ?? "");
    request.mutate({
      ...(endpointId !== undefined ? { endpointId } : { findingId }),
      justification: String(f.get("justification") ?? ""),
      compensatingControls: String(f.get("controls") ?? ""),
      extensionReason: beyond ? String(f.get("extension") ?? "") : undefined,
      expiresAt: Date.parse(`${day}T23:59:59Z`),
    });
  }

  if (done) return <span className="badge badge-info">{t("done")}</span>;
  const button = buttonLabel ?? t("button");
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)} aria-label={t("buttonFor", { button, label })}>
        {button}
      </button>
      <Modal open={open} onClose={() => setOpen(false)} labelledBy={ids.t}>
        <form className="form" onSubmit={submit} aria-label={t("button")}>
          <h2 id={ids.t}>{t("title")}</h2>
          <p className="small muted">
            {products && products.length > 1 ? t("forMany", { label, products: products.join(", ") }) : t("forOne", { label })} {t("who")}
          </p>
          {request.error && !Object.keys(errors).length && (
            <div className="form-error" role="alert">
              {errorMessage(request.error)}
            </div>
          )}
          <div className="field">
            <label htmlFor={ids.j}>{t("justification")}</label>
            <textarea id={ids.j} name="justification" required minLength={20} maxLength={2000} aria-invalid={Boolean(errors.justification)} aria-describedby={`${ids.j}-h`} />
            <span className="hint" id={`${ids.j}-h`}>
              {t("justificationHint", { min: 20 })}
            </span>
            {errors.justification && (
              <span className="error" role="alert">
                {t("justificationError", { min: 20 })}
              </span>
            )}
          </div>
          <div className="field">
            <label htmlFor={ids.c}>{t("controls")}</label>
            <textarea id={ids.c} name="controls" required minLength={10} maxLength={2000} aria-invalid={Boolean(errors.compensatingControls)} aria-describedby={`${ids.c}-h`} />
            <span className="hint" id={`${ids.c}-h`}>
              {t("controlsHint", { min: 10 })}
            </span>
            {errors.compensatingControls && (
              <span className="error" role="alert">
                {t("controlsError", { min: 10 })}
              </span>
            )}
          </div>
          <div className="field">
            <label htmlFor={ids.e}>{t("expires")}</label>
            <input id={ids.e} name="expires" type="date" required value={expiry} onChange={(e) => setExpiry(e.target.value)} min={minExpiry} max={maxExpiry} aria-describedby={`${ids.e}-h`} />
            <span className="hint" id={`${ids.e}-h`}>
              {deadline ? t("deadlineHint", { day: showDay(deadline) }) : t("noDeadline")}
            </span>
          </div>
          {beyond && (
            <div className="field">
              <label htmlFor={ids.x}>{t("extension")}</label>
              <textarea id={ids.x} name="extension" required minLength={20} maxLength={2000} aria-invalid={Boolean(errors.extensionReason)} />
              {errors.extensionReason && (
                <span className="error" role="alert">
                  {t("extensionError", { day: deadline ? showDay(deadline) : "—", min: 20 })}
                </span>
              )}
            </div>
          )}
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              {tc("cancel")}
            </button>
            <button type="submit" className="btn btn-primary" disabled={request.isPending}>
              {request.isPending ? t("sending") : t("send")}
            </button>
          </div>
        </form>
      </Modal>
    </>
  );
}
