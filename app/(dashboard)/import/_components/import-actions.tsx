"use client";
// Buttons of the Import page that call tRPC: undo an import, resolve an ambiguous device, revoke a token.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";
import { ConfirmButton } from "../../_components/confirm-button";

export function UndoImportButton({ id, label }: { id: number; label: string }) {
  const trpc = useTRPC();
  const t = useTranslations("import.actions");
  const undo = useMutation(trpc.imports.undo.mutationOptions());
  return <ConfirmButton label={t("undo")} ariaLabel={t("undoLabel", { id })} confirm={t("undoConfirm", { id, what: label })} mutation={undo} input={{ id }} />;
}

export function ResolveAmbiguity({ id, candidates }: { id: number; candidates: { id: number; hostname: string; deviceId: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const t = useTranslations("import.actions");
  const [choice, setChoice] = useState(String(candidates[0]?.id ?? "new"));
  const resolve = useMutation(trpc.imports.resolve.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <form
      className="row"
      aria-label={t("resolveLabel")}
      onSubmit={(e) => {
        e.preventDefault();
        resolve.mutate({ id, endpointId: choice === "new" ? null : Number(choice) });
      }}
    >
      <select value={choice} onChange={(e) => setChoice(e.target.value)} aria-label={t("deviceIs")}>
        {candidates.map((c) => (
          <option key={c.id} value={c.id}>
            {t("theEndpoint", { host: c.hostname, id: c.deviceId })}
          </option>
        ))}
        <option value="new">{t("newEndpoint")}</option>
      </select>
      <button type="submit" className="btn btn-small" disabled={resolve.isPending}>
        {t("link")}
      </button>
      {resolve.error && (
        <span className="error small" role="alert">
          {errorMessage(resolve.error)}
        </span>
      )}
    </form>
  );
}

export function RevokeImportTokenButton({ id, prefix }: { id: number; prefix: string }) {
  const trpc = useTRPC();
  const t = useTranslations("import.actions");
  const revoke = useMutation(trpc.imports.revokeToken.mutationOptions());
  return <ConfirmButton label={t("revoke")} ariaLabel={t("revokeLabel", { prefix })} confirm={t("revokeConfirm", { prefix })} mutation={revoke} input={{ id }} />;
}
