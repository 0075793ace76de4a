export function PageHeader(props: { title: React.ReactNode; description?: React.ReactNode; crumbs?: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <header className="page-head">
      <div>
        {props.crumbs && <div className="crumbs">{props.crumbs}</div>}
        <h1>{props.title}</h1>
        {props.description && <p>{props.description}</p>}
      </div>
      {props.actions && <div className="row no-print">{props.actions}</div>}
    </header>
  );
}
