import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "~/app/_components/page-header";
import { dayOf } from "~/server/lib/time";
import { longTime, shortDay } from "~/server/reports/format";
import { getCaller } from "~/server/trpc/server";
import { DraftForm } from "../_components/draft-form";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage() {
  const caller = await getCaller();
  const me = await caller.users.me();
  const reports = await caller.reports.list();
  const canPublish = me.role !== "auditor";
  const scopes = canPublish ? await caller.reports.scopes() : null;
  return (
    <>
      <PageHeader
        title="Reports"
        description="Status reports for ministers and auditors: frozen and fingerprinted when published, downloadable as PDF and CSV at any time."
      />
      {scopes && (
        <section className="card no-print" aria-labelledby="new-report">
          <h2 id="new-report">New report</h2>
          <p className="muted small">Choose what the report covers and its reporting date, then check the draft before publishing it.</p>
          <DraftForm deployment={scopes.deployment} agencies={scopes.agencies} today={dayOf(Date.now())} />
        </section>
      )}
      <section style={{ marginTop: "1rem" }} aria-labelledby="published-reports">
        <h2 id="published-reports">Published reports</h2>
        <div className="table-wrap">
          <table className="data">
            <caption className="sr-only">Published reports, newest first</caption>
            <thead>
              <tr>
                <th scope="col">No.</th>
                <th scope="col">Scope</th>
                <th scope="col">Reporting date</th>
                <th scope="col">Published</th>
                <th scope="col">Fingerprint (SHA-256)</th>
                <th scope="col">Downloads</th>
              </tr>
            </thead>
            <tbody>
              {reports.length === 0 && (
                <tr>
                  <td colSpan={6} className="empty">
                    No report has been published{canPublish ? " yet. Draft one above." : " yet."}
                  </td>
                </tr>
              )}
              {reports.map((r) => (
                <tr key={r.id} data-report={r.id}>
                  <td className="num">
                    <Link href={`/reports/${r.id}`}>{r.id}</Link>
                  </td>
                  <td>
                    <Link href={`/reports/${r.id}`}>{r.scopeName ? `${r.scopeName}` : "All agencies"}</Link>
                    {r.scopeCode && <span className="muted small"> {r.scopeCode}</span>}
                  </td>
                  <td className="nowrap">{shortDay(r.asOf)}</td>
                  <td>
                    {longTime(new Date(r.publishedAt).toISOString())}
                    <div className="muted small">{r.publishedBy}</div>
                  </td>
                  <td>
                    <code title={r.sha256}>{r.sha256.slice(0, 16)}…</code>
                  </td>
                  <td className="nowrap">
                    <a href={`/reports/${r.id}/pdf`}>PDF</a> · <a href={`/reports/${r.id}/agencies.csv`}>Agencies CSV</a> ·{" "}
                    <a href={`/reports/${r.id}/endpoints.csv`}>Endpoints CSV</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
