import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "~/app/_components/local-time";
import { PageHeader } from "~/app/_components/page-header";
import { getCaller } from "~/server/trpc/server";
import { hrefWith } from "../_components/url";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const KNOWN_ACTIONS = [
  "agency.create",
  "agency.update",
  "user.create",
  "user.update",
  "user.password",
  "auth.signin",
  "auth.signin_throttled",
  "token.create",
  "token.revoke",
  "endpoint.enroll",
  "enroll.rejected",
  "endpoint.revoke",
  "policy.activate",
  "policy.deactivate",
  "waiver.request",
  "waiver.approve",
  "waiver.reject",
  "waiver.revoke",
  "endpoints.export",
  "findings.export",
  "report.publish",
  "database.backup",
];

const str = (v: string | string[] | undefined) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
const dayMs = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && Number.isFinite(Date.parse(`${v}T00:00:00Z`)) ? Date.parse(`${v}T00:00:00Z`) : undefined);

function prettyDetails(details: string | null): string | null {
  if (!details) return null;
  try {
    return JSON.stringify(JSON.parse(details), null, 2);
  } catch {
    return details;
  }
}

export default async function AuditPage({ searchParams }: Props) {
  const sp = await searchParams;
  const q = str(sp.q)?.slice(0, 200);
  const action = str(sp.action)?.slice(0, 64);
  const fromDay = str(sp.from);
  const toDay = str(sp.to);
  const cursor = str(sp.cursor) && /^\d+$/.test(str(sp.cursor)!) ? Number(sp.cursor) : undefined;
  const from = dayMs(fromDay);
  const to = dayMs(toDay);
  const caller = await getCaller();
  const [page, agencies] = await Promise.all([
    caller.audit.list({ q, action, from, to: to === undefined ? undefined : to + 86_400_000, cursor, limit: 50 }),
    caller.agencies.list(),
  ]);
  const codes = new Map(agencies.map((a) => [a.id, a.code]));
  const params = { q, action, from: fromDay, to: toDay };
  return (
    <>
      <PageHeader title="Audit log" description="Every change made through the dashboard, the command line, the agents and the system. Read-only: entries cannot be edited or deleted." />
      <form className="filters no-print" method="get" action="/audit" role="search" aria-label="Search the audit log">
        <div className="form-grid">
          <div className="field">
            <label htmlFor="a-q">Contains</label>
            <input id="a-q" name="q" type="search" defaultValue={q ?? ""} maxLength={200} placeholder="actor, object id, details" />
          </div>
          <div className="field">
            <label htmlFor="a-action">Action</label>
            <input id="a-action" name="action" list="a-actions" defaultValue={action ?? ""} maxLength={64} />
            <datalist id="a-actions">
              {KNOWN_ACTIONS.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          </div>
          <div className="field">
            <label htmlFor="a-from">From (UTC day)</label>
            <input id="a-from" name="from" type="date" defaultValue={fromDay ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="a-to">To (UTC day, inclusive)</label>
            <input id="a-to" name="to" type="date" defaultValue={toDay ?? ""} />
          </div>
          <div className="actions">
            <button className="btn btn-primary" type="submit">
              Search
            </button>
            <Link className="btn" href="/audit">
              Reset
            </Link>
          </div>
        </div>
      </form>
      <div className="table-wrap">
        <table className="data compact" data-testid="audit-table">
          <caption className="sr-only">Audit entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Object</th>
              <th scope="col">Agency</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {page.items.length === 0 && (
              <tr>
                <td colSpan={6} className="empty">
                  {q || action || from || to ? "No entry matches the search." : "Nothing recorded yet."}
                </td>
              </tr>
            )}
            {page.items.map((e) => {
              const details = prettyDetails(e.details);
              return (
                <tr key={e.id}>
                  <td className="nowrap small">
                    <LocalTime ms={e.at} />
                  </td>
                  <td className="small" style={{ maxWidth: 220, wordBreak: "break-all" }}>
                    {e.actor}
                    {e.ip && e.ip !== "unknown" && <div className="muted mono">{e.ip}</div>}
                  </td>
                  <td>
                    <span className="tag">{e.action}</span>
                  </td>
                  <td className="small mono">{e.objectType ? `${e.objectType}${e.objectId ? ` #${e.objectId}` : ""}` : "—"}</td>
                  <td className="small mono nowrap">{e.agencyId !== null ? (codes.get(e.agencyId) ?? e.agencyId) : "—"}</td>
                  <td className="small" style={{ width: 280, maxWidth: 280 }}>
                    {details ? (
                      <details>
                        <summary>
                          <span className="truncate" style={{ display: "inline-block", maxWidth: 240, verticalAlign: "bottom" }}>
                            {e.details!.slice(0, 60)}
                          </span>
                        </summary>
                        <pre className="cmd" style={{ background: "#f2f4f7", color: "var(--ink)" }}>
                          {details}
                        </pre>
                      </details>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label="Audit pages">
        <span>{cursor ? <Link href={hrefWith("/audit", params)}>Newest entries</Link> : "Newest entries"}</span>
        {page.nextCursor ? (
          <Link className="btn btn-small" href={hrefWith("/audit", params, { cursor: page.nextCursor })} rel="next">
            Older →
          </Link>
        ) : (
          <span className="muted">End of the log</span>
        )}
      </nav>
    </>
  );
}
