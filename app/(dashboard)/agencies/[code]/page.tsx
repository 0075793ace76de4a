import type { Metadata } from "next";
import Link from "next/link";
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

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).code).toUpperCase() };
}

export default async function AgencyPage({ params }: Props) {
  const code = decodeURIComponent((await params).code);
  const caller = await getCaller();
  const [me, d] = await Promise.all([caller.users.me(), orNotFound(caller.overview.agency({ code }))]);
  const fmt = await getFormat();
  const r = d.row;
  const t = r.totals;
  const weekly = d.trend.filter((_, i, all) => (all.length - 1 - i) % 7 === 0);
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href="/agencies">Agencies</Link>
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
            <span className="mono">{d.agency.code}</span> · figures include its sub-agencies · <ProgressBadge status={r.status} />
          </>
        }
        actions={
          <>
            <Link className="btn" href={`/endpoints?agency=${d.agency.code}`}>
              All endpoints
            </Link>
            <a className="btn" href={`/endpoints/export?agency=${d.agency.code}`} download>
              Export CSV
            </a>
          </>
        }
      />
      <div className="figures figures-tight">
        <Figure label="Endpoints" value={fmt.n(t.endpoints)} href={`/endpoints?agency=${d.agency.code}`} testId="agency-endpoints" />
        <Figure label="Reporting" value={fmt.pct(r.reportingShare)} sub={`within ${d.staleDays} days`} />
        <Figure label="Banned endpoints" value={fmt.n(t.banned)} tone="bad" href={`/endpoints?agency=${d.agency.code}&state=banned`} testId="agency-banned" />
        <Figure label="Open findings" value={fmt.n(t.openFindings)} tone="bad" href={`/findings?agency=${d.agency.code}`} testId="agency-open" />
        <Figure label="Removed so far" value={fmt.n(t.resolvedFindings)} tone="ok" sub={`${fmt.pct(r.percentComplete)} complete`} />
        <Figure text label="Deadline" value={fmt.day(r.deadline)} sub={r.daysLeft === null ? undefined : r.daysLeft >= 0 ? `${fmt.n(r.daysLeft)} days left` : `${fmt.n(-r.daysLeft)} days ago`} />
        <Figure
          text
          label="Projected completion"
          value={r.status === "done" ? "Done" : r.projectedDay ? fmt.day(r.projectedDay) : "—"}
          sub={`${fmt.n(r.removalsWindow)} removals, ${fmt.n(r.reinstallsWindow)} reinstalls in ${d.windowDays} days`}
        />
        <Figure label="Excepted" value={fmt.n(t.excepted)} tone="purple" href={`/endpoints?agency=${d.agency.code}&state=excepted`} />
      </div>

      <div className="section">
        <ChartFigure
          id="trend"
          title="Trend"
          chart={<BurndownChart points={d.trend} deadline={r.deadline} projectedDay={r.projectedDay} today={d.today} />}
          caption={`${fmt.n(t.openFindings)} open findings today; ${fmt.n(t.resolvedFindings)} resolved so far.`}
          table={
            <table className="data">
              <caption className="sr-only">Open findings and banned endpoints, weekly</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col" className="num">Open findings</th>
                  <th scope="col" className="num">Banned endpoints</th>
                  <th scope="col" className="num">Clean</th>
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
          <h2>Sub-agencies</h2>
          <div className="table-wrap">
            <table className="data">
              <caption className="sr-only">Sub-agencies</caption>
              <thead>
                <tr>
                  <th scope="col">Agency</th>
                  <th scope="col" className="num">Endpoints</th>
                  <th scope="col" className="num">Banned remaining</th>
                  <th scope="col" className="num">Removed</th>
                  <th scope="col">Deadline</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {d.children.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link href={`/agencies/${c.code}`}>{c.name}</Link> <span className="mono muted small">{c.code}</span>
                    </td>
                    <td className="num">{fmt.n(c.totals.endpoints)}</td>
                    <td className="num">{fmt.n(c.totals.openFindings)}</td>
                    <td className="num">{fmt.n(c.totals.resolvedFindings)}</td>
                    <td>{fmt.day(c.deadline)}</td>
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
          <h2>Banned endpoints</h2>
          <Link href={`/endpoints?agency=${d.agency.code}&state=banned`}>All {fmt.n(t.banned)} banned endpoints →</Link>
        </div>
        <EndpointTable items={d.bannedEndpoints.items} caption="Banned endpoints (first 10)" empty="No banned endpoint." />
      </section>

      <section className="section">
        <div className="section-head">
          <h2>Open findings</h2>
          <Link href={`/findings?agency=${d.agency.code}`}>All {fmt.n(d.findings.total.value)} open findings →</Link>
        </div>
        <FindingTable items={d.findings.items} caption="Open findings (first 10)" empty="No open finding." canRequest={canWrite(me.role)} />
      </section>

      <section className="section">
        <h2>Waivers</h2>
        <WaiverTable items={d.waivers.items} viewer={me} caption="Waivers of this agency" empty="No waiver requested." />
      </section>
    </>
  );
}
