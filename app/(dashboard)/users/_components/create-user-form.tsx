"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field } from "~/app/_components/field";
import { ROLE_LABELS } from "~/app/_components/labels";
import { errorMessage, fieldErrors } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";
import type { Role } from "~/server/db/schema/users";

export function CreateUserForm({ agencies }: { agencies: { code: string; name: string; depth: number }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [role, setRole] = useState<Role>("officer");
  const [created, setCreated] = useState<{ email: string; password: string | null } | null>(null);
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: (res) => {
        setCreated({ email: res.email, password: res.generatedPassword });
        router.refresh();
      },
    }),
  );
  const errors = fieldErrors(create.error);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setCreated(null);
    create.mutate({
      email: String(f.get("email") ?? ""),
      name: String(f.get("name") ?? ""),
      role,
      agencyCode: role === "agency_officer" ? String(f.get("agency") ?? "") || null : null,
    });
  }

  return (
    <form className="form" onSubmit={onSubmit} aria-label="Create user">
      {create.error && !Object.keys(errors).length && <div className="form-error" role="alert">{errorMessage(create.error)}</div>}
      {created && (
        <div className="form-ok" role="status">
          Created {created.email}.
          {created.password && (
            <>
              {" "}Give them this password now; it is not shown again:
              <div className="secret" data-testid="generated-password">{created.password}</div>
            </>
          )}
        </div>
      )}
      <div className="form-grid">
        <Field label="Name" error={errors.name}>
          {(id, invalid, d) => <input id={id} name="name" required aria-invalid={invalid} aria-describedby={d} />}
        </Field>
        <Field label="Email" error={errors.email}>
          {(id, invalid, d) => <input id={id} name="email" type="email" required aria-invalid={invalid} aria-describedby={d} />}
        </Field>
        <Field label="Role" error={errors.role}>
          {(id, invalid, d) => (
            <select id={id} name="role" value={role} onChange={(e) => setRole(e.target.value as Role)} aria-invalid={invalid} aria-describedby={d}>
              {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
                <option key={r} value={r}>{ROLE_LABELS[r]}</option>
              ))}
            </select>
          )}
        </Field>
        {role === "agency_officer" && (
          <Field label="Agency" error={errors.agencyCode} hint="Sees this agency and its sub-agencies only">
            {(id, invalid, d) => (
              <select id={id} name="agency" required aria-invalid={invalid} aria-describedby={d} defaultValue="">
                <option value="" disabled>Choose an agency</option>
                {agencies.map((a) => (
                  <option key={a.code} value={a.code}>{"\u00a0\u00a0".repeat(a.depth)}{a.code} · {a.name}</option>
                ))}
              </select>
            )}
          </Field>
        )}
        <div>
          <button className="btn btn-primary" type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create user"}
          </button>
        </div>
      </div>
      <p className="muted small">A password is generated and shown once. Accounts that sign in through the identity provider use the same email.</p>
    </form>
  );
}
