// The report's tables by agency: progress, banned software by product, endpoints by state.
import { num, percentOf, percentText, shortDay, signed } from "~/server/reports/format";
import { REPORT_STATUS_LABELS } from "~/server/reports/labels";
import type { ReportAgencyRow, ReportData } from "~/server/reports/types";

/** Detail tables (products by agency, data quality) keep the top two levels beyond this many agencies. */
const DETAIL_ROWS_MAX = 40;
const PRODUCT_COLUMNS = 4;

export function StatusText({ row }: { row: Pick<ReportAgencyRow, "status" | "stale" | "neverReported"> }) {
  const unknown = row.stale + row.neverReported;
  return (
    <span className={`rpt-status rpt-status-${row.status}`}>
      {REPORT_STATUS_LABELS[row.status]}
      {row.status === "done" && unknown > 0 ? <span className="rpt-status-note"> ({num(unknown)} not reporting)</span> : null}
    </span>
  );
}

export function AgencyName({ row }: { row: Pick<ReportAgencyRow, "name" | "code" | "level"> }) {
  return (
    <th scope="row" className="rpt-agency" style={{ paddingLeft: `${0.4 + row.level * 0.9}em` }}>
      {row.name} <span className="rpt-code">{row.code}</span>
    </th>
  );
}

function detailRows(rows: ReportAgencyRow[]): { rows: ReportAgencyRow[]; trimmed: boolean } {
  if (rows.length <= DETAIL_ROWS_MAX) return { rows, trimmed: false };
  const kept = rows.filter((r) => r.level <= 1);
  return { rows: kept, trimmed: kept.length < rows.length };
}

