"use client";
// Creates an import token for scheduled pushes: shown once, with the command a script runs.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field } from "~/app/_components/field";
import { AgencyOptions } from "../../_components/agency-options";
import { errorMessage, fieldErrors } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";
import { CopyButton } from "../../_components/copy-button";

const DAY = 86_400_000;
/** How long an import token stays valid: days (365 is shown as one year). */
const LIFETIME_DAYS = [30, 90, 365] as const;

export function ImportTokenForm({ agencies, serverUrl }: { agencies: { id: number; code: string; name: string; depth: number }[]; serverUrl: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const t = useTranslations("import.tokenForm");
  const [created, setCreated] = useState<{ token: string; agencyCode: string } | null>(null);
  const create = useMutation(
    trpc.imports.createToken.mutationOptions({
      onSuccess: (r) => {
        setCreated({ token: r.token, agencyCode: r.agencyCode });
        router.refresh();
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const command = created
    ? `curl --fail-with-body -H "Authorization: Bearer ${created.token}" --data-binary @AppInvRawData.csv \\\n  "${serverUrl}/api/import/v1/inventory?source=intune&name=AppInvRawData.csv"`
    : "";
  return (
    <>
      <form
        className="form"
        aria-label={t("formLabel")}
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          setCreated(null);
          create.mutate({ agencyId: Number(f.get("agency")), label: String(f.get("label") ?? "") || undefined, expiresInMs: Number(f.get("lifetime")) });
        }}
      >
        {create.error && !Object.keys(errors).length && (
          <div className="form-error" role="alert">
            {errorMessage(create.error)}
          </div>
        )}
        <div className="form-grid">
          <Field label={t("agency")} error={errors.agencyId}>
            {(id, invalid) => (
              <select id={id} name="agency" required aria-invalid={invalid} defaultValue={agencies[0]?.id}>
                <AgencyOptions agencies={agencies} />
              </select>
            )}
          </Field>
          <Field label={t("label")} error={errors.label} hint={t("labelHint")}>
            {(id, invalid, d) => <input id={id} name="label" maxLength={120} aria-invalid={invalid} aria-describedby={d} />}
          </Field>
          <Field label={t("validFor")} error={errors.expiresInMs}>
            {(id) => (
              <select id={id} name="lifetime" defaultValue={90 * DAY}>
                {LIFETIME_DAYS.map((days) => (
                  <option key={days} value={days * DAY}>
                    {t("lifetime", { days })}
                  </option>
                ))}
              </select>
            )}
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
            <code className="secret" data-testid="new-import-token" style={{ flex: 1 }}>
              {created.token}
            </code>
            <CopyButton text={created.token} label={t("copyToken")} />
          </div>
          <p className="small muted">{t("scriptHelp")}</p>
          <pre className="secret small">{command}</pre>
        </div>
      )}
    </>
  );
}
