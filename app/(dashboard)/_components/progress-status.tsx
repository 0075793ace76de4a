import { type ProgressStatus, STATUS_LABELS, STATUS_RULE } from "~/server/dashboard/projection";

export function ProgressBadge({ status }: { status: ProgressStatus }) {
  return (
    <span className={`badge badge-${status}`} title={STATUS_RULE[status]} data-status={status}>
      {STATUS_LABELS[status]}
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
  const order: ProgressStatus[] = ["on-track", "at-risk", "overdue", "done", "no-deadline"];
  return (
    <details className="card no-print" style={{ marginTop: "1rem" }}>
      <summary>
        <strong>How the projection and status are worked out</strong>
      </summary>
      <p className="small" style={{ marginTop: ".5rem" }}>
        Projected completion = today + open findings ÷ net removal rate, where the rate is (removals − reinstalls) over the last {windowDays} days ÷ {windowDays}.
        Percent complete = resolved ÷ (resolved + open) findings. The deadline is the agency&apos;s own, else its nearest parent&apos;s, else the earliest deadline of
        the policies in force.
      </p>
      <ul className="rule-list">
        {order.map((s) => (
          <li key={s}>
            <ProgressBadge status={s} /> {STATUS_RULE[s]}
          </li>
        ))}
      </ul>
    </details>
  );
}
