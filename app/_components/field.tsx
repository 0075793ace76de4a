// A labelled form control with its error beside it.
import { useId } from "react";

type Props = {
  label: string;
  error?: string[] | string;
  hint?: string;
  children: (id: string, invalid: boolean, describedBy: string | undefined) => React.ReactNode;
};

export function Field({ label, error, hint, children }: Props) {
  const id = useId();
  const message = Array.isArray(error) ? error[0] : error;
  const describedBy = [message ? `${id}-err` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id, Boolean(message), describedBy)}
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {message && (
        <span className="error" id={`${id}-err`} role="alert">
          {message}
        </span>
      )}
    </div>
  );
}
