// The endpoints table used by the Endpoints list and the agency page.
import Link from "next/link";
import type { makeFormat } from "~/app/_components/format";
import { LocalTime } from "~/app/_components/local-time";
import { StateBadge } from "~/app/_components/state-badge";
import type { EndpointPage } from "~/server/dashboard/endpoints-list";
import { productName } from "~/server/dashboard/catalog-names";

/** "Kaspersky Endpoint Security (Windows, Linux, macOS)" -> "Kaspersky Endpoint Security" for tags. */
export const shortName = (name: string) => name.replace(/\s*\([^)]*\)\s*$/, "");

export const OS_LABELS = { windows: "Windows", darwin: "macOS", linux: "Linux" } as const;

export function EndpointTable({ items, caption, empty }: { items: EndpointPage["items"]; caption: string; empty: React.ReactNode; fmt?: ReturnType<typeof makeFormat> }) {
  return (
    <div className="table-wrap">
      <table className="data compact" data-testid="endpoints-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Hostname</th>
            <th scope="col">Agency</th>
            <th scope="col">State</th>
            <th scope="col">Banned products</th>
            <th scope="col">OS</th>
            <th scope="col">Agent</th>
            <th scope="col">Last report</th>
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
                <Link href={`/endpoints/${e.deviceId}`} className="mono nowrap">
                  {e.hostname}
                </Link>
                {e.revokedAt !== null && <span className="tag">revoked</span>}
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
                    <span key={p.product} className={`tag ${p.status === "excepted" ? "tag-purple" : "tag-bad"}`} title={productName(p.product)}>
                      {shortName(productName(p.product))}
                      {p.status === "excepted" ? " (waiver)" : ""}
                    </span>
                  ))
                )}
              </td>
              <td className="small" title={`${OS_LABELS[e.osPlatform]} ${e.osVersion}`}>
                {e.osName || OS_LABELS[e.osPlatform]}
              </td>
              <td className="mono small">{e.agentVersion || "—"}</td>
              <td className="nowrap small">
                <LocalTime ms={e.lastReportAt} empty="never" mode="relative" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
