// Waivers with their decision; approve / reject for the users who may decide (not the requester).
import { displayText } from "~/server/lib/display-text";
import { AgentText } from "~/app/_components/agent-text";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useLabels } from "~/app/_components/labels";
import { LocalTime } from "~/app/_components/local-time";
import type { WaiverItem } from "~/server/dashboard/waivers";
import { WaiverDecision } from "./waiver-actions";

const STATUS_CLASS: Record<string, string> = { pending: "badge-info", approved: "badge-excepted", rejected: "badge-neutral", revoked: "badge-neutral", expired: "badge-neutral" };

export function WaiverTable({ items, viewer, caption, empty }: { items: (WaiverItem & { effectiveStatus: string })[]; viewer: { id: number; role: string }; caption: string; empty: string }) {
  const t = useTranslations("waivers");
  const l = useLabels();
  const mayDecide = viewer.role === "admin" || viewer.role === "officer";
  return (
    <div className="table-wrap">
      <table className="data compact" data-testid="waivers-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("table.endpoint")}</th>
            <th scope="col">{t("table.product")}</th>
            <th scope="col">{t("table.justification")}</th>
            <th scope="col">{t("table.requested")}</th>
            <th scope="col">{t("table.expires")}</th>
            <th scope="col">{t("table.status")}</th>
            {mayDecide && (
              <th scope="col">
                <span className="sr-only">{t("table.decision")}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={mayDecide ? 7 : 6} className="empty">
                {empty}
              </td>
            </tr>
          )}
          {items.map((w) => (
            <tr key={w.id} data-waiver={w.id}>
              <td>
                <Link className="mono nowrap" href={`/endpoints/${w.deviceId}`}>
                  <AgentText value={w.hostname} />
                </Link>
                <div className="muted small mono">{w.agencyCode}</div>
              </td>
              <td>
                {w.productName}{" "}
                <span className="muted small mono">
                  <AgentText value={w.version} />
                </span>
                {w.requestProducts.length > 1 && <div className="muted small">{t("table.oneRequestFor", { count: w.requestProducts.length })}</div>}
              </td>
              <td className="small" style={{ maxWidth: 360 }}>
                {w.justification}
                {w.compensatingControls && <div className="muted">{t("table.controls", { text: w.compensatingControls })}</div>}
                {w.extensionReason && <div className="muted">{t("table.beyondDeadline", { text: w.extensionReason })}</div>}
              </td>
              <td className="small nowrap">
                <LocalTime ms={w.requestedAt} mode="date" />
                <div className="muted">{w.requestedByName ?? w.requestedByEmail}</div>
              </td>
              <td className="small nowrap">
                <LocalTime ms={w.expiresAt} mode="date" />
              </td>
              <td>
                <span className={`badge ${STATUS_CLASS[w.effectiveStatus] ?? "badge-neutral"}`}>{l.waiverStatus(w.effectiveStatus)}</span>
                {w.decidedAt !== null && (
                  <div className="muted small" data-testid="waiver-decided-by">
                    {t(`table.decidedBy.${w.status === "rejected" || w.status === "revoked" ? w.status : "approved"}`, { name: w.decidedByName ?? w.decidedByEmail ?? "—" })},{" "}
                    <LocalTime ms={w.decidedAt} mode="date" />
                  </div>
                )}
                {w.decisionNote && <div className="muted small">“{w.decisionNote}”</div>}
              </td>
              {mayDecide && (
                <td className="nowrap">
                  {w.effectiveStatus === "pending" ? (
                    w.requestedBy === viewer.id ? (
                      <span className="muted small">{t("table.yourRequest")}</span>
                    ) : (
                      <WaiverDecision
                        waiverId={w.id}
                        label={`${displayText(w.hostname)} ${w.productName}`}
                        summary={{
                          hostname: displayText(w.hostname),
                          products: w.requestProducts,
                          justification: w.justification,
                          compensatingControls: w.compensatingControls,
                          extensionReason: w.extensionReason,
                          expiresOn: new Date(w.expiresAt).toISOString().slice(0, 10),
                          requestedBy: w.requestedByName ? `${w.requestedByName} (${w.requestedByEmail})` : w.requestedByEmail,
                        }}
                      />
                    )
                  ) : null}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
