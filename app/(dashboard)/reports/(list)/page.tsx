import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "~/app/_components/page-header";
import { LOCALES } from "~/server/i18n/locales";
import { dayOf } from "~/server/lib/time";
import { reportText } from "~/server/reports/i18n";
import { getCaller } from "~/server/trpc/server";
import { DraftForm } from "../_components/draft-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

export default async function ReportsPage() {
  const caller = await getCaller();
  const me = await caller.users.me();
  const reports = await caller.reports.list();
  const canPublish = me.role !== "auditor";
  const scopes = canPublish ? await caller.reports.scopes() : null;
  const t = await getTranslations("reports");
  const locale = await getLocale();
  const { f } = reportText(locale);
  const otherLocales = LOCALES.filter((l) => l !== locale);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {scopes && (
        <section className="card no-print" aria-labelledby="new-report">
          <h2 id="new-report">{t("newReport")}</h2>
          <p className="muted small">{t("newReportHelp")}</p>
          <DraftForm deployment={scopes.deployment} agencies={scopes.agencies} today={dayOf(Date.now())} />
        </section>
      )}
      <section style={{ marginTop: "1rem" }} aria-labelledby="published-reports">
        <h2 id="published-reports">{t("published")}</h2>
        <div className="table-wrap">
          <table className="data">
            <caption className="sr-only">{t("caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("colNo")}</th>
                <th scope="col">{t("colScope")}</th>
                <th scope="col">{t("colReportingDate")}</th>
                <th scope="col">{t("colPublished")}</th>
                <th scope="col">{t("colFingerprint")}</th>
                <th scope="col">{t("colDownloads")}</th>
              </tr>
            </thead>
            <tbody>
              {reports.length === 0 && (
                <tr>
                  <td colSpan={6} className="empty">
                    {canPublish ? t("emptyDraft") : t("empty")}
                  </td>
                </tr>
              )}
              {reports.map((r) => (
                <tr key={r.id} data-report={r.id}>
                  <td className="num">
                    <Link href={`/reports/${r.id}`}>{r.id}</Link>
                  </td>
                  <td>
                    <Link href={`/reports/${r.id}`}>{r.scopeName ?? t("allAgencies")}</Link>
                    {r.scopeCode && <span className="muted small"> {r.scopeCode}</span>}
                  </td>
                  <td className="nowrap">{f.shortDay(r.asOf)}</td>
                  <td>
                    {f.longTime(new Date(r.publishedAt).toISOString())}
                    <div className="muted small">{r.publishedBy}</div>
                  </td>
                  <td>
                    <code title={r.sha256}>{r.sha256.slice(0, 16)}…</code>
                  </td>
                  <td className="nowrap">
                    <a href={`/reports/${r.id}/pdf`}>{t("pdf")}</a>
                    {otherLocales.map((l) => (
                      <span key={l}>
                        {" "}
                        <a
                          href={`/reports/${r.id}/pdf?lang=${l}`}
                          hrefLang={l}
                          title={t("pdfIn", { language: t(`languageNames.${l}`) })}
                          aria-label={t("pdfIn", { language: t(`languageNames.${l}`) })}
                        >
                          ({l.toUpperCase()})
                        </a>
                      </span>
                    ))}{" "}
                    · <a href={`/reports/${r.id}/agencies.csv`}>{t("agenciesCsv")}</a> · <a href={`/reports/${r.id}/endpoints.csv`}>{t("endpointsCsv")}</a>
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