export function ProgressTable({ data }: { data: ReportData }) {
  const t = data.totals;
  const showTotal = data.scope.kind === "deployment" && data.agencies.filter((a) => a.level === 0).length > 1;
  const change = (r: Pick<ReportAgencyRow, "openFindings" | "openFindingsPrevious">) => (r.openFindingsPrevious === null ? "—" : signed(r.openFindings - r.openFindingsPrevious));
  return (
    <table className="rpt-table rpt-progress">
      <thead>
        <tr>
          <th scope="col">Agency</th>
          <th scope="col" className="n">Endpoints</th>
          <th scope="col" className="n">Reporting</th>
          <th scope="col" className="n">Banned remaining</th>
          <th scope="col" className="n">Change</th>
          <th scope="col" className="n">Removed</th>
          <th scope="col" className="n">Complete</th>
          <th scope="col">Deadline</th>
          <th scope="col">Projected completion</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {data.agencies.map((r) => (
          <tr key={r.agencyId} className={r.level === 0 ? "rpt-top" : undefined} data-agency={r.code}>
            <AgencyName row={r} />
            <td className="n">{num(r.endpoints)}</td>
            <td className="n">{percentOf(r.reporting, r.endpoints)}</td>
            <td className="n strong">{num(r.openFindings)}</td>
            <td className="n">{change(r)}</td>
            <td className="n">{num(r.resolvedFindings)}</td>
            <td className="n">{percentText(r.percentComplete)}</td>
            <td className="nowrap">{shortDay(r.deadline)}</td>
            <td className="nowrap">{r.status === "done" ? "—" : shortDay(r.projectedDay)}</td>
            <td><StatusText row={r} /></td>
          </tr>
        ))}
        {showTotal && (
          <tr className="rpt-total" data-agency="ALL">
            <th scope="row">All agencies</th>
            <td className="n">{num(t.endpoints)}</td>
            <td className="n">{percentOf(t.reporting, t.endpoints)}</td>
            <td className="n strong">{num(t.openFindings)}</td>
            <td className="n">{data.previous ? signed(t.openFindings - data.previous.totals.openFindings) : "—"}</td>
            <td className="n">{num(t.resolvedFindings)}</td>
            <td className="n">{percentText(t.percentComplete)}</td>
            <td className="nowrap">{shortDay(t.deadline)}</td>
            <td className="nowrap">{t.status === "done" ? "—" : shortDay(t.projectedDay)}</td>
            <td><StatusText row={t} /></td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

export function ProductTables({ data }: { data: ReportData }) {
  if (data.products.length === 0) return <p>No banned software remains and none is under exception.</p>;
  const shown = data.products.slice(0, PRODUCT_COLUMNS);
  const others = data.products.length - shown.length;
  const { rows, trimmed } = detailRows(data.agencies);
  return (
    <>
      <table className="rpt-table rpt-products">
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Vendor</th>
            <th scope="col" className="n">Installed</th>
            <th scope="col" className="n">Remnants only</th>
            <th scope="col" className="n">Banned remaining</th>
            <th scope="col" className="n">Under exception</th>
          </tr>
        </thead>
        <tbody>
          {data.products.map((p) => (
            <tr key={p.slug} data-product={p.slug}>
              <th scope="row">{p.name}</th>
              <td>{p.vendorName}</td>
              <td className="n">{num(p.installed)}</td>
              <td className="n">{num(p.remnants)}</td>
              <td className="n strong">{num(p.installed + p.remnants)}</td>
              <td className="n">{num(p.excepted)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.products.length > 1 && (
        <>
          <h3>Banned installs remaining, by agency and product</h3>
          <table className="rpt-table rpt-by-product">
            <thead>
              <tr>
                <th scope="col">Agency</th>
                {shown.map((p) => (
                  <th key={p.slug} scope="col" className="n">{p.name}</th>
                ))}
                {others > 0 && <th scope="col" className="n">Other ({others})</th>}
                <th scope="col" className="n">Total</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.agencyId} className={r.level === 0 ? "rpt-top" : undefined}>
                  <AgencyName row={r} />
                  {shown.map((p, i) => (
                    <td key={p.slug} className="n">{num(r.byProduct[i] ?? 0)}</td>
                  ))}
                  {others > 0 && <td className="n">{num(r.byProduct.slice(PRODUCT_COLUMNS).reduce((a, b) => a + b, 0))}</td>}
                  <td className="n strong">{num(r.openFindings)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {trimmed && <p className="rpt-note">Agencies below the second level are included in their parents' figures; each is listed in the agencies CSV.</p>}
        </>
      )}
    </>
  );
}

export function DataQuality({ data }: { data: ReportData }) {
  const t = data.totals;
  const { rows, trimmed } = detailRows(data.agencies);
  return (
    <>
      <p>
        {num(t.stale)} endpoints have not reported for more than {data.method.staleDays} days (stale) and {num(t.neverReported)} enrolled endpoints never reported. Their state is unknown:
        they are <strong>not counted as clean</strong>, and banned software found on them before they stopped reporting still counts as remaining.
      </p>
      <table className="rpt-table rpt-states">
        <thead>
          <tr>
            <th scope="col">Agency</th>
            <th scope="col" className="n">Endpoints</th>
            <th scope="col" className="n">Reporting</th>
            <th scope="col" className="n">Stale</th>
            <th scope="col" className="n">Never reported</th>
            <th scope="col" className="n">Banned</th>
            <th scope="col" className="n">Remnants</th>
            <th scope="col" className="n">Excepted</th>
            <th scope="col" className="n">Unprotected</th>
            <th scope="col" className="n">Clean</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.agencyId} className={r.level === 0 ? "rpt-top" : undefined} data-agency={r.code}>
              <AgencyName row={r} />
              <td className="n">{num(r.endpoints)}</td>
              <td className="n">{num(r.reporting)}</td>
              <td className="n">{num(r.stale)}</td>
              <td className="n">{num(r.neverReported)}</td>
              <td className="n">{num(r.banned)}</td>
              <td className="n">{num(r.remnants)}</td>
              <td className="n">{num(r.excepted)}</td>
              <td className="n">{num(r.unprotected)}</td>
              <td className="n">{num(r.clean)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {trimmed && <p className="rpt-note">Agencies below the second level are included in their parents' figures; each is listed in the agencies CSV.</p>}
    </>
  );
}

