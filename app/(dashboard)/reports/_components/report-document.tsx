// The report as a document: the same component on screen (preview, published report) and in the
// print page Chromium turns into the PDF. Everything comes from the report's data (frozen once
// published) and the language it is read in; nothing here reads the database, so a published
// report always renders the same in a given language.
import { groupedFingerprint } from "~/server/reports/canonical";
import { LOCALE_NAMES } from "~/server/i18n/locales";
import type { ReportText } from "~/server/reports/i18n";
import { asPublished } from "~/server/reports/method-text";
import { buildSummary, summaryInput } from "~/server/reports/summary";
import type { ReportData } from "~/server/reports/types";
import { BurndownChart } from "./burndown-chart";
import { Brief } from "./report-brief";
import { EvidenceSplit, Exceptions, MethodSection, Replacement } from "./report-sections";
import { DataQuality, ProductTables, ProgressTable } from "./report-tables";
import "./report.css";

export type PublishedRef = { id: number; sha256: string };

const mono = (chunks: React.ReactNode) => <span className="rpt-mono">{chunks}</span>;
const code = (chunks: React.ReactNode) => <span className="rpt-code">{chunks}</span>;

function TitleBlock({ data, published, rt }: { data: ReportData; published: PublishedRef | null; rt: ReportText }) {
  const { t, f } = rt;
  const scope =
    data.scope.kind === "agency"
      ? t.rich(data.agencies.length > 1 ? "report.doc.scopeAgencyWithSubs" : "report.doc.scopeAgency", { name: data.scope.name, code: data.scope.code, c: code })
      : t("report.doc.wholeDeployment");
  return (
    <header className="rpt-title">
      <div className="rpt-kicker">
        <span>{t("report.doc.kicker")}</span>
        <span>{published ? t("report.doc.reportNo", { id: published.id }) : t("report.doc.draft")}</span>
      </div>
      <h1>{t("report.doc.heading")}</h1>
      <p className="rpt-scope">{scope}</p>
      <dl className="rpt-meta">
        <dt>{t("report.doc.reportingDate")}</dt>
        <dd>
          {f.longDay(data.asOf)} <span className="rpt-muted">({data.live ? t("report.doc.figuresAsOf", { time: f.longTime(data.figuresAt) }) : t("report.doc.figuresEndOfDay")})</span>
        </dd>
        <dt>{t("report.doc.published")}</dt>
        <dd>{data.published ? t("report.doc.publishedBy", { time: f.longTime(data.published.at), name: data.published.by.name, email: data.published.by.email }) : t("report.doc.draftRecomputed")}</dd>
        <dt>{t("report.doc.previous")}</dt>
        <dd>
          {data.previous
            ? t.rich("report.doc.previousRef", { id: data.previous.reportId, day: f.longDay(data.previous.asOf), sha: data.previous.sha256.slice(0, 16), mono })
            : t("report.doc.previousNone")}
        </dd>
        {published && (
          <>
            <dt>{t("report.doc.fingerprint")}</dt>
            <dd>
              <span className="rpt-mono rpt-fingerprint" data-testid="report-fingerprint">
                {groupedFingerprint(published.sha256)}
              </span>
              <span className="rpt-muted"> {t("report.doc.fingerprintOf")}</span>
            </dd>
          </>
        )}
        <dt>{t("report.doc.language")}</dt>
        <dd data-testid="report-language">{LOCALE_NAMES[rt.locale]}</dd>
      </dl>
      {!published && (
        <p className="rpt-draft" role="note">
          {t("report.doc.draftNote")}
        </p>
      )}
    </header>
  );
}

export function ReportDocument({ data, published, rt }: { data: ReportData; published: PublishedRef | null; rt: ReportText }) {
  const { t, f } = rt;
  const summary = asPublished(data, rt) && data.summary ? data.summary : buildSummary(summaryInput(data), rt);
  return (
    <article className="rpt" data-testid="report-document" lang={rt.locale}>
      <TitleBlock data={data} published={published} rt={rt} />
      <Brief data={data} published={published} rt={rt} />
      <section className="rpt-section">
        <h2>{t("report.doc.sectionSummary")}</h2>
        <p className="rpt-summary" data-testid="report-summary">
          {summary}
        </p>
      </section>
      <section className="rpt-section">
        <h2>{t("report.doc.sectionProgress")}</h2>
        <p className="rpt-note">{t("report.doc.progressNote", { days: data.method.staleDays })}</p>
        <ProgressTable data={data} rt={rt} />
      </section>
      <section className="rpt-section">
        <h2>{t("report.doc.sectionProducts")}</h2>
        <ProductTables data={data} rt={rt} />
      </section>
      <section className="rpt-section rpt-keep">
        <h2>{t("report.doc.sectionBurndown")}</h2>
        <BurndownChart burndown={data.burndown} rt={rt} />
      </section>
      <section className="rpt-section">
        <h2>{t("report.doc.sectionReplacement")}</h2>
        <Replacement data={data} rt={rt} />
      </section>
      <section className="rpt-section">
        <h2>{t("report.doc.sectionQuality")}</h2>
        <DataQuality data={data} rt={rt} />
        {data.evidence && data.evidence.length > 0 && <EvidenceSplit rows={data.evidence} total={data.totals.endpoints} rt={rt} />}
      </section>
      <section className="rpt-section">
        <h2>{t("report.doc.sectionMethod")}</h2>
        <MethodSection data={data} rt={rt} />
      </section>
      <section className="rpt-section rpt-annex" data-testid="report-annex">
        <h2>{t("report.doc.sectionAnnex")}</h2>
        <Exceptions data={data} rt={rt} />
      </section>
      <footer className="rpt-end">
        {published ? (
          <p>
            {t.rich("report.doc.endPublished", { id: published.id, sha: published.sha256, mono: (c) => <span className="rpt-mono rpt-break">{c}</span> })}
            {data.verifyUrl ? <> {t("report.doc.endVerify", { url: data.verifyUrl })}</> : null}
          </p>
        ) : (
          <p>{t("report.doc.endDraft", { time: f.longTime(data.generatedAt) })}</p>
        )}
      </footer>
    </article>
  );
}
