"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field } from "~/app/_components/field";
import { errorMessage, fieldErrors } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";
import type { Role } from "~/server/db/schema/users";

/** The roles in the order the form offers them (their names are in the catalogs, namespace roles). */
const ROLES: readonly Role[] = ["admin", "officer", "agency_officer", "auditor"];

export function CreateUserForm({ agencies }: { agencies: { code: string; name: string; depth: number }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const t = useTranslations("users.form");
  const tRole = useTranslations("roles");
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
    <form className="form" onSubmit={onSubmit} aria-label={t("formLabel")}>
      {create.error && !Object.keys(errors).length && (
        <div className="form-error" role="alert">
          {errorMessage(create.error)}
        </div>
      )}
      {created && (
        <div className="form-ok" role="status">
          {t("created", { email: created.email })}
          {created.password && (
            <>
              {" "}
              {t("givePassword")}
              <div className="secret" data-testid="generated-password">
                {created.password}
              </div>
            </>
          )}
        </div>
      )}
      <div className="form-grid">
        <Field label={t("name")} error={errors.name}>
          {(id, invalid, d) => <input id={id} name="name" required aria-invalid={invalid} aria-describedby={d} />}
        </Field>
        <Field label={t("email")} error={errors.email}>
          {(id, invalid, d) => <input id={id} name="email" type="email" required aria-invalid={invalid} aria-describedby={d} />}
        </Field>
        <Field label={t("role")} error={errors.role}>
          {(id, invalid, d) => (
            <select id={id} name="role" value={role} onChange={(e) => setRole(e.target.value as Role)} aria-invalid={invalid} aria-describedby={d}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {tRole(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {role === "agency_officer" && (
          <Field label={t("agency")} error={errors.agencyCode} hint={t("agencyHint")}>
            {(id, invalid, d) => (
              <select id={id} name="agency" required aria-invalid={invalid} aria-describedby={d} defaultValue="">
                <option value="" disabled>
                  {t("chooseAgency")}
                </option>
                {agencies.map((a) => (
                  <option key={a.code} value={a.code}>
                    {"\u00a0\u00a0".repeat(a.depth)}
                    {a.code} · {a.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <div>
          <button className="btn btn-primary" type="submit" disabled={create.isPending}>
            {create.isPending ? t("creating") : t("create")}
          </button>
        </div>
      </div>
      <p className="muted small">{t("help")}</p>
    </form>
  );
}
