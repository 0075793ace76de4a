"use client";
// Charts (Recharts). Each is drawn inside a <figure> whose caption and data table (ChartFigure)
// carry the same information as text, for screen readers and for print.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export const STATE_COLORS = {
  banned: "#b42318",
  remnants: "#e36a1b",
  excepted: "#6941c6",
  unprotected: "#dc9a0b",
  clean: "#067647",
  stale: "#8a94a6",
  "never-reported": "#c4cad4",
} as const;

const nf = () => new Intl.NumberFormat();
/** Legend labels in ink colour (the light series colours are hard to read as text). */
const legendText = (value: string) => <span style={{ color: "#344054" }}>{value}</span>;
/** "Product (Windows, Linux, macOS)" -> "Product": axis labels stay on one line. */
const shortLabel = (name: string) => name.replace(/\s*\([^)]*\)\s*$/, "");
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const shortDate = (ms: number) => new Date(ms).toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
const longDate = (ms: number) => new Date(ms).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

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
  if (points.length === 0) return <p className="empty">No history yet: the chart fills in as endpoints report.</p>;
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
  const fmt = nf();
  return (
    <div className="chart-box" role="img" aria-label={`Burn-down: ${fmt.format(last.openFindings)} open findings on ${longDate(dayMs(last.day))}${deadline ? `, deadline ${longDate(dayMs(deadline))}` : ""}`}>
      <ResponsiveContainer width="100%" height={props.height ?? 260}>
        <LineChart data={data} margin={{ top: 16, right: 24, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#eaecf0" vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={domain} ticks={ticks} tickFormatter={shortDate} tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={48} tickFormatter={(v: number) => fmt.format(v)} />
          <Tooltip labelFormatter={(v) => longDate(Number(v))} formatter={(v) => fmt.format(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} formatter={legendText} />
          <Line type="monotone" dataKey="open" name="Open findings" stroke="#b42318" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
          <Line type="monotone" dataKey="banned" name="Banned endpoints" stroke="#e36a1b" strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls />
          <Line type="linear" dataKey="projected" name="Projection at recent rate" stroke="#475467" strokeDasharray="5 4" dot={false} isAnimationActive={false} connectNulls />
          {deadline && dayMs(deadline) <= domain[1] && (
            <ReferenceLine x={dayMs(deadline)} stroke="#1d2b4f" strokeDasharray="3 3" label={{ value: `Deadline ${shortDate(dayMs(deadline))}`, position: "insideTopRight", fontSize: 12, fill: "#1d2b4f" }} />
          )}
          <ReferenceLine x={dayMs(today)} stroke="#98a2b3" label={{ value: "Today", position: "insideTopLeft", fontSize: 11, fill: "#667085" }} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

type StateRow = { code: string; name: string } & Record<keyof typeof STATE_COLORS, number>;

/** Endpoints by state per agency, stacked horizontal bars. */
export function StateBarsChart({ rows }: { rows: StateRow[] }) {
  if (rows.length === 0) return <p className="empty">No endpoints enrolled yet.</p>;
  const labels: Record<keyof typeof STATE_COLORS, string> = {
    banned: "Banned",
    remnants: "Remnants",
    excepted: "Excepted",
    unprotected: "Unprotected",
    clean: "Clean",
    stale: "Stale",
    "never-reported": "Never reported",
  };
  const fmt = nf();
  return (
    <div className="chart-box" role="img" aria-label={`Endpoints by state for ${rows.length} agencies`}>
      <ResponsiveContainer width="100%" height={Math.max(160, 56 + rows.length * 30)}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }} barCategoryGap={6}>
          <CartesianGrid stroke="#eaecf0" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} tickFormatter={(v: number) => fmt.format(v)} />
          <YAxis type="category" dataKey="code" width={120} tick={{ fontSize: 12 }} interval={0} />
          <Tooltip formatter={(v) => fmt.format(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} formatter={legendText} />
          {(Object.keys(STATE_COLORS) as (keyof typeof STATE_COLORS)[]).map((s) => (
            <Bar key={s} dataKey={s} name={labels[s]} stackId="state" fill={STATE_COLORS[s]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Open findings per banned product. */
export function ProductBarsChart({ rows }: { rows: { name: string; open: number }[] }) {
  if (rows.length === 0) return <p className="empty">No banned product remains.</p>;
  const fmt = nf();
  return (
    <div className="chart-box" role="img" aria-label={`Open findings for ${rows.length} banned products`}>
      <ResponsiveContainer width="100%" height={Math.max(140, 40 + rows.length * 32)}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="#eaecf0" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} tickFormatter={(v: number) => fmt.format(v)} />
          <YAxis type="category" dataKey="name" width={220} tick={{ fontSize: 12 }} interval={0} tickFormatter={shortLabel} />
          <Tooltip formatter={(v) => fmt.format(Number(v))} />
          <Bar dataKey="open" name="Open findings" fill="#b42318" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
