"use client";
// Re-admits a revoked endpoint, or admits the re-enrollment waiting for an officer, after a confirmation.
import { useTranslations } from "next-intl";
import { EndpointActionButton } from "./endpoint-action";

export function AdmitEndpointButton({ endpointId, hostname, revoked, pending }: { endpointId: number; hostname: string; revoked: boolean; pending: boolean }) {
  const t = useTranslations("endpoints.admit");
  return (
    <EndpointActionButton
      endpointId={endpointId}
      action="admit"
      label={revoked ? t("readmitLabel") : t("admitLabel")}
      title={revoked ? t("readmitTitle", { hostname }) : t("admitTitle", { hostname })}
      confirm={revoked ? t("readmit") : t("admit")}
      pendingLabel={t("pending")}
    >
      <p>{pending ? t("pendingText") : t("revokedText")}</p>
    </EndpointActionButton>
  );
}
