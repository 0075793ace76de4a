import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "~/app/_components/page-header";
import { dayOf } from "~/server/lib/time";
import { longDay } from "~/server/reports/format";
import { getCaller } from "~/server/trpc/server";
import { DraftForm } from "../_components/draft-form";
import { PublishPanel } from "../_components/publish-panel";
import { ReportDocument } from "../_components/report-document";

export const metadata: Metadata = { title: "Draft report" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function DraftReportPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const today = dayOf(Date.now());
  const rawAgency = first(sp.agency) ?? "";
  const agencyId = /^\d{1,12}$/.test(rawAgency) ? Number(rawAgency) : null;
  const asOf = first(sp.asOf) || today;
  const caller = await getCaller();
  const crumbs = <Link href="/reports">Reports</Link>;

  let scopes;
  let data;
  let problem: string | null = null;
  try {
    scopes = await caller.reports.scopes();
    data = await caller.reports.preview({ agencyId, asOf });
  } catch (err) {
    if (!(err instanceof TRPCError) || !["BAD_REQUEST", "FORBIDDEN", "NOT_FOUND"].includes(err.code)) throw err;
    problem = err.message;
  }
  if (!scopes || !data) {
    return (
      <>
        <PageHeader title="Draft report" crumbs={crumbs} />
        <p className="form-error" role="alert">
          {problem}
        </p>
        {scopes && (
          <section className="card" style={{ marginTop: "1rem" }}>
            <DraftForm deployment={scopes.deployment} agencies={scopes.agencies} today={today} agency={agencyId} asOf={asOf} />
          </section>
        )}
      </>
    );
  }
  const scopeLabel = data.scope.kind === "agency" ? `${data.scope.name} (${data.scope.code})` : "all agencies";
  const scopeAgencyId = data.scope.kind === "agency" ? data.scope.agencyId : null;
  return (
    <>
      <PageHeader title="Draft report" crumbs={crumbs} description={`Not published. ${scopeLabel[0]!.toUpperCase()}${scopeLabel.slice(1)}, reporting date ${longDay(data.asOf)}.`} />
      <section className="card no-print">
        <DraftForm deployment={scopes.deployment} agencies={scopes.agencies} today={today} agency={scopeAgencyId} asOf={data.asOf} />
      </section>
      <PublishPanel
        agencyId={scopeAgencyId}
        asOf={data.asOf}
        scopeLabel={scopeLabel}
        dateLabel={longDay(data.asOf)}
        previous={data.previous ? `report no. ${data.previous.reportId} (reporting date ${longDay(data.previous.asOf)})` : null}
      />
      <div className="report-frame">
        <ReportDocument data={data} published={null} />
      </div>
    </>
  );
}
