// Waivers with their decision; approve / reject for the users who may decide (not the requester).
import Link from "next/link";
import { LocalTime } from "~/app/_components/local-time";
import type { WaiverItem } from "~/server/dashboard/waivers";
import { WaiverDecision } from "./waiver-actions";

const STATUS_CLASS: Record<string, string> = { pending: "badge-info", approved: "badge-excepted", rejected: "badge-neutral", revoked: "badge-neutral", expired: "badge-neutral" };

export function WaiverTable({
  items,
  viewer,
  caption,
  empty,
}: {
  items: (WaiverItem & { effectiveStatus: string })[];
  viewer: { id: number; role: string };
  caption: string;
  empty: string;
}) {
  const mayDecide = viewer.role === "admin" || viewer.role === "officer";
  return (
    <div className="table-wrap">
      <table className="data compact" data-testid="waivers-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Endpoint</th>
            <th scope="col">Product</th>
            <th scope="col">Justification</th>
            <th scope="col">Requested</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
            {mayDecide && (
              <th scope="col">
                <span className="sr-only">Decision</span>
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
                  {w.hostname}
                </Link>
                <div className="muted small mono">{w.agencyCode}</div>
              </td>
              <td>
                {w.productName} <span className="muted small mono">{w.version}</span>
              </td>
              <td className="small" style={{ maxWidth: 360 }}>
                {w.justification}
              </td>
              <td className="small nowrap">
                <LocalTime ms={w.requestedAt} mode="date" />
                <div className="muted">{w.requestedByEmail}</div>
              </td>
              <td className="small nowrap">
                <LocalTime ms={w.expiresAt} mode="date" />
              </td>
              <td>
                <span className={`badge ${STATUS_CLASS[w.effectiveStatus] ?? "badge-neutral"}`}>{w.effectiveStatus}</span>
                {w.decidedByEmail && <div className="muted small">by {w.decidedByEmail}</div>}
                {w.decisionNote && <div className="muted small">“{w.decisionNote}”</div>}
              </td>
              {mayDecide && (
                <td className="nowrap">
                  {w.effectiveStatus === "pending" ? (
                    w.requestedBy === viewer.id ? (
                      <span className="muted small">Your request: another officer decides</span>
                    ) : (
                      <WaiverDecision waiverId={w.id} label={`${w.hostname} ${w.productName}`} />
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
