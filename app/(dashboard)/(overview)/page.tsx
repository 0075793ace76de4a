import type { Metadata } from "next";
import { getFormat } from "~/app/_components/format";
import { STATE_LABELS } from "~/app/_components/labels";
import { LocalTime } from "~/app/_components/local-time";
import { PageHeader } from "~/app/_components/page-header";
import { ENDPOINT_STATES } from "~/server/db/schema/endpoints";
import { getCaller } from "~/server/trpc/server";
import { ChartFigure } from "../_components/chart-figure";
import { BurndownChart, ProductBarsChart, StateBarsChart } from "../_components/charts";
import { Figure } from "../_components/figure";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const caller = await getCaller();
  const [me, o, agencies] = await Promise.all([caller.users.me(), caller.overview.get(), caller.agencies.list()]);
  const fmt = await getFormat();
  const t = o.totals;
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
        title="Overview"
        description={
          root ? (
            <>
              {root.name} and its sub-agencies · <span className="mono">{root.code}</span>
            </>
          ) : (
            "Removal progress across every agency of the deployment."
          )
        }
        actions={
          <a className="btn" href="/endpoints/export?state=banned" download>
            Export banned endpoints (CSV)
          </a>
        }
      />

      <section aria-labelledby="fig-title">
        <h2 id="fig-title" className="sr-only">
          Headline figures
        </h2>
        <div className="figures figures-tight">
          <Figure label="Endpoints" value={fmt.n(t.endpoints)} href="/endpoints" testId="figure-endpoints" sub={`${fmt.n(t.openFindings)} open findings`} />
          <Figure label="Reported in 24 h" value={fmt.n(o.reporting24h)} sub={share(o.reporting24h)} testId="figure-reporting-24h" />
          <Figure label={`Reported in ${o.staleDays} days`} value={fmt.n(o.reportingWindow)} sub={share(o.reportingWindow)} testId="figure-reporting-window" />
          <Figure label="Banned" value={fmt.n(t.banned)} tone="bad" href="/endpoints?state=banned" testId="figure-banned" sub={share(t.banned)} />
          <Figure label="Remnants" value={fmt.n(t.remnants)} tone="orange" href="/endpoints?state=remnants" testId="figure-remnants" sub={share(t.remnants)} />
          <Figure label="Unprotected" value={fmt.n(t.unprotected)} tone="warn" href="/endpoints?state=unprotected" testId="figure-unprotected" sub={share(t.unprotected)} />
          <Figure label="Stale" value={fmt.n(t.stale)} tone="grey" href="/endpoints?state=stale" testId="figure-stale" sub={`no report for ${o.staleDays}+ days`} />
          <Figure label="Never reported" value={fmt.n(t.neverReported)} tone="grey" href="/endpoints?state=never-reported" testId="figure-never-reported" />
          <Figure label="Excepted" value={fmt.n(t.excepted)} tone="purple" href="/endpoints?state=excepted" testId="figure-excepted" sub="under an approved waiver" />
          <Figure label="Clean" value={fmt.n(t.clean)} tone="ok" href="/endpoints?state=clean" testId="figure-clean" sub={share(t.clean)} />
          <Figure label="Removals, last 7 days" value={fmt.n(o.week.removals)} tone="ok" testId="figure-removals-week" sub={`${fmt.n(t.resolvedFindings)} since the start`} />
          <Figure label="Reinstalls, last 7 days" value={fmt.n(o.week.reinstalls)} tone={o.week.reinstalls ? "bad" : undefined} testId="figure-reinstalls-week" />
        </div>
      </section>

      <div className="grid grid-2 section">
        <ChartFigure
          id="burndown"
          title="Burn-down of banned installs"
          chart={<BurndownChart points={o.burndown} deadline={o.deadline} projectedDay={o.projectedDay} today={o.today} />}
          caption={
            <>
              {fmt.n(t.openFindings)} open findings today.{" "}
              {o.deadline ? <>Deadline {fmt.day(o.deadline)}. </> : "No deadline applies. "}
              {t.openFindings === 0
                ? "Nothing left to remove."
                : o.projectedDay
                  ? `At the rate of the last 14 days the last one goes on ${fmt.day(o.projectedDay)}.`
                  : "Nothing was removed in the last 14 days: no completion date can be projected."}
            </>
          }
          table={
            <table className="data">
              <caption className="sr-only">Open findings and banned endpoints, weekly</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col" className="num">Open findings</th>
                  <th scope="col" className="num">Banned endpoints</th>
                  <th scope="col" className="num">Removals that day</th>
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
          title="Banned products remaining"
          chart={<ProductBarsChart rows={productRows} />}
          caption="Open findings (installed or remnants) by product; the table splits them by version."
          table={
            <table className="data" data-testid="products-table">
              <caption className="sr-only">Open findings by product and version</caption>
              <thead>
                <tr>
                  <th scope="col">Vendor</th>
                  <th scope="col">Product</th>
                  <th scope="col">Version</th>
                  <th scope="col" className="num">Open</th>
                </tr>
              </thead>
              <tbody>
                {o.products.length === 0 && (
                  <tr>
                    <td colSpan={4} className="empty">No open finding.</td>
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
          title="Endpoints by state per agency"
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
          caption={
            <>
              Each agency&apos;s own endpoints (sub-agencies have their own bar).
              {o.moreAgencies > 0 ? ` ${fmt.n(o.moreAgencies)} more agencies with fewer banned endpoints are on the Agencies page.` : ""}
            </>
          }
          table={
            <table className="data" data-testid="states-table">
              <caption className="sr-only">Endpoints by state per agency</caption>
              <thead>
                <tr>
                  <th scope="col">Agency</th>
                  {ENDPOINT_STATES.map((s) => (
                    <th key={s} scope="col" className="num">
                      {STATE_LABELS[s]}
                    </th>
                  ))}
                  <th scope="col" className="num">Total</th>
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
      <p className="small muted section">
        Figures as of <LocalTime ms={Date.now()} />. Stale endpoints count as unknown, never as clean.
      </p>
    </>
  );
}
