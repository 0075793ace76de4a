"use client";
// Charts (Recharts). Each is drawn inside a <figure> whose caption and data table (ChartFigure)
// carry the same information as text, for screen readers and for print.
import { useLocale, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useLabels } from "~/app/_components/labels";
import { INTL_LOCALES } from "~/server/i18n/locales";

export const STATE_COLORS = {
  banned: "#b42318",
  remnants: "#e36a1b",
  excepted: "#6941c6",
  unprotected: "#dc9a0b",
  clean: "#067647",
  stale: "#8a94a6",
  "never-reported": "#c4cad4",
} as const;

type LegendEntry = { value?: unknown; color?: string };

/**
 * The legend: a swatch and the series name in ink colour (the light series colours are hard to
 * read as text). Our own, because Recharts labels its icons "legend icon" in English; the chart's
 * role="img" label and its data table already say everything to screen readers.
 */
function legendContent({ payload }: { payload?: readonly LegendEntry[] }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {(payload ?? [])
        .filter((e) => e.value !== undefined && e.value !== null && e.value !== "")
        .map((e) => (
          <li key={String(e.value)}>
            <span className="swatch" style={{ background: e.color }} />
            {String(e.value)}
          </li>
        ))}
    </ul>
  );
}
/** "Product (Windows, Linux, macOS)" -> "Product": axis labels stay on one line. */
const shortLabel = (name: string) => name.replace(/\s*\([^)]*\)\s*$/, "");
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Numbers and UTC days in the viewer's language (nl-NL: 1.149, 3 dec. 2026). */
function useChartFormat() {
  const locale = INTL_LOCALES[useLocale()];
  const int = new Intl.NumberFormat(locale);
  const short = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });
  const long = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  return { n: (v: number) => int.format(v), shortDate: (ms: number) => short.format(ms), longDate: (ms: number) => long.format(ms) };
}

/** About eight evenly spaced day ticks (a week, two weeks or a month apart). */
function timeTicks([from, to]: [number, number]): number[] {
  const DAY = 86_400_000;
  const span = Math.max(1, Math.round((to - from) / DAY));
  const step = [1, 2, 7, 14, 28, 56, 91].find((s) => span / s <= 8) ?? 182;
  const out: number[] = [];
  for (let t = to; t >= from; t -= step * DAY) out.unshift(t);
  return out;
}

export type BurndownPoint = { day: string; openFindings: number; banned: number };

/** Open findings and banned endpoints per day, the deadline, and the projection to zero. */
export function BurndownChart(props: { points: BurndownPoint[]; deadline: string | null; projectedDay: string | null; today: string; height?: number }) {
  const { points, deadline, projectedDay, today } = props;
  const t = useTranslations("charts");
  const f = useChartFormat();
  if (points.length === 0) return <p className="empty">{t("noHistory")}</p>;
  const last = points[points.length - 1]!;
  const data: { t: number; open?: number; banned?: number; projected?: number }[] = points.map((p) => ({ t: dayMs(p.day), open: p.openFindings, banned: p.banned }));
  const horizon = dayMs(today) + 365 * 86_400_000;
  if (last.openFindings > 0 && projectedDay && dayMs(projectedDay) <= horizon) {
    data[data.length - 1]!.projected = last.openFindings;
    data.push({ t: dayMs(projectedDay), projected: 0 });
  }
  const ends = [dayMs(points[0]!.day), dayMs(last.day), ...(deadline ? [Math.min(dayMs(deadline), horizon)] : []), ...data.map((d) => d.t)];
  const domain: [number, number] = [Math.min(...ends), Math.max(...ends)];
  const ticks = timeTicks(domain);
  const summary = { count: last.openFindings, day: f.longDate(dayMs(last.day)) };
  return (
    <div className="chart-box" role="img" aria-label={deadline ? t("burndownLabelDeadline", { ...summary, deadline: f.longDate(dayMs(deadline)) }) : t("burndownLabel", summary)}>
      <ResponsiveContainer width="100%" height={props.height ?? 260}>
        <LineChart data={data} margin={{ top: 16, right: 24, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#eaecf0" vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={domain} ticks={ticks} tickFormatter={f.shortDate} tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={48} tickFormatter={f.n} />
          <Tooltip labelFormatter={(v) => f.longDate(Number(v))} formatter={(v) => f.n(Number(v))} />
          <Legend itemSorter={null} content={legendContent} />
          <Line type="monotone" dataKey="open" name={t("openFindings")} stroke="#b42318" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
          <Line type="monotone" dataKey="banned" name={t("bannedEndpoints")} stroke="#e36a1b" strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls />
          <Line type="linear" dataKey="projected" name={t("projection")} stroke="#475467" strokeDasharray="5 4" dot={false} isAnimationActive={false} connectNulls />
          {deadline && dayMs(deadline) <= domain[1] && (
            <ReferenceLine
              x={dayMs(deadline)}
              stroke="#1d2b4f"
              strokeDasharray="3 3"
              label={{ value: t("deadline", { day: f.shortDate(dayMs(deadline)) }), position: "insideTopRight", fontSize: 12, fill: "#1d2b4f" }}
            />
          )}
          {/* "Today" sits at the foot of its line, the deadline at the top of its own: they never overlap, however close the days. */}
          <ReferenceLine x={dayMs(today)} stroke="#98a2b3" label={{ value: t("today"), position: "insideBottomLeft", fontSize: 11, fill: "#667085" }} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

type StateRow = { code: string; name: string } & Record<keyof typeof STATE_COLORS, number>;

/** Endpoints by state per agency, stacked horizontal bars. */
export function StateBarsChart({ rows }: { rows: StateRow[] }) {
  const t = useTranslations("charts");
  const l = useLabels();
  const f = useChartFormat();
  if (rows.length === 0) return <p className="empty">{t("noEndpoints")}</p>;
  return (
    <div className="chart-box" role="img" aria-label={t("stateBarsLabel", { count: rows.length })}>
      <ResponsiveContainer width="100%" height={Math.max(160, 56 + rows.length * 30)}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }} barCategoryGap={6}>
          <CartesianGrid stroke="#eaecf0" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} tickFormatter={f.n} />
          <YAxis type="category" dataKey="code" width={120} tick={{ fontSize: 12 }} interval={0} />
          <Tooltip formatter={(v) => f.n(Number(v))} />
          <Legend itemSorter={null} content={legendContent} />
          {(Object.keys(STATE_COLORS) as (keyof typeof STATE_COLORS)[]).map((s) => (
            <Bar key={s} dataKey={s} name={l.state(s)} stackId="state" fill={STATE_COLORS[s]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Open findings per banned product. */
export function ProductBarsChart({ rows }: { rows: { name: string; open: number }[] }) {
  const t = useTranslations("charts");
  const f = useChartFormat();
  if (rows.length === 0) return <p className="empty">{t("noProducts")}</p>;
  return (
    <div className="chart-box" role="img" aria-label={t("productBarsLabel", { count: rows.length })}>
      <ResponsiveContainer width="100%" height={Math.max(140, 40 + rows.length * 32)}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="#eaecf0" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} tickFormatter={f.n} />
          <YAxis type="category" dataKey="name" width={220} tick={{ fontSize: 12 }} interval={0} tickFormatter={shortLabel} />
          <Tooltip formatter={(v) => f.n(Number(v))} />
          <Bar dataKey="open" name={t("openFindings")} fill="#b42318" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
