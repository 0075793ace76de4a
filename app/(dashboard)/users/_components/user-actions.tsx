"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { errorMessage } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";

export function UserActions({ id, email, disabled }: { id: number; email: string; disabled: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const t = useTranslations("users.actions");
  const update = useMutation(trpc.users.update.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <span className="row" style={{ justifyContent: "flex-end" }}>
      {update.error && (
        <span className="error small" role="alert">
          {errorMessage(update.error)}
        </span>
      )}
      <button
        type="button"
        className={`btn btn-small ${disabled ? "" : "btn-danger"}`}
        disabled={update.isPending}
        aria-label={disabled ? t("enableLabel", { email }) : t("disableLabel", { email })}
        onClick={() => update.mutate({ id, disabled: !disabled })}
      >
        {disabled ? t("enable") : t("disable")}
      </button>
    </span>
  );
}
