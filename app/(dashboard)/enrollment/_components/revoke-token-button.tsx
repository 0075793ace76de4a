"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "~/app/_trpc/client";
import { ConfirmButton } from "../../_components/confirm-button";

export function RevokeTokenButton({ id, prefix }: { id: number; prefix: string }) {
  const trpc = useTRPC();
  const t = useTranslations("enrollment.revoke");
  const revoke = useMutation(trpc.enrollment.revoke.mutationOptions());
  return <ConfirmButton label={t("button")} ariaLabel={t("label", { prefix })} confirm={t("confirm", { prefix })} mutation={revoke} input={{ id }} />;
}
