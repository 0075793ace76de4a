// An agency's progress status (on track, at risk, ...) as a badge, and the rule behind it as a legend.
import { useTranslations } from "next-intl";
import { PROJECTION_WINDOW_DAYS, type ProgressStatus } from "~/server/findings/projection";

export function ProgressBadge({ status }: { status: ProgressStatus }) {
  const t = useTranslations("agencies.status");
  return (
    <span className={`badge badge-${status}`} title={t(`rule.${status}`, { days: PROJECTION_WINDOW_DAYS })} data-status={status}>
      {t(`label.${status}`)}
    </span>
  );
}

export function ProgressBar({ value }: { value: number | null }) {
  if (value === null) return null;
  return (
    <span className="progress" aria-hidden>
      <span style={{ width: `${Math.round(Math.min(1, Math.max(0, value)) * 100)}%` }} />
    </span>
  );
}

/** The rule behind the statuses, as a legend. */
export function StatusLegend({ windowDays }: { windowDays: number }) {
  const t = useTranslations("agencies.status");
  const order: ProgressStatus[] = ["on-track", "at-risk", "overdue", "done", "no-deadline"];
  return (
    <details className="card no-print" style={{ marginTop: "1rem" }}>
      <summary>
        <strong>{t("legendTitle")}</strong>
      </summary>
      <p className="small" style={{ marginTop: ".5rem" }}>
        {t("legend", { days: windowDays })}
      </p>
      <ul className="rule-list">
        {order.map((s) => (
          <li key={s}>
            <ProgressBadge status={s} /> {t(`rule.${s}`, { days: PROJECTION_WINDOW_DAYS })}
          </li>
        ))}
      </ul>
    </details>
  );
}
