"use client";
// Creates an enrollment token: shown once, with a copy button and the install commands filled in.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field } from "~/app/_components/field";
import { errorMessage, fieldErrors } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";
import { CopyButton } from "../../_components/copy-button";
import { InstallPanel } from "./install-panel";

const DAY = 86_400_000;
const LIFETIMES = [
  ["1 day", DAY],
  ["7 days", 7 * DAY],
  ["30 days", 30 * DAY],
  ["90 days", 90 * DAY],
  ["1 year", 365 * DAY],
] as const;

type Props = { agencies: { id: number; code: string; name: string; depth: number }[]; serverUrl: string; sha256: string | null };

export function CreateTokenForm({ agencies, serverUrl, sha256 }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const [created, setCreated] = useState<{ token: string; agencyCode: string } | null>(null);
  const create = useMutation(
    trpc.enrollment.create.mutationOptions({
      onSuccess: (r) => {
        setCreated({ token: r.token, agencyCode: r.agencyCode });
        router.refresh();
      },
    }),
  );
  const errors = fieldErrors(create.error);
  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const maxUses = String(f.get("maxUses") ?? "").trim();
    setCreated(null);
    create.mutate({
      agencyId: Number(f.get("agency")),
      label: String(f.get("label") ?? "") || undefined,
      expiresInMs: Number(f.get("lifetime")),
      maxUses: maxUses ? Number(maxUses) : null,
    });
  }
  return (
    <>
      <form className="form" onSubmit={submit} aria-label="Create enrollment token">
        {create.error && !Object.keys(errors).length && (
          <div className="form-error" role="alert">
            {errorMessage(create.error)}
          </div>
        )}
        <div className="form-grid">
          <Field label="Agency" error={errors.agencyId}>
            {(id, invalid, d) => (
              <select id={id} name="agency" required aria-invalid={invalid} aria-describedby={d} defaultValue={agencies[0]?.id}>
                {agencies.map((a) => (
                  <option key={a.id} value={a.id}>
                    {"\u00a0\u00a0".repeat(a.depth)}
                    {a.code} · {a.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Label" error={errors.label} hint="Optional, e.g. “Wave 3 laptops”">
            {(id, invalid, d) => <input id={id} name="label" maxLength={120} aria-invalid={invalid} aria-describedby={d} />}
          </Field>
          <Field label="Valid for" error={errors.expiresInMs}>
            {(id, invalid, d) => (
              <select id={id} name="lifetime" defaultValue={7 * DAY} aria-invalid={invalid} aria-describedby={d}>
                {LIFETIMES.map(([l, ms]) => (
                  <option key={ms} value={ms}>
                    {l}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Maximum uses" error={errors.maxUses} hint="Empty: unlimited until it expires">
            {(id, invalid, d) => <input id={id} name="maxUses" type="number" min={1} max={1000000} inputMode="numeric" aria-invalid={invalid} aria-describedby={d} />}
          </Field>
          <div>
            <button className="btn btn-primary" type="submit" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create token"}
            </button>
          </div>
        </div>
      </form>
      {created && (
        <div className="section" role="status" aria-live="polite">
          <div className="form-ok">
            Token for {created.agencyCode} created. It is shown only now: copy it or the commands below before leaving this page.
          </div>
          <div className="row" style={{ marginTop: ".5rem" }}>
            <code className="secret" data-testid="new-token" style={{ flex: 1 }}>
              {created.token}
            </code>
            <CopyButton text={created.token} label="Copy token" />
          </div>
          <h3 className="section">Install the agent with this token</h3>
          <InstallPanel serverUrl={serverUrl} token={created.token} sha256={sha256} />
        </div>
      )}
    </>
  );
}
