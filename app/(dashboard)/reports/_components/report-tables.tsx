// The report's tables by agency: progress, banned software by product, endpoints by state.
import type { ReportText } from "~/server/reports/i18n";
import { statusLabel } from "~/server/reports/labels";
import type { ReportAgencyRow, ReportData } from "~/server/reports/types";

/** Detail tables (products by agency, data quality) keep the top two levels beyond this many agencies. */
const DETAIL_ROWS_MAX = 40;
const PRODUCT_COLUMNS = 4;

type Props = { data: ReportData; rt: ReportText };

export function StatusText({ row, rt }: { row: Pick<ReportAgencyRow, "status" | "stale" | "neverReported">; rt: ReportText }) {
  const unknown = row.stale + row.neverReported;
  return (
    <span className={`rpt-status rpt-status-${row.status}`}>
      {statusLabel(rt, row.status)}
      {row.status === "done" && unknown > 0 ? <span className="rpt-status-note"> {rt.t("report.table.notReporting", { n: rt.f.num(unknown) })}</span> : null}
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

/** Endpoints that need action (server/findings/needs-action.ts); reports frozen before the stale part existed count it as 0. */
export const needsActionOf = (f: Pick<ReportAgencyRow, "banned" | "remnants" | "staleBanned">) => f.banned + f.remnants + (f.staleBanned ?? 0);

export function ProgressTable({ data, rt }: Props) {
  const { t, f } = rt;
  const tot = data.totals;
  const showTotal = data.scope.kind === "deployment" && data.agencies.filter((a) => a.level === 0).length > 1;
  const change = (r: Pick<ReportAgencyRow, "openFindings" | "openFindingsPrevious">) => (r.openFindingsPrevious === null ? "—" : f.signed(r.openFindings - r.openFindingsPrevious));
  return (
    <table className="rpt-table rpt-progress">
      <thead>
        <tr>
          <th scope="col">{t("report.table.agency")}</th>
          <th scope="col" className="n">
            {t("report.table.endpoints")}
          </th>
          <th scope="col" className="n">
            {t("report.table.reporting")}
          </th>
          <th scope="col" className="n">
            {t("report.table.needsAction")}
          </th>
          <th scope="col" className="n">
            {t("report.table.openFindings")}
          </th>
          <th scope="col" className="n">
            {t("report.table.change")}
          </th>
          <th scope="col" className="n">
            {t("report.table.removed")}
          </th>
          <th scope="col" className="n">
            {t("report.table.complete")}
          </th>
          <th scope="col">{t("report.table.deadline")}</th>
          <th scope="col">{t("report.table.projected")}</th>
          <th scope="col">{t("report.table.status")}</th>
        </tr>
      </thead>
      <tbody>
        {data.agencies.map((r) => (
          <tr key={r.agencyId} className={r.level === 0 ? "rpt-top" : undefined} data-agency={r.code}>
            <AgencyName row={r} />
            <td className="n">{f.num(r.endpoints)}</td>
            <td className="n">{f.percentOf(r.reporting, r.endpoints)}</td>
            <td className="n">{f.num(needsActionOf(r))}</td>
            <td className="n strong">{f.num(r.openFindings)}</td>
            <td className="n">{change(r)}</td>
            <td className="n">{f.num(r.resolvedFindings)}</td>
            <td className="n">{f.percentText(r.percentComplete)}</td>
            <td className="nowrap">{f.shortDay(r.deadline)}</td>
            <td className="nowrap">{r.status === "done" ? "—" : f.shortDay(r.projectedDay)}</td>
            <td>
              <StatusText row={r} rt={rt} />
            </td>
          </tr>
        ))}
        {showTotal && (
          <tr className="rpt-total" data-agency="ALL">
            <th scope="row">{t("report.table.allAgencies")}</th>
            <td className="n">{f.num(tot.endpoints)}</td>
            <td className="n">{f.percentOf(tot.reporting, tot.endpoints)}</td>
            <td className="n" data-testid="report-needs-action-total">
              {f.num(needsActionOf(tot))}
            </td>
            <td className="n strong">{f.num(tot.openFindings)}</td>
            <td className="n">{data.previous ? f.signed(tot.openFindings - data.previous.totals.openFindings) : "—"}</td>
            <td className="n">{f.num(tot.resolvedFindings)}</td>
            <td className="n">{f.percentText(tot.percentComplete)}</td>
            <td className="nowrap">{f.shortDay(tot.deadline)}</td>
            <td className="nowrap">{tot.status === "done" ? "—" : f.shortDay(tot.projectedDay)}</td>
            <td>
              <StatusText row={tot} rt={rt} />
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

export function ProductTables({ data, rt }: Props) {
  const { t, f } = rt;
  if (data.products.length === 0) return <p>{t("report.table.noProducts")}</p>;
  const shown = data.products.slice(0, PRODUCT_COLUMNS);
  const others = data.products.length - shown.length;
  const { rows, trimmed } = detailRows(data.agencies);
  return (
    <>
      <table className="rpt-table rpt-products">
        <thead>
          <tr>
            <th scope="col">{t("report.table.product")}</th>
            <th scope="col">{t("report.table.vendor")}</th>
            <th scope="col" className="n">
              {t("report.table.installed")}
            </th>
            <th scope="col" className="n">
              {t("report.table.remnantsOnly")}
            </th>
            <th scope="col" className="n">
              {t("report.table.openFindings")}
            </th>
            <th scope="col" className="n">
              {t("report.table.underException")}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.products.map((p) => (
            <tr key={p.slug} data-product={p.slug}>
              <th scope="row">{p.name}</th>
              <td>{p.vendorName}</td>
              <td className="n">{f.num(p.installed)}</td>
              <td className="n">{f.num(p.remnants)}</td>
              <td className="n strong">{f.num(p.installed + p.remnants)}</td>
              <td className="n">{f.num(p.excepted)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.products.length > 1 && (
        <>
          <h3>{t("report.table.byAgencyAndProduct")}</h3>
          <table className="rpt-table rpt-by-product">
            <thead>
              <tr>
                <th scope="col">{t("report.table.agency")}</th>
                {shown.map((p) => (
                  <th key={p.slug} scope="col" className="n">
                    {p.name}
                  </th>
                ))}
                {others > 0 && (
                  <th scope="col" className="n">
                    {t("report.table.other", { n: f.num(others) })}
                  </th>
                )}
                <th scope="col" className="n">
                  {t("report.table.total")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.agencyId} className={r.level === 0 ? "rpt-top" : undefined}>
                  <AgencyName row={r} />
                  {shown.map((p, i) => (
                    <td key={p.slug} className="n">
                      {f.num(r.byProduct[i] ?? 0)}
                    </td>
                  ))}
                  {others > 0 && <td className="n">{f.num(r.byProduct.slice(PRODUCT_COLUMNS).reduce((a, b) => a + b, 0))}</td>}
                  <td className="n strong">{f.num(r.openFindings)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {trimmed && <p className="rpt-note">{t("report.table.trimmed")}</p>}
        </>
      )}
    </>
  );
}

export function DataQuality({ data, rt }: Props) {
  const { t, f } = rt;
  const tot = data.totals;
  const { rows, trimmed } = detailRows(data.agencies);
  return (
    <>
      <p>{t.rich("report.table.quality", { stale: f.num(tot.stale), days: data.method.staleDays, never: f.num(tot.neverReported), strong: (c) => <strong>{c}</strong> })}</p>
      <table className="rpt-table rpt-states">
        <thead>
          <tr>
            <th scope="col">{t("report.table.agency")}</th>
            <th scope="col" className="n">
              {t("report.table.endpoints")}
            </th>
            <th scope="col" className="n">
              {t("report.table.reporting")}
            </th>
            <th scope="col" className="n">
              {t("report.table.stale")}
            </th>
            <th scope="col" className="n">
              {t("report.table.neverReported")}
            </th>
            <th scope="col" className="n">
              {t("report.table.banned")}
            </th>
            <th scope="col" className="n">
              {t("report.table.remnants")}
            </th>
            <th scope="col" className="n">
              {t("report.table.excepted")}
            </th>
            <th scope="col" className="n">
              {t("report.table.unprotected")}
            </th>
            <th scope="col" className="n">
              {t("report.table.clean")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.agencyId} className={r.level === 0 ? "rpt-top" : undefined} data-agency={r.code}>
              <AgencyName row={r} />
              <td className="n">{f.num(r.endpoints)}</td>
              <td className="n">{f.num(r.reporting)}</td>
              <td className="n">{f.num(r.stale)}</td>
              <td className="n">{f.num(r.neverReported)}</td>
              <td className="n">{f.num(r.banned)}</td>
              <td className="n">{f.num(r.remnants)}</td>
              <td className="n">{f.num(r.excepted)}</td>
              <td className="n">{f.num(r.unprotected)}</td>
              <td className="n">{f.num(r.clean)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {trimmed && <p className="rpt-note">{t("report.table.trimmed")}</p>}
    </>
  );
}
