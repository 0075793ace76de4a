import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "~/app/_components/page-header";
import { LOCALES } from "~/server/i18n/locales";
import { reportText, reportTitleIn } from "~/server/reports/i18n";
import { getCaller } from "~/server/trpc/server";
import { orNotFound } from "../../_components/not-found";
import { ReportDocument } from "../_components/report-document";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("report.metaTitle") };
}

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const raw = (await params).id;
  if (!/^[1-9]\d{0,11}$/.test(raw)) notFound();
  const id = Number(raw);
  const caller = await getCaller();
  const { meta, data } = await orNotFound(caller.reports.get({ id }));
  const t = await getTranslations("reports");
  const locale = await getLocale();
  const rt = reportText(locale);
  const others = LOCALES.filter((l) => l !== locale);
  const base = `/reports/${meta.id}`;
  return (
    <>
      <PageHeader
        title={t("report.title", { id: meta.id })}
        crumbs={<Link href="/reports">{t("title")}</Link>}
        description={t("report.description", { title: reportTitleIn(rt, meta), time: rt.f.longTime(new Date(meta.publishedAt).toISOString()), name: meta.publishedBy })}
        actions={
          <>
            <a className="btn btn-primary" href={`${base}/pdf`} download>
              {t("report.downloadPdf")}
            </a>
            {others.map((l) => (
              <a key={l} className="btn" href={`${base}/pdf?lang=${l}`} hrefLang={l} download>
                {t("pdfIn", { language: t(`languageNames.${l}`) })}
              </a>
            ))}
            <a className="btn" href={`${base}/agencies.csv`} download>
              {t("agenciesCsv")}
            </a>
            <a className="btn" href={`${base}/endpoints.csv`} download>
              {t("endpointsCsv")}
            </a>
            <a className="btn" href={`${base}/data.json`} download>
              {t("report.dataJson")}
            </a>
          </>
        }
      />
      <p className="muted small no-print">
        {data.previous ? <>{t.rich("report.comparedWith", { id: data.previous.reportId, link: (c) => <Link href={`/reports/${data.previous!.reportId}`}>{c}</Link> })} </> : null}
        {t("report.endpointsCsvRows", { count: data.findings.count })}
      </p>
      {LOCALES.filter((l) => l !== "en").map((l) => (
        <p key={l} className="muted small no-print" data-testid={`csv-${l}`}>
          {t("csvValuesIn", { language: t(`languageNames.${l}`) })} <a href={`${base}/agencies.csv?lang=${l}`}>{t("agenciesCsv")}</a> ·{" "}
          <a href={`${base}/endpoints.csv?lang=${l}`}>{t("endpointsCsv")}</a>
        </p>
      ))}
      <div className="report-frame">
        <ReportDocument data={data} published={{ id: meta.id, sha256: meta.sha256 }} rt={rt} />
      </div>
    </>
  );
}
