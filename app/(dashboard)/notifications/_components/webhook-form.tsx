"use client";
// A new webhook channel: name, address, format, language of its words, agencies, events. The signing secret is shown
// once, on creation (Muster keeps it sealed and never shows it again).
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field } from "~/app/_components/field";
import { errorMessage, fieldErrors } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";
import { AgencyOptions } from "../../_components/agency-options";
import { CopyButton } from "../../_components/copy-button";

type Option = { id: string; label: string };
type Props = { agencies: { id: number; code: string; name: string; depth: number }[]; events: Option[]; languages: Option[] };
type Format = "standard" | "teams" | "slack";
type Language = "en" | "nl";

export function WebhookForm({ agencies, events, languages }: Props) {
  const t = useTranslations("notifications.webhookForm");
  const trpc = useTRPC();
  const router = useRouter();
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const create = useMutation(trpc.notifications.createWebhook.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = fieldErrors(create.error);
  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const agency = String(f.get("agency") ?? "");
    const name = String(f.get("name") ?? "");
    setCreated(null);
    create.mutate(
      {
        name,
        url: String(f.get("url") ?? ""),
        format: String(f.get("format")) as Format,
        locale: String(f.get("locale")) as Language,
        agencyId: agency ? Number(agency) : null,
        events: f.getAll("events").map(String) as never,
      },
      {
        onSuccess: (r) => {
          setCreated({ name, secret: r.secret });
          form.reset();
        },
      },
    );
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
          <Field label={t("name")} error={errors.name}>
            {(id, invalid, d) => <input id={id} name="name" required maxLength={80} placeholder={t("namePlaceholder")} aria-invalid={invalid} aria-describedby={d} />}
          </Field>
          <Field label={t("address")} error={errors.url}>
            {(id, invalid, d) => <input id={id} name="url" required type="url" maxLength={2000} placeholder="https://…" title={t("addressTitle")} aria-invalid={invalid} aria-describedby={d} />}
          </Field>
          <Field label={t("format")} error={errors.format}>
            {(id, invalid, d) => (
              <select id={id} name="format" defaultValue="standard" aria-invalid={invalid} aria-describedby={d}>
                <option value="standard">{t("formatStandard")}</option>
                <option value="teams">Microsoft Teams</option>
                <option value="slack">Slack / Mattermost</option>
              </select>
            )}
          </Field>
          <Field label={t("language")} error={errors.locale}>
            {(id, invalid, d) => (
              <select id={id} name="locale" defaultValue="en" aria-invalid={invalid} aria-describedby={[d, "webhook-language-hint"].filter(Boolean).join(" ")}>
                {languages.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("agencies")} error={errors.agencyId}>
            {(id, invalid, d) => (
              <select id={id} name="agency" defaultValue="" aria-invalid={invalid} aria-describedby={d}>
                <option value="">{t("wholeDeployment")}</option>
                <AgencyOptions agencies={agencies} by="id" />
              </select>
            )}
          </Field>
        </div>
        <p className="small muted" id="webhook-language-hint" style={{ margin: 0 }}>
          {t("languageHint")}
        </p>
        <fieldset className="event-picks">
          <legend className="label-text">{t("events")}</legend>
          {events.map((e) => (
            <label key={e.id}>
              <input type="checkbox" name="events" value={e.id} defaultChecked style={{ minHeight: 0 }} /> {e.label}
            </label>
          ))}
          {errors.events && (
            <span className="error small" role="alert">
              {errors.events[0]}
            </span>
          )}
        </fieldset>
        <div>
          <button className="btn btn-primary" type="submit" disabled={create.isPending}>
            {create.isPending ? t("adding") : t("add")}
          </button>
        </div>
      </form>
      {created && (
        <div className="callout info" role="status" style={{ marginTop: "1rem" }}>
          <p style={{ margin: "0 0 .4rem" }}>{t.rich("created", { name: created.name, strong: (c) => <strong>{c}</strong>, code: (c) => <code>{c}</code> })}</p>
          <div className="row">
            <code className="secret-once" data-testid="webhook-secret">
              {created.secret}
            </code>
            <CopyButton text={created.secret} />
          </div>
        </div>
      )}
    </>
  );
}
