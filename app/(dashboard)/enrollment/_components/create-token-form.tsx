"use client";
// Creates an enrollment token: shown once, with a copy button and the install scripts (which ask for it).
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field } from "~/app/_components/field";
import { AgencyOptions } from "../../_components/agency-options";
import { errorMessage, fieldErrors } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";
import { CopyButton } from "../../_components/copy-button";
import { InstallPanel } from "./install-panel";
import { PackageCommandsPanel } from "./package-commands-panel";
import type { PackageNames } from "./package-commands";

const DAY = 86_400_000;
/** How long a token stays valid: days (365 is shown as one year). */
const LIFETIME_DAYS = [1, 7, 30, 90, 365] as const;

type Props = { agencies: { id: number; code: string; name: string; depth: number }[]; serverUrl: string; sha256: string | null; packages?: PackageNames | null };

export function CreateTokenForm({ agencies, serverUrl, sha256, packages }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const t = useTranslations("enrollment.form");
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
      <form className="form" onSubmit={submit} aria-label={t("formLabel")}>
        {create.error && !Object.keys(errors).length && (
          <div className="form-error" role="alert">
            {errorMessage(create.error)}
          </div>
        )}
        <div className="form-grid">
          <Field label={t("agency")} error={errors.agencyId}>
            {(id, invalid, d) => (
              <select id={id} name="agency" required aria-invalid={invalid} aria-describedby={d} defaultValue={agencies[0]?.id}>
                <AgencyOptions agencies={agencies} />
              </select>
            )}
          </Field>
          <Field label={t("label")} error={errors.label} hint={t("labelHint")}>
            {(id, invalid, d) => <input id={id} name="label" maxLength={120} aria-invalid={invalid} aria-describedby={d} />}
          </Field>
          <Field label={t("validFor")} error={errors.expiresInMs}>
            {(id, invalid, d) => (
              <select id={id} name="lifetime" defaultValue={7 * DAY} aria-invalid={invalid} aria-describedby={d}>
                {LIFETIME_DAYS.map((days) => (
                  <option key={days} value={days * DAY}>
                    {t("lifetime", { days })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("maxUses")} error={errors.maxUses} hint={t("maxUsesHint")}>
            {(id, invalid, d) => <input id={id} name="maxUses" type="number" min={1} max={1000000} inputMode="numeric" aria-invalid={invalid} aria-describedby={d} />}
          </Field>
          <div>
            <button className="btn btn-primary" type="submit" disabled={create.isPending}>
              {create.isPending ? t("creating") : t("create")}
            </button>
          </div>
        </div>
      </form>
      {created && (
        <div className="section" role="status" aria-live="polite">
          <div className="form-ok">{t("created", { code: created.agencyCode })}</div>
          <div className="row" style={{ marginTop: ".5rem" }}>
            <code className="secret" data-testid="new-token" style={{ flex: 1 }}>
              {created.token}
            </code>
            <CopyButton text={created.token} label={t("copyToken")} />
          </div>
          {sha256 && (
            <>
              <h3 className="section">{t("installWithToken")}</h3>
              <InstallPanel serverUrl={serverUrl} sha256={sha256} />
            </>
          )}
          {packages && (
            <>
              <h3 className="section">{t("deployWithToken")}</h3>
              <PackageCommandsPanel serverUrl={serverUrl} token={created.token} names={packages} />
            </>
          )}
        </div>
      )}
    </>
  );
}
