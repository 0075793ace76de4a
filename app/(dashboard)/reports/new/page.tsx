import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "~/app/_components/page-header";
import { dayOf, isValidDay } from "~/server/lib/time";
import { reportText } from "~/server/reports/i18n";
import { getCaller } from "~/server/trpc/server";
import { DraftForm } from "../_components/draft-form";
import { PublishPanel } from "../_components/publish-panel";
import { ReportDocument } from "../_components/report-document";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("draft.title") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function DraftReportPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const today = dayOf(Date.now());
  const rawAgency = first(sp.agency) ?? "";
  const agencyId = /^\d{1,12}$/.test(rawAgency) ? Number(rawAgency) : null;
  const asOf = first(sp.asOf) || today;
  const caller = await getCaller();
  const t = await getTranslations("reports");
  const rt = reportText(await getLocale());
  const crumbs = <Link href="/reports">{t("title")}</Link>;

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
  // The reporting date's mistakes in the reader's words (the server's checks are the same).
  if (!isValidDay(asOf)) problem = t("draft.badDay");
  else if (asOf > today) problem = t("draft.futureDay");
  if (!scopes || !data) {
    return (
      <>
        <PageHeader title={t("draft.title")} crumbs={crumbs} />
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
  const scopeLabel = data.scope.kind === "agency" ? t("draft.scopeAgency", { name: data.scope.name, code: data.scope.code }) : t("draft.scopeAll");
  const scopeAgencyId = data.scope.kind === "agency" ? data.scope.agencyId : null;
  const dateLabel = rt.f.longDay(data.asOf);
  return (
    <>
      <PageHeader title={t("draft.title")} crumbs={crumbs} description={t("draft.description", { scope: scopeLabel, day: dateLabel })} />
      <section className="card no-print">
        <DraftForm deployment={scopes.deployment} agencies={scopes.agencies} today={today} agency={scopeAgencyId} asOf={data.asOf} />
      </section>
      <PublishPanel
        agencyId={scopeAgencyId}
        asOf={data.asOf}
        scopeLabel={scopeLabel}
        dateLabel={dateLabel}
        previous={data.previous ? t("draft.previousRef", { id: data.previous.reportId, day: rt.f.longDay(data.previous.asOf) }) : null}
      />
      <div className="report-frame">
        <ReportDocument data={data} published={null} rt={rt} />
      </div>
    </>
  );
}
