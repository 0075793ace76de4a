// Findings with their endpoint, status and waiver; officers may request a waiver for an open one.
import Link from "next/link";
import { LocalTime } from "~/app/_components/local-time";
import type { FindingItem } from "~/server/dashboard/findings-list";
import { shortName } from "./endpoint-table";
import { RequestWaiverButton } from "./waiver-actions";

export function FindingTable({ items, caption, empty, canRequest }: { items: FindingItem[]; caption: string; empty: React.ReactNode; canRequest: boolean }) {
  return (
    <div className="table-wrap">
      <table className="data compact" data-testid="findings-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Version</th>
            <th scope="col">Presence</th>
            <th scope="col">Endpoint</th>
            <th scope="col">Agency</th>
            <th scope="col">First detected</th>
            <th scope="col">Last change</th>
            <th scope="col">Waiver</th>
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
                  <span className="tag tag-bad" title="Came back after being removed">
                    reinstalled ×{f.reopenCount}
                  </span>
                )}
              </td>
              <td className="mono small">{f.version || "—"}</td>
              <td>{f.presence === "remnants" ? <span className="badge badge-remnants">Remnants</span> : f.presence === "installed" ? "Installed" : <span className="muted">Absent</span>}</td>
              <td>
                <Link className="mono nowrap" href={`/endpoints/${f.deviceId}`}>
                  {f.hostname}
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
                    {f.waiver.status}
                  </span>
                )}{" "}
                {canRequest && f.status === "open" && (!f.waiver || !["pending", "approved"].includes(f.waiver.status)) ? (
                  <RequestWaiverButton findingId={f.id} label={`${f.productName} on ${f.hostname}`} />
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
