// Scope and reporting date of a new report: a plain GET form to the draft preview, so the draft's
// address can be shared and reloaded.
import { useTranslations } from "next-intl";

type Props = {
  deployment: boolean;
  agencies: { id: number; code: string; name: string; depth: number }[];
  today: string;
  agency?: number | null;
  asOf?: string;
};

export function DraftForm({ deployment, agencies, today, agency = null, asOf = today }: Props) {
  const t = useTranslations("reports.form");
  const minDepth = agencies.reduce((m, a) => Math.min(m, a.depth), Number.POSITIVE_INFINITY);
  return (
    <form method="get" action="/reports/new" className="form-grid" aria-label={t("label")}>
      <div className="field" style={{ gridColumn: "span 2" }}>
        <label htmlFor="report-scope">{t("scope")}</label>
        <select id="report-scope" name="agency" defaultValue={agency === null ? "" : String(agency)}>
          {deployment && <option value="">{t("wholeDeployment")}</option>}
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {"\u2003".repeat(Math.max(0, a.depth - minDepth))}
              {a.name} ({a.code})
            </option>
          ))}
        </select>
        <span className="hint">{t("scopeHint")}</span>
      </div>
      <div className="field">
        <label htmlFor="report-date">{t("reportingDate")}</label>
        <input id="report-date" name="asOf" type="date" required max={today} defaultValue={asOf} />
        <span className="hint">{t("dateHint")}</span>
      </div>
      <div className="field">
        <button type="submit" className="btn btn-primary">
          {t("preview")}
        </button>
      </div>
    </form>
  );
}
