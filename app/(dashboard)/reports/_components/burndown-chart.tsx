// The burn-down as a plain SVG rendered on the server: prints sharply, needs no script, and reads
// the same in the PDF. Banned installs remaining and endpoints carrying banned software per day,
// the projection to completion (dotted) and the deadline (red).
import type { ReportFormat } from "~/server/reports/format";
import type { ReportText } from "~/server/reports/i18n";
import type { ReportData } from "~/server/reports/types";

const W = 680;
const H = 250;
const M = { top: 14, right: 16, bottom: 34, left: 52 };
const DAY = 86_400_000;
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);

function niceMax(v: number): number {
  if (v <= 4) return 4;
  const mag = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * mag >= v) return m * mag;
  return 10 * mag;
}

/** Month starts (every 1, 2, 3, 6 or 12 months) for long spans; weeks for spans under three months. */
function ticks(from: number, to: number, f: ReportFormat): { t: number; label: string }[] {
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  if (to - from < 90 * DAY) {
    const step = to - from < 21 * DAY ? DAY * Math.max(1, Math.ceil((to - from) / DAY / 7)) : 7 * DAY;
    const out: { t: number; label: string }[] = [];
    for (let t = from; t <= to; t += step) out.push({ t, label: f.dayMonth(day(t)) });
    return out;
  }
  const out: { t: number; label: string }[] = [];
  const d = new Date(from);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + 1);
  const months = (to - from) / (30 * DAY);
  const step = months > 36 ? 12 : months > 18 ? 6 : months > 8 ? 3 : months > 4 ? 2 : 1;
  while (d.getTime() <= to) {
    if (d.getUTCMonth() % step === 0) out.push({ t: d.getTime(), label: f.shortMonth(day(d.getTime())) });
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

/** What the chart shows, in words that match it: when the ban took effect inside the period the
 *  history starts with nothing found yet, so the sentence speaks of the peak, not of "from 0". */
export function caption(b: ReportData["burndown"], rt: ReportText): string {
  const { t, f } = rt;
  const points = b.points;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const peak = points.reduce((m, p) => (p.openFindings > m.openFindings ? p : m), first);
  const started = b.policyEffective !== null && b.policyEffective >= first.day;
  const lead = started
    ? t("report.burndown.captionStarted", {
        effective: f.longDay(b.policyEffective),
        peak: f.num(peak.openFindings),
        peakDay: f.longDay(peak.day),
        last: f.num(last.openFindings),
        lastDay: f.longDay(last.day),
      })
    : t("report.burndown.captionRange", { firstDay: f.longDay(first.day), lastDay: f.longDay(last.day), first: f.num(first.openFindings), last: f.num(last.openFindings) }) +
      (peak.openFindings > first.openFindings ? ` ${t("report.burndown.captionPeak", { peak: f.num(peak.openFindings), peakDay: f.longDay(peak.day) })}` : "");
  const history = b.policyEffective && b.policyEffective < first.day ? ` ${t("report.burndown.captionHistory", { effective: f.longDay(b.policyEffective), first: f.longDay(first.day) })}` : "";
  return t("report.burndown.captionEnd", { lead, carrying: f.num(last.carrying), history });
}

export function BurndownChart({ burndown, rt }: { burndown: ReportData["burndown"]; rt: ReportText }) {
  const { t, f } = rt;
  const points = burndown.points;
  if (points.length < 2) return <p className="rpt-note">{t("report.burndown.notEnough", { count: points.length })}</p>;
  const start = ms(points[0]!.day);
  const last = ms(points[points.length - 1]!.day);
  // The deadline and the projected completion widen the axis up to three times the history shown
  // (at least two months); further out, they are named at the right edge instead of squeezing the history.
  const horizon = last + Math.min(730 * DAY, Math.max(3 * (last - start), 60 * DAY));
  const marks = [burndown.deadline, burndown.projectedDay].filter((d): d is string => !!d).map(ms);
  const extra = marks.filter((t) => t > last && t <= horizon);
  const end = Math.max(last, ...extra) + (extra.length ? 7 * DAY : 0);
  const beyond = (t: number | null) => t !== null && t > end;
  const yMax = niceMax(Math.max(...points.map((p) => Math.max(p.openFindings, p.carrying)), 1));
  const iw = W - M.left - M.right;
  const ih = H - M.top - M.bottom;
  const x = (t: number) => M.left + ((t - start) / Math.max(end - start, DAY)) * iw;
  const y = (v: number) => M.top + ih - (v / yMax) * ih;
  const path = (key: "openFindings" | "carrying") => points.map((p, i) => `${i ? "L" : "M"}${x(ms(p.day)).toFixed(1)},${y(p[key]).toFixed(1)}`).join("");
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(yMax * f));
  const lastPoint = points[points.length - 1]!;
  const deadline = burndown.deadline ? ms(burndown.deadline) : null;
  const projected = burndown.projectedDay ? ms(burndown.projectedDay) : null;

  return (
    <figure className="rpt-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="burndown-caption" preserveAspectRatio="xMidYMid meet">
        {yTicks.map((v) => (
          <g key={v}>
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} className="grid" />
            <text x={M.left - 6} y={y(v) + 3} textAnchor="end" className="tick">
              {f.num(v)}
            </text>
          </g>
        ))}
        {ticks(start, end, f).map(({ t, label }) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={M.top + ih} y2={M.top + ih + 4} className="axis" />
            <text x={x(t)} y={M.top + ih + 16} textAnchor="middle" className="tick">
              {label}
            </text>
          </g>
        ))}
        <line x1={M.left} x2={W - M.right} y1={M.top + ih} y2={M.top + ih} className="axis" />
        {deadline !== null && deadline >= start && deadline <= end && (
          <g>
            <line x1={x(deadline)} x2={x(deadline)} y1={M.top} y2={M.top + ih} className="deadline" />
            <text x={x(deadline) - 4} y={M.top + 10} textAnchor="end" className="deadline-label">
              {t("report.burndown.deadline", { day: f.shortDay(burndown.deadline) })}
            </text>
          </g>
        )}
        {projected !== null && projected <= end && projected > last && <line x1={x(last)} y1={y(lastPoint.openFindings)} x2={x(projected)} y2={y(0)} className="projection" />}
        {beyond(projected) && <line x1={x(last)} y1={y(lastPoint.openFindings)} x2={W - M.right} y2={y(lastPoint.openFindings * (1 - (end - last) / (projected! - last)))} className="projection" />}
        {(beyond(deadline) || beyond(projected)) && (
          <text x={W - M.right} y={M.top + 10} textAnchor="end" className="deadline-label">
            {[
              beyond(deadline) ? t("report.burndown.deadline", { day: f.shortDay(burndown.deadline) }) : null,
              beyond(projected) ? t("report.burndown.projected", { day: f.shortDay(burndown.projectedDay) }) : null,
            ]
              .filter(Boolean)
              .join("; ")}{" "}
            {t("report.burndown.beyond")}
          </text>
        )}
        <path d={path("carrying")} className="line-carrying" />
        <path d={path("openFindings")} className="line-open" />
      </svg>
      <div className="rpt-legend" aria-hidden>
        <span>
          <i className="key key-open" /> {t("report.burndown.legendOpen")}
        </span>
        <span>
          <i className="key key-carrying" /> {t("report.burndown.legendCarrying")}
        </span>
        {projected !== null && (
          <span>
            <i className="key key-projection" /> {t("report.burndown.legendProjection")}
          </span>
        )}
        {deadline !== null && (
          <span>
            <i className="key key-deadline" /> {t("report.burndown.legendDeadline")}
          </span>
        )}
      </div>
      <figcaption id="burndown-caption">{caption(burndown, rt)}</figcaption>
    </figure>
  );
}
