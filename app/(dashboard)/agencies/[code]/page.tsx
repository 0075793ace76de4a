import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getFormat } from "~/app/_components/format";
import { PageHeader } from "~/app/_components/page-header";
import { canWrite } from "~/server/access/scope";
import { getCaller } from "~/server/trpc/server";
import { ChartFigure } from "../../_components/chart-figure";
import { BurndownChart } from "../../_components/charts";
import { EndpointTable } from "../../_components/endpoint-table";
import { Figure } from "../../_components/figure";
import { FindingTable } from "../../_components/finding-table";
import { orNotFound } from "../../_components/not-found";
import { ProgressBadge } from "../../_components/progress-status";
import { WaiverTable } from "../../_components/waiver-table";
import { ChangeSection } from "../../_components/change-section";
import { InvalidFilters } from "../../_components/invalid-filters";
import { readPeriod } from "~/server/dashboard/period";
import { needsAction, needsActionHref } from "~/server/findings/needs-action";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).code).toUpperCase() };
}

type SearchProps = Props & { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AgencyPage({ params, searchParams }: SearchProps) {
  const code = decodeURIComponent((await params).code);
  const period = readPeriod(await searchParams);
  const caller = await getCaller();
  const [me, d, change] = await Promise.all([caller.users.me(), orNotFound(caller.overview.agency({ code })), orNotFound(caller.overview.changes({ ...period.input, agency: code }))]);
  const [fmt, t, ta, ts, tw] = await Promise.all([getFormat(), getTranslations("agencies.agency"), getTranslations("agencies"), getTranslations("states.terms"), getTranslations("agencies.status")]);
  const r = d.row;
  const tt = r.totals;
  const na = needsAction(tt);
  const ac = d.agency.code;
  const from = (c: string | null) => (c ? (d.children.find((x) => x.code === c)?.name ?? c) : null);
  const weekly = d.trend.filter((_, i, all) => (all.length - 1 - i) % 7 === 0);
  const projected = (x: { status: string; stalled: boolean; projectedDay: string | null }) => (x.status === "done" ? tw("label.done") : x.stalled ? ta("never") : fmt.day(x.projectedDay));
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href="/agencies">{ta("title")}</Link>
            {d.agency.parent && d.agency.parentVisible && (
              <>
                {" / "}
                <Link href={`/agencies/${d.agency.parent.code}`}>{d.agency.parent.name}</Link>
              </>
            )}
          </>
        }
        title={d.agency.name}
        description={
          <>
            <span className="mono">{d.agency.code}</span> · {t("includesSub")} · <ProgressBadge status={r.status} />
            {r.statusFrom ? (
              <span className="small" data-testid="status-from">
                {" "}
                {t("statusFrom", { agency: from(r.statusFrom) ?? "", own: tw(`label.${r.ownStatus}`).toLowerCase() })}
              </span>
            ) : null}
          </>
        }
        actions={
          <>
            <Link className="btn" href={`/endpoints?agency=${d.agency.code}`}>
              {t("allEndpoints")}
            </Link>
            <a className="btn btn-primary" href={`/agencies/${ac}/pack`} download data-testid="agency-pack">
              {t("pack")}
            </a>
            <a className="btn" href={`/endpoints/export?agency=${ac}&needs=action`} download>
              {t("exportNeedsAction")}
            </a>
          </>
        }
      />
      <InvalidFilters invalid={period.invalid} />
      <div className="figures figures-tight">
        <Figure label={ts("needsAction")} value={fmt.n(na.total)} tone="bad" href={needsActionHref("total", ac)} testId="agency-needs-action" sub={t("openFindingsSub", { count: tt.openFindings })} />
        <Figure label={ts("banned")} value={fmt.n(na.banned)} tone="bad" href={needsActionHref("banned", ac)} testId="agency-banned" />
        <Figure label={ts("remnants")} value={fmt.n(na.remnants)} tone="orange" href={needsActionHref("remnants", ac)} testId="agency-remnants" />
        <Figure label={ts("staleBanned")} value={fmt.n(na.staleBanned)} tone="grey" href={needsActionHref("staleBanned", ac)} testId="agency-stale-banned" />
        <Figure label={ts("excepted")} value={fmt.n(tt.excepted)} tone="purple" href={`/endpoints?agency=${ac}&state=excepted`} testId="agency-excepted" sub={t("exceptedSub")} />
        <Figure
          label={t("endpoints")}
          value={fmt.n(tt.endpoints)}
          href={`/endpoints?agency=${ac}`}
          testId="agency-endpoints"
          sub={t("reportingSub", { share: fmt.pct(r.reportingShare), days: d.staleDays })}
        />
        <Figure label={ts("resolvedFindings")} value={fmt.n(tt.resolvedFindings)} tone="ok" sub={t("completeSub", { share: fmt.pct(r.percentComplete) })} />
        <Figure
          text
          label={t("deadline")}
          value={fmt.day(r.deadline)}
          sub={r.daysLeft === null ? undefined : r.daysLeft >= 0 ? ta("daysLeft", { count: r.daysLeft }) : t("daysAgo", { count: -r.daysLeft })}
        />
        <Figure
          text
          label={t("projected")}
          value={projected(r)}
          testId="agency-projected"
          sub={r.projectedFrom ? t("latestOfParts", { agency: from(r.projectedFrom) ?? "" }) : t("windowSub", { removals: r.removalsWindow, reinstalls: r.reinstallsWindow, days: d.windowDays })}
        />
      </div>
      {d.children.length > 0 && <p className="small muted">{ta("rollUpRule")}</p>}

      <ChangeSection change={change} fmt={fmt} path={`/agencies/${ac}`} agency={ac} />

      <div className="section">
        <ChartFigure
          id="trend"
          title={t("trend")}
          chart={<BurndownChart points={d.trend} deadline={r.deadline} projectedDay={r.projectedDay} today={d.today} />}
          caption={t("trendCaption", { open: tt.openFindings, resolved: tt.resolvedFindings })}
          table={
            <table className="data">
              <caption className="sr-only">{t("weeklyCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("day")}</th>
                  <th scope="col" className="num">
                    {ts("openFindings")}
                  </th>
                  <th scope="col" className="num">
                    {t("bannedEndpoints")}
                  </th>
                  <th scope="col" className="num">
                    {t("clean")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {weekly.map((p) => (
                  <tr key={p.day}>
                    <td>{fmt.day(p.day)}</td>
                    <td className="num">{fmt.n(p.openFindings)}</td>
                    <td className="num">{fmt.n(p.banned)}</td>
                    <td className="num">{fmt.n(p.clean)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      </div>

      {d.children.length > 0 && (
        <section className="section">
          <h2>{t("subAgencies")}</h2>
          <div className="table-wrap">
            <table className="data compact">
              <caption className="sr-only">{t("subAgencies")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("agency")}</th>
                  <th scope="col" className="num">
                    {t("endpoints")}
                  </th>
                  <th scope="col" className="num">
                    {ts("needsAction")}
                  </th>
                  <th scope="col" className="num">
                    {ts("openFindings")}
                  </th>
                  <th scope="col" className="num">
                    {ts("resolvedFindings")}
                  </th>
                  <th scope="col">{t("deadline")}</th>
                  <th scope="col">{t("projected")}</th>
                  <th scope="col">{t("status")}</th>
                </tr>
              </thead>
              <tbody>
                {d.children.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link href={`/agencies/${c.code}`}>{c.name}</Link> <span className="mono muted small">{c.code}</span>
                    </td>
                    <td className="num">{fmt.n(c.totals.endpoints)}</td>
                    <td className="num">
                      <Link href={needsActionHref("total", c.code)}>{fmt.n(needsAction(c.totals).total)}</Link>
                    </td>
                    <td className="num">{fmt.n(c.totals.openFindings)}</td>
                    <td className="num">{fmt.n(c.totals.resolvedFindings)}</td>
                    <td>{fmt.day(c.deadline)}</td>
                    <td>{projected(c)}</td>
                    <td>
                      <ProgressBadge status={c.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section className="section">
        <div className="section-head">
          <h2>{t("needsActionTitle")}</h2>
          <Link href={needsActionHref("total", ac)}>{t("allNeedsAction", { count: na.total })}</Link>
        </div>
        <EndpointTable items={d.needsActionEndpoints.items} caption={t("needsActionCaption")} empty={t("needsActionEmpty")} />
      </section>

      <section className="section">
        <div className="section-head">
          <h2>{ts("openFindings")}</h2>
          <Link href={`/findings?agency=${d.agency.code}`}>{t("allOpenFindings", { count: d.findings.total.value })}</Link>
        </div>
        <FindingTable items={d.findings.items} caption={t("openFindingsCaption")} empty={t("openFindingsEmpty")} canRequest={canWrite(me.role)} />
      </section>

      <section className="section">
        <h2>{t("waivers")}</h2>
        <WaiverTable items={d.waivers.items} viewer={me} caption={t("waiversCaption")} empty={t("waiversEmpty")} />
      </section>
    </>
  );
}
