// The loading state of a page: its title and grey placeholders where the data will be.
import { useTranslations } from "next-intl";

export function PageSkeleton({ title, figures = 0, rows = 8 }: { title: string; figures?: number; rows?: number }) {
  const t = useTranslations("loading");
  return (
    <div aria-busy="true" aria-live="polite">
      <header className="page-head">
        <div>
          <h1>{title}</h1>
          <p>{t("loading")}</p>
        </div>
      </header>
      {figures > 0 && (
        <div className="figures" style={{ marginBottom: "1rem" }}>
          {Array.from({ length: figures }, (_, i) => (
            <div key={i} className="figure">
              <div className="skeleton" style={{ height: 12, width: "60%" }} />
              <div className="skeleton" style={{ height: 26, width: "40%", marginTop: 8 }} />
            </div>
          ))}
        </div>
      )}
      <div className="table-wrap" style={{ padding: "1rem" }}>
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="skeleton" style={{ height: 14, margin: "10px 0", width: `${90 - (i % 3) * 15}%` }} />
        ))}
      </div>
    </div>
  );
}
