// The report as a document: the same component on screen (preview, published report) and in the
// print page Chromium turns into the PDF. Everything comes from the report's data (frozen once
// published); nothing here reads the database, so a published report always renders the same.
import { groupedFingerprint } from "~/server/reports/canonical";
import { longDay, longTime, num, percentOf, percentText, signed } from "~/server/reports/format";
import type { ReportData } from "~/server/reports/types";
import { BurndownChart } from "./burndown-chart";
import { Exceptions, MethodSection, Replacement } from "./report-sections";
import { DataQuality, ProductTables, ProgressTable } from "./report-tables";
import "./report.css";

export type PublishedRef = { id: number; sha256: string };

function TitleBlock({ data, published }: { data: ReportData; published: PublishedRef | null }) {
  const scope =
    data.scope.kind === "agency" ? (
      <>
        {data.scope.name} <span className="rpt-code">{data.scope.code}</span>
        {data.agencies.length > 1 ? " and its sub-agencies" : ""}
      </>
    ) : (
      <>All agencies (whole deployment)</>
    );
  return (
    <header className="rpt-title">
      <div className="rpt-kicker">
        <span>Muster · Status report</span>
        <span>{published ? `Report no. ${published.id}` : "Draft"}</span>
      </div>
      <h1>Removal of banned security software</h1>
      <p className="rpt-scope">{scope}</p>
      <dl className="rpt-meta">
        <dt>Reporting date</dt>
        <dd>
          {longDay(data.asOf)} <span className="rpt-muted">({data.live ? `figures as of ${longTime(data.figuresAt)}` : "figures as of the end of the day, UTC"})</span>
        </dd>
        <dt>Published</dt>
        <dd>{data.published ? `${longTime(data.published.at)} by ${data.published.by.name} (${data.published.by.email})` : "Not published: this draft is recomputed when published"}</dd>
        <dt>Previous report</dt>
        <dd>
          {data.previous ? (
            <>
              No. {data.previous.reportId}, reporting date {longDay(data.previous.asOf)}, SHA-256 <span className="rpt-mono">{data.previous.sha256.slice(0, 16)}…</span>
            </>
          ) : (
            "None: this is the first published report for this scope"
          )}
        </dd>
        {published && (
          <>
            <dt>Fingerprint</dt>
            <dd>
              <span className="rpt-mono rpt-fingerprint" data-testid="report-fingerprint">
                {groupedFingerprint(published.sha256)}
              </span>
              <span className="rpt-muted"> (SHA-256 of the published data)</span>
            </dd>
          </>
        )}
      </dl>
      {!published && (
        <p className="rpt-draft" role="note">
          Draft — not published. The figures are computed now and will be computed again, and frozen, when the report is published.
        </p>
      )}
    </header>
  );
}

function KeyFigures({ data }: { data: ReportData }) {
  const t = data.totals;
  const carrying = t.banned + t.remnants;
  const prev = data.previous ? data.previous.totals.banned + data.previous.totals.remnants : null;
  const figures: { label: string; value: string; sub?: string; tone?: string }[] = [
    { label: "Endpoints enrolled", value: num(t.endpoints), sub: `${percentOf(t.reporting, t.endpoints)} reporting` },
    {
      label: "Carrying banned software",
      value: num(carrying),
      sub: prev === null ? "first report" : `${signed(carrying - prev)} since previous report`,
      tone: carrying > 0 ? "bad" : "ok",
    },
    { label: "Banned installs remaining", value: num(t.openFindings), sub: `${num(t.remnants)} endpoints with remnants only`, tone: t.openFindings > 0 ? "bad" : "ok" },
    { label: "Verified removed", value: num(t.resolvedFindings), sub: `${percentText(t.percentComplete)} complete` },
    { label: "Under exception", value: num(t.excepted), sub: "approved waivers" },
    { label: "State unknown", value: num(t.stale + t.neverReported), sub: "stale or never reported", tone: t.stale + t.neverReported > 0 ? "warn" : undefined },
  ];
  return (
    <div className="rpt-figures">
      {figures.map((f) => (
        <div key={f.label} className={`rpt-figure ${f.tone ?? ""}`}>
          <div className="rpt-figure-label">{f.label}</div>
          <div className="rpt-figure-value">{f.value}</div>
          {f.sub && <div className="rpt-figure-sub">{f.sub}</div>}
        </div>
      ))}
    </div>
  );
}

export function ReportDocument({ data, published }: { data: ReportData; published: PublishedRef | null }) {
  return (
    <article className="rpt" data-testid="report-document">
      <TitleBlock data={data} published={published} />
      <section className="rpt-section">
        <h2>1. Summary</h2>
        <p className="rpt-summary" data-testid="report-summary">{data.summary}</p>
        <KeyFigures data={data} />
      </section>
      <section className="rpt-section">
        <h2>2. Progress by agency</h2>
        <p className="rpt-note">
          Figures of each agency include its sub-agencies. Banned remaining: banned installs (one product on one endpoint, installed or remnants) still present; change since the previous
          report. Reporting: share of endpoints that reported in the last {data.method.staleDays} days. Removed: banned installs verified removed.
        </p>
        <ProgressTable data={data} />
      </section>
      <section className="rpt-section">
        <h2>3. Banned software remaining, by product</h2>
        <ProductTables data={data} />
      </section>
      <section className="rpt-section rpt-keep">
        <h2>4. Burn-down since the policy took effect</h2>
        <BurndownChart burndown={data.burndown} />
      </section>
      <section className="rpt-section">
        <h2>5. Replacement protection</h2>
        <Replacement data={data} />
      </section>
      <section className="rpt-section">
        <h2>6. Exceptions</h2>
        <Exceptions data={data} />
      </section>
      <section className="rpt-section">
        <h2>7. Data quality</h2>
        <DataQuality data={data} />
      </section>
      <section className="rpt-section">
        <h2>8. Method</h2>
        <MethodSection data={data} />
      </section>
      <footer className="rpt-end">
        {published ? (
          <p>
            This document reproduces Muster report no. {published.id}, frozen when it was published. Its data is kept unchanged as canonical JSON whose SHA-256 fingerprint is{" "}
            <span className="rpt-mono rpt-break">{published.sha256}</span>. The data file and the CSV files (by agency, and by endpoint with its banned installs) can be downloaded again
            at any time; each CSV ends with the same fingerprint.
          </p>
        ) : (
          <p>Draft generated {longTime(data.generatedAt)}. Not published: it has no fingerprint.</p>
        )}
      </footer>
    </article>
  );
}
