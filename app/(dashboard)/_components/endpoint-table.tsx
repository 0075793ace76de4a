// The endpoints table used by the Endpoints list and the agency page.
import { displayText } from "~/server/lib/display-text";
import { AgentText } from "~/app/_components/agent-text";
import Link from "next/link";
import { Fragment } from "react";
import { useTranslations } from "next-intl";
import type { makeFormat } from "~/app/_components/format";
import { OS_LABELS, useLabels } from "~/app/_components/labels";
import { LocalTime } from "~/app/_components/local-time";
import { StateBadge } from "~/app/_components/state-badge";
import type { EndpointPage } from "~/server/dashboard/endpoints-list";
import { productName } from "~/server/catalog/names";

/** "Kaspersky Endpoint Security (Windows, Linux, macOS)" -> "Kaspersky Endpoint Security" for tags. */
export const shortName = (name: string) => name.replace(/\s*\([^)]*\)\s*$/, "");

export function EndpointTable({ items, caption, empty }: { items: EndpointPage["items"]; caption: string; empty: React.ReactNode; fmt?: ReturnType<typeof makeFormat> }) {
  const t = useTranslations("endpoints.table");
  const l = useLabels();
  return (
    <div className="table-wrap">
      <table className="data compact" data-testid="endpoints-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("hostname")}</th>
            <th scope="col">{t("agency")}</th>
            <th scope="col">{t("state")}</th>
            <th scope="col">{t("bannedProducts")}</th>
            <th scope="col">{t("os")}</th>
            <th scope="col">{t("evidence")}</th>
            <th scope="col">{t("lastReport")}</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={7} className="empty">
                {empty}
              </td>
            </tr>
          )}
          {items.map((e) => (
            <tr key={e.id} data-device={e.deviceId}>
              <td>
                <Link href={`/endpoints/${e.deviceId}`} className="mono break-any">
                  <AgentText value={e.hostname} />
                </Link>
                {e.revokedAt !== null && <span className="tag">{t("revoked")}</span>}
              </td>
              <td>
                <span className="mono nowrap small" title={e.agencyName}>
                  {e.agencyCode}
                </span>
              </td>
              <td>
                <StateBadge state={e.state} />
              </td>
              <td>
                {e.products.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  e.products.map((p) => (
                    <Fragment key={p.product}>
                      <span className={`tag ${p.status === "excepted" ? "tag-purple" : "tag-bad"}`} title={productName(p.product)}>
                        {p.status === "excepted" ? t("underWaiver", { product: shortName(productName(p.product)) }) : shortName(productName(p.product))}
                      </span>{" "}
                    </Fragment>
                  ))
                )}
              </td>
              <td className="small" title={displayText(`${OS_LABELS[e.osPlatform]} ${e.osVersion}`)}>
                <AgentText value={e.osName} empty={OS_LABELS[e.osPlatform]} />
              </td>
              <td className="small">
                {e.evidence === "agent" ? (
                  <span className="mono nowrap">
                    {t("agent")} <AgentText value={e.agentVersion} />
                  </span>
                ) : (
                  <span className="tag">{l.tool(e.evidence)}</span>
                )}
              </td>
              <td className="nowrap small">
                <LocalTime ms={e.lastReportAt} empty={t("never")} mode="relative" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
