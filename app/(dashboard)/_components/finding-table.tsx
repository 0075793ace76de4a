// Findings with their endpoint, status and waiver; officers may request a waiver for an open one.
import { displayText } from "~/server/lib/display-text";
import { AgentText } from "~/app/_components/agent-text";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useLabels } from "~/app/_components/labels";
import { LocalTime } from "~/app/_components/local-time";
import type { FindingItem } from "~/server/dashboard/findings-list";
import { shortName } from "./endpoint-table";
import { RequestWaiverButton } from "./waiver-actions";

export function FindingTable({ items, caption, empty, canRequest }: { items: FindingItem[]; caption: string; empty: React.ReactNode; canRequest: boolean }) {
  const t = useTranslations("findings.table");
  const tw = useTranslations("waivers");
  const l = useLabels();
  return (
    <div className="table-wrap">
      <table className="data compact" data-testid="findings-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("product")}</th>
            <th scope="col">{t("version")}</th>
            <th scope="col">{t("presence")}</th>
            <th scope="col">{t("endpoint")}</th>
            <th scope="col">{t("agency")}</th>
            <th scope="col">{t("firstDetected")}</th>
            <th scope="col">{t("lastChange")}</th>
            <th scope="col">{t("waiver")}</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={8} className="empty">
                {empty}
              </td>
            </tr>
          )}
          {items.map((f) => (
            <tr key={f.id} data-finding={f.id}>
              <td title={f.productName}>
                {shortName(f.productName)}
                {f.reopenCount > 0 && (
                  <span className="tag tag-bad" title={t("reinstalledHelp")}>
                    {t("reinstalled", { count: f.reopenCount })}
                  </span>
                )}
              </td>
              <td className="mono small">
                <AgentText value={f.version} empty="—" />
              </td>
              <td>
                {f.presence === "remnants" ? (
                  <span className="badge badge-remnants">{l.presence(f.presence)}</span>
                ) : f.presence === "installed" ? (
                  l.presence(f.presence)
                ) : (
                  <span className="muted">{l.presence("absent")}</span>
                )}
              </td>
              <td>
                <Link className="mono nowrap" href={`/endpoints/${f.deviceId}`}>
                  <AgentText value={f.hostname} />
                </Link>
              </td>
              <td className="mono nowrap small">{f.agencyCode}</td>
              <td className="nowrap small">
                <LocalTime ms={f.firstDetectedAt} mode="date" />
              </td>
              <td className="nowrap small">
                <LocalTime ms={f.resolvedAt ?? f.lastChangedAt} mode="date" />
              </td>
              <td className="nowrap">
                {f.waiver && (
                  <span className={`badge ${f.waiver.status === "approved" ? "badge-excepted" : f.waiver.status === "pending" ? "badge-info" : "badge-neutral"}`}>
                    {l.waiverStatus(f.waiver.status)}
                  </span>
                )}{" "}
                {canRequest && f.status === "open" && (!f.waiver || !["pending", "approved"].includes(f.waiver.status)) ? (
                  <RequestWaiverButton findingId={f.id} label={tw("productOn", { product: f.productName, hostname: displayText(f.hostname) })} deadline={f.deadline} />
                ) : !f.waiver ? (
                  <span className="muted">—</span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
