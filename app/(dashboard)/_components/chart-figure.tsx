// A chart with its caption and, behind a disclosure, the same data as a table.
export function ChartFigure(props: { title: string; caption?: React.ReactNode; chart: React.ReactNode; table: React.ReactNode; id?: string }) {
  return (
    <section className="card chart-card" aria-labelledby={props.id ? `${props.id}-title` : undefined}>
      <figure>
        <h2 id={props.id ? `${props.id}-title` : undefined}>{props.title}</h2>
        {props.chart}
        {props.caption && <figcaption>{props.caption}</figcaption>}
      </figure>
      <details className="chart-data">
        <summary>Data table</summary>
        <div className="table-wrap">{props.table}</div>
      </details>
    </section>
  );
}
