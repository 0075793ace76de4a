"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field } from "~/app/_components/field";
import { errorMessage, fieldErrors } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";
import { AgencyOptions } from "../../_components/agency-options";

export function CreateAgencyForm({ parents }: { parents: { code: string; name: string; depth: number }[] }) {
  const t = useTranslations("agencies.create");
  const trpc = useTRPC();
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const create = useMutation(
    trpc.agencies.create.mutationOptions({
      onSuccess: (row) => {
        setDone(t("done", { code: row.code, name: row.name }));
        router.refresh();
      },
    }),
  );
  const errors = fieldErrors(create.error);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setDone(null);
    create.mutate(
      {
        code: String(f.get("code") ?? ""),
        name: String(f.get("name") ?? ""),
        parentCode: String(f.get("parent") ?? "") || undefined,
        deadline: String(f.get("deadline") ?? "") || null,
      },
      { onSuccess: () => (e.target as HTMLFormElement).reset() },
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} aria-label={t("submit")}>
      {create.error && !Object.keys(errors).length && (
        <div className="form-error" role="alert">
          {errorMessage(create.error)}
        </div>
      )}
      {done && (
        <div className="form-ok" role="status">
          {done}
        </div>
      )}
      <div className="form-grid">
        <Field label={t("code")} error={errors.code} hint={t("codeHint")}>
          {(id, invalid, d) => <input id={id} name="code" required aria-invalid={invalid} aria-describedby={d} maxLength={32} />}
        </Field>
        <Field label={t("name")} error={errors.name}>
          {(id, invalid, d) => <input id={id} name="name" required aria-invalid={invalid} aria-describedby={d} maxLength={200} />}
        </Field>
        <Field label={t("parent")} error={errors.parentCode}>
          {(id, invalid, d) => (
            <select id={id} name="parent" aria-invalid={invalid} aria-describedby={d} defaultValue="">
              <option value="">{t("topLevel")}</option>
              <AgencyOptions agencies={parents} by="code" />
            </select>
          )}
        </Field>
        <Field label={t("deadline")} error={errors.deadline} hint={t("optional")}>
          {(id, invalid, d) => <input id={id} name="deadline" type="date" aria-invalid={invalid} aria-describedby={d} />}
        </Field>
        <div>
          <button className="btn btn-primary" type="submit" disabled={create.isPending}>
            {create.isPending ? t("pending") : t("submit")}
          </button>
        </div>
      </div>
    </form>
  );
}
