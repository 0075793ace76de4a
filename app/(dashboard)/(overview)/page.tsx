import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getFormat } from "~/app/_components/format";
import { getLabels } from "~/app/_components/get-labels";
import { LocalTime } from "~/app/_components/local-time";
import { PageHeader } from "~/app/_components/page-header";
import { ENDPOINT_STATES } from "~/server/db/schema/endpoints";
import { getCaller } from "~/server/trpc/server";
import { ChartFigure } from "../_components/chart-figure";
import { BurndownChart, ProductBarsChart, StateBarsChart } from "../_components/charts";
import { EvidenceTable } from "../_components/evidence-table";
import { ChangeSection } from "../_components/change-section";
import { InvalidFilters } from "../_components/invalid-filters";
import { readPeriod } from "~/server/dashboard/period";
import { Figure } from "../_components/figure";
import { needsActionHref } from "~/server/findings/needs-action";
import { PROJECTION_WINDOW_DAYS } from "~/server/findings/projection";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("overview"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OverviewPage({ searchParams }: Props) {
  const caller = await getCaller();
  const period = readPeriod(await searchParams);
  const [me, o, agencies, change] = await Promise.all([caller.users.me(), caller.overview.get(), caller.agencies.list(), caller.overview.changes(period.input)]);
  const [fmt, l, tr, ts] = await Promise.all([getFormat(), getLabels(), getTranslations("overview"), getTranslations("states.terms")]);
  const t = o.totals;
  const na = o.needsAction;
  const share = (n: number) => (t.endpoints ? fmt.pct(n / t.endpoints) : "—");
  const root = me.role === "agency_officer" ? agencies.find((a) => a.id === me.agencyId) : undefined;
  const byProduct = new Map<string, { name: string; open: number }>();
  for (const p of o.products) {
    const e = byProduct.get(p.product) ?? { name: p.productName, open: 0 };
    e.open += p.open;
    byProduct.set(p.product, e);
  }
  const productRows = [...byProduct.values()].sort((a, b) => b.open - a.open);
  const weekly = o.burndown.filter((_, i, all) => (all.length - 1 - i) % 7 === 0);

  return (
    <>
      <PageHeader
        title={tr("title")}
        description={
          root ? (
            <>
              {tr("descriptionAgency", { name: root.name })} · <span className="mono">{root.code}</span>
            </>
          ) : (
            tr("description")
          )
        }
        actions={
          <a className="btn" href="/endpoints/export?needs=action" download data-testid="export-needs-action">
            {tr("exportNeedsAction")}
          </a>
        }
      />

      <InvalidFilters invalid={period.invalid} />
      <section aria-labelledby="fig-title">
        <h2 id="fig-title" className="sr-only">
          {tr("headlineFigures")}
        </h2>
        <div className="figures figures-tight">
          <Figure
            label={ts("needsAction")}
            value={fmt.n(na.total)}
            tone="bad"
            href={needsActionHref("total")}
            testId="figure-needs-action"
            sub={tr("needsActionSub", { share: share(na.total), findings: t.openFindings })}
          />
          <Figure label={ts("banned")} value={fmt.n(na.banned)} tone="bad" href={needsActionHref("banned")} testId="figure-banned" sub={share(na.banned)} />
          <Figure label={ts("remnants")} value={fmt.n(na.remnants)} tone="orange" href={needsActionHref("remnants")} testId="figure-remnants" sub={share(na.remnants)} />
          <Figure
            label={ts("staleBanned")}
            value={fmt.n(na.staleBanned)}
            tone="grey"
            href={needsActionHref("staleBanned")}
            testId="figure-stale-banned"
            sub={tr("noReportFor", { days: o.staleDays })}
          />
          <Figure label={ts("excepted")} value={fmt.n(t.excepted)} tone="purple" href="/endpoints?state=excepted" testId="figure-excepted" sub={tr("exceptedSub")} />
          <Figure
            label={ts("behind")}
            value={fmt.n(o.behind.total)}
            tone={o.behind.total ? "bad" : "ok"}
            href="/agencies?status=behind"
            testId="figure-behind"
            sub={tr("behindSub", { overdue: o.behind.overdue, atRisk: o.behind.atRisk })}
          />
        </div>
        <p className="small muted" style={{ margin: ".25rem 0 .75rem" }}>
          {tr("needsActionRule")}
        </p>
        <div className="figures figures-tight">
          <Figure label={tr("endpoints")} value={fmt.n(t.endpoints)} href="/endpoints" testId="figure-endpoints" />
          <Figure label={tr("reported24h")} value={fmt.n(o.reporting24h)} sub={share(o.reporting24h)} testId="figure-reporting-24h" />
          <Figure label={tr("reportedInDays", { days: o.staleDays })} value={fmt.n(o.reportingWindow)} sub={share(o.reportingWindow)} testId="figure-reporting-window" />
          <Figure label={l.state("unprotected")} value={fmt.n(t.unprotected)} tone="warn" href="/endpoints?state=unprotected" testId="figure-unprotected" sub={share(t.unprotected)} />
          <Figure label={tr("staleAll")} value={fmt.n(t.stale)} tone="grey" href="/endpoints?state=stale" testId="figure-stale" sub={tr("noReportFor", { days: o.staleDays })} />
          <Figure label={l.state("never-reported")} value={fmt.n(t.neverReported)} tone="grey" href="/endpoints?state=never-reported" testId="figure-never-reported" />
          <Figure label={l.state("clean")} value={fmt.n(t.clean)} tone="ok" href="/endpoints?state=clean" testId="figure-clean" sub={share(t.clean)} />
        </div>
      </section>

      <ChangeSection change={change} fmt={fmt} />

      <div className="grid grid-2 section">
        <ChartFigure
          id="burndown"
          title={tr("burndownTitle")}
          chart={<BurndownChart points={o.burndown} deadline={o.deadline} projectedDay={o.projectedDay} today={o.today} />}
          caption={
            <>
              {tr("openToday", { count: t.openFindings })} {o.deadline ? tr("deadline", { day: fmt.day(o.deadline) }) : tr("noDeadline")}{" "}
              {t.openFindings === 0
                ? tr("nothingLeft")
                : o.stalled
                  ? o.projectedFrom
                    ? tr("stalledAgency", { agency: o.projectedFrom, days: PROJECTION_WINDOW_DAYS })
                    : tr("stalled", { days: PROJECTION_WINDOW_DAYS })
                  : o.projectedFrom
                    ? tr("projectedAgency", { day: fmt.day(o.projectedDay), agency: o.projectedFrom, days: PROJECTION_WINDOW_DAYS })
                    : tr("projected", { day: fmt.day(o.projectedDay), days: PROJECTION_WINDOW_DAYS })}
            </>
          }
          table={
            <table className="data compact">
              <caption className="sr-only">{tr("weeklyCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr("day")}</th>
                  <th scope="col" className="num">
                    {ts("openFindings")}
                  </th>
                  <th scope="col" className="num">
                    {tr("bannedEndpoints")}
                  </th>
                  <th scope="col" className="num">
                    {tr("removalsThatDay")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {weekly.map((p) => (
                  <tr key={p.day}>
                    <td>{fmt.day(p.day)}</td>
                    <td className="num">{fmt.n(p.openFindings)}</td>
                    <td className="num">{fmt.n(p.banned)}</td>
                    <td className="num">{fmt.n(p.removals)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
        <ChartFigure
          id="products"
          title={tr("productsTitle")}
          chart={<ProductBarsChart rows={productRows} />}
          caption={tr("productsCaption")}
          table={
            <table className="data compact" data-testid="products-table">
              <caption className="sr-only">{tr("productsTableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr("vendor")}</th>
                  <th scope="col">{tr("product")}</th>
                  <th scope="col">{tr("version")}</th>
                  <th scope="col" className="num">
                    {tr("open")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {o.products.length === 0 && (
                  <tr>
                    <td colSpan={4} className="empty">
                      {tr("noOpenFinding")}
                    </td>
                  </tr>
                )}
                {o.products.map((p) => (
                  <tr key={`${p.product}|${p.version}`}>
                    <td>{p.vendorName}</td>
                    <td>
                      <a href={`/findings?present=product:${p.product}&version=${encodeURIComponent(p.version)}`}>{p.productName}</a>
                    </td>
                    <td className="mono">{p.version || "—"}</td>
                    <td className="num">{fmt.n(p.open)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      </div>

      <div className="section">
        <ChartFigure
          id="states"
          title={tr("statesTitle")}
          chart={
            <StateBarsChart
              rows={o.byAgency.map((a) => ({
                code: a.code,
                name: a.name,
                banned: a.counts.banned,
                remnants: a.counts.remnants,
                excepted: a.counts.excepted,
                unprotected: a.counts.unprotected,
                clean: a.counts.clean,
                stale: a.counts.stale,
                "never-reported": a.counts.neverReported,
              }))}
            />
          }
          caption={o.moreAgencies > 0 ? `${tr("statesCaption")} ${tr("moreAgencies", { count: o.moreAgencies })}` : tr("statesCaption")}
          table={
            <table className="data compact" data-testid="states-table">
              <caption className="sr-only">{tr("statesTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr("agency")}</th>
                  {ENDPOINT_STATES.map((s) => (
                    <th key={s} scope="col" className="num">
                      {l.state(s)}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {tr("total")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {o.byAgency.map((a) => (
                  <tr key={a.code}>
                    <th scope="row">
                      <a href={`/agencies/${a.code}`}>{a.code}</a> <span className="muted">{a.name}</span>
                    </th>
                    {ENDPOINT_STATES.map((s) => (
                      <td key={s} className="num">
                        {fmt.n(a.counts[s === "never-reported" ? "neverReported" : s])}
                      </td>
                    ))}
                    <td className="num">{fmt.n(a.counts.endpoints)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      </div>
      <section className="section card" aria-labelledby="evidence-title">
        <h2 id="evidence-title">{tr("evidenceTitle")}</h2>
        <p className="small muted">{tr("evidenceText")}</p>
        <EvidenceTable rows={o.evidence} fmt={fmt} total={t.endpoints} />
      </section>
      <p className="small muted section">{tr.rich("asOf", { time: () => <LocalTime ms={Date.now()} /> })}</p>
    </>
  );
}
