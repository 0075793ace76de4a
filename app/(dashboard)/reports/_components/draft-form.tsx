// Scope and reporting date of a new report: a plain GET form to the draft preview, so the draft's
// address can be shared and reloaded.
type Props = {
  deployment: boolean;
  agencies: { id: number; code: string; name: string; depth: number }[];
  today: string;
  agency?: number | null;
  asOf?: string;
};

export function DraftForm({ deployment, agencies, today, agency = null, asOf = today }: Props) {
  const minDepth = agencies.reduce((m, a) => Math.min(m, a.depth), Number.POSITIVE_INFINITY);
  return (
    <form method="get" action="/reports/new" className="form-grid" aria-label="New report">
      <div className="field">
        <label htmlFor="report-scope">Scope</label>
        <select id="report-scope" name="agency" defaultValue={agency === null ? "" : String(agency)} style={{ minWidth: "20rem" }}>
          {deployment && <option value="">All agencies (whole deployment)</option>}
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {"\u2003".repeat(Math.max(0, a.depth - minDepth))}
              {a.name} ({a.code})
            </option>
          ))}
        </select>
        <span className="hint">An agency's report includes its sub-agencies.</span>
      </div>
      <div className="field">
        <label htmlFor="report-date">Reporting date</label>
        <input id="report-date" name="asOf" type="date" required max={today} defaultValue={asOf} />
        <span className="hint">Figures as of the end of that day (UTC).</span>
      </div>
      <div className="field">
        <button type="submit" className="btn btn-primary">
          Preview draft
        </button>
      </div>
    </form>
  );
}
