// A chart with its caption and, behind a disclosure, the same data as a table.
import { useTranslations } from "next-intl";

export function ChartFigure(props: { title: string; caption?: React.ReactNode; chart: React.ReactNode; table: React.ReactNode; id?: string }) {
  const t = useTranslations("charts");
  return (
    <section className="card chart-card" aria-labelledby={props.id ? `${props.id}-title` : undefined}>
      <figure>
        <h2 id={props.id ? `${props.id}-title` : undefined}>{props.title}</h2>
        {props.chart}
        {props.caption && <figcaption>{props.caption}</figcaption>}
      </figure>
      <details className="chart-data">
        <summary>{t("dataTable")}</summary>
        <div className="table-wrap">{props.table}</div>
      </details>
    </section>
  );
}
