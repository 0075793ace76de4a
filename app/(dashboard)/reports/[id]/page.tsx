import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "~/app/_components/page-header";
import { longTime, num } from "~/server/reports/format";
import { getCaller } from "~/server/trpc/server";
import { orNotFound } from "../../_components/not-found";
import { ReportDocument } from "../_components/report-document";

export const metadata: Metadata = { title: "Report" };

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const raw = (await params).id;
  if (!/^[1-9]\d{0,11}$/.test(raw)) notFound();
  const id = Number(raw);
  const caller = await getCaller();
  const { meta, data } = await orNotFound(caller.reports.get({ id }));
  const base = `/reports/${meta.id}`;
  return (
    <>
      <PageHeader
        title={`Report no. ${meta.id}`}
        crumbs={<Link href="/reports">Reports</Link>}
        description={`${meta.title}. Published ${longTime(new Date(meta.publishedAt).toISOString())} by ${meta.publishedBy}.`}
        actions={
          <>
            <a className="btn btn-primary" href={`${base}/pdf`} download>
              Download PDF
            </a>
            <a className="btn" href={`${base}/agencies.csv`} download>
              Agencies CSV
            </a>
            <a className="btn" href={`${base}/endpoints.csv`} download>
              Endpoints CSV
            </a>
            <a className="btn" href={`${base}/data.json`} download>
              Data (JSON)
            </a>
          </>
        }
      />
      <p className="muted small no-print">
        {data.previous ? (
          <>
            Compared with <Link href={`/reports/${data.previous.reportId}`}>report no. {data.previous.reportId}</Link>.{" "}
          </>
        ) : null}
        The endpoints CSV lists {num(data.findings.count)} banned installs (open or under exception), one row each.
      </p>
      <div className="report-frame">
        <ReportDocument data={data} published={{ id: meta.id, sha256: meta.sha256 }} />
      </div>
    </>
  );
}
