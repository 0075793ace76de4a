"use client";
// Revokes an endpoint's credential after a confirmation (its next check-in is refused).
import { useTranslations } from "next-intl";
import { EndpointActionButton } from "./endpoint-action";

export function RevokeEndpointButton({ endpointId, hostname }: { endpointId: number; hostname: string }) {
  const t = useTranslations("endpoints.revoke");
  return (
    <EndpointActionButton endpointId={endpointId} action="revoke" label={t("label")} title={t("title", { hostname })} confirm={t("confirm")} pendingLabel={t("pending")} danger>
      <p>{t("text")}</p>
    </EndpointActionButton>
  );
}
