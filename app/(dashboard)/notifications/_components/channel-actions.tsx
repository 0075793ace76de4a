"use client";
// Administrator actions on channels and messages: send a test, switch a webhook on or off, change
// the language of its messages, retry dead messages. Each is audited on the server.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";

export function ChannelActions(props: { kind: "email" } | { kind: "webhook"; id: number; name: string; enabled: boolean }) {
  const t = useTranslations("notifications.actions");
  const trpc = useTRPC();
  const router = useRouter();
  const [sent, setSent] = useState(false);
  const test = useMutation(trpc.notifications.test.mutationOptions({ onSuccess: () => (setSent(true), router.refresh()) }));
  const update = useMutation(trpc.notifications.updateWebhook.mutationOptions({ onSuccess: () => router.refresh() }));
  const error = test.error ?? update.error;
  const name = props.kind === "email" ? t("emailRelay") : props.name;
  return (
    <span className="row" style={{ justifyContent: "flex-end", gap: ".4rem" }}>
      {error && (
        <span className="error small" role="alert">
          {errorMessage(error)}
        </span>
      )}
      {sent && (
        <span className="small muted" role="status">
          {t("testQueued")}
        </span>
      )}
      <button
        type="button"
        className="btn btn-small"
        disabled={test.isPending || (props.kind === "webhook" && !props.enabled)}
        aria-label={t("testAria", { name })}
        onClick={() => test.mutate(props.kind === "email" ? { channel: "email" } : { channel: "webhook", webhookId: props.id })}
      >
        {t("sendTest")}
      </button>
      {props.kind === "webhook" && (
        <button
          type="button"
          className={`btn btn-small ${props.enabled ? "btn-danger" : ""}`}
          disabled={update.isPending}
          aria-label={props.enabled ? t("switchOffAria", { name }) : t("switchOnAria", { name })}
          onClick={() => update.mutate({ id: props.id, enabled: !props.enabled })}
        >
          {props.enabled ? t("switchOff") : t("switchOn")}
        </button>
      )}
    </span>
  );
}

/** The language of a webhook's messages, changed where it is shown. */
export function WebhookLanguage({ id, name, locale, languages }: { id: number; name: string; locale: string; languages: { id: string; label: string }[] }) {
  const t = useTranslations("notifications.actions");
  const trpc = useTRPC();
  const router = useRouter();
  const update = useMutation(trpc.notifications.updateWebhook.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <span className="row" style={{ gap: ".4rem" }}>
      <select
        aria-label={t("languageAria", { name })}
        value={update.isPending ? update.variables.locale : locale}
        disabled={update.isPending}
        onChange={(e) => update.mutate({ id, locale: e.target.value as "en" | "nl" })}
      >
        {languages.map((l) => (
          <option key={l.id} value={l.id}>
            {l.label}
          </option>
        ))}
      </select>
      {update.error && (
        <span className="error small" role="alert">
          {errorMessage(update.error)}
        </span>
      )}
    </span>
  );
}

export function RetryButton(props: { id?: number; allDead?: boolean; label: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const retry = useMutation(trpc.notifications.retry.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <span className="row" style={{ justifyContent: "flex-end", gap: ".4rem" }}>
      {retry.error && (
        <span className="error small" role="alert">
          {errorMessage(retry.error)}
        </span>
      )}
      <button type="button" className="btn btn-small" disabled={retry.isPending} onClick={() => retry.mutate(props.allDead ? { allDead: true } : { ids: [props.id!] })}>
        {props.label}
      </button>
    </span>
  );
}
