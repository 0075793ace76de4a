// The one set of formatting rules of the dashboard, shared by server-rendered pages (format.ts) and
// client components (local-time.tsx), so a later translation changes them in one place:
// - numbers: grouped integers in the viewer's locale;
// - percentages: rounded DOWN to one decimal, like the reports (server/reports/format.ts), so
//   99.96% never shows as 100% and the dashboard and a report never differ by a rounding;
// - days: day, short month, year ("3 Dec 2026" in en-GB); times: that plus hours and minutes.

export const DAY_OPTIONS: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric" };
export const DATETIME_OPTIONS: Intl.DateTimeFormatOptions = { ...DAY_OPTIONS, hour: "2-digit", minute: "2-digit" };

/** A ratio rounded down to tenths of a percent (as a ratio: 0.9996 -> 0.999). */
export function floorPercent(ratio: number): number {
  // Ratios of counts: the epsilon keeps 197/200 at 0.985 despite binary floating point.
  return Math.floor(ratio * 1000 + 1e-9) / 1000;
}

/** The formatters of a locale, made once: an Intl formatter costs far more to build than to use,
 *  and a page formats with them in every row (and a client component per row). */
const byLocale = new Map<string, ReturnType<typeof buildFormat>>();

export function makeFormat(locale: string) {
  let f = byLocale.get(locale);
  if (!f) byLocale.set(locale, (f = buildFormat(locale)));
  return f;
}

function buildFormat(locale: string) {
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(locale, { ...DAY_OPTIONS, timeZone: "UTC" });
  return {
    n: (v: number | null | undefined) => (v === null || v === undefined ? "—" : int.format(v)),
    pct: (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? "—" : pct.format(floorPercent(v))),
    /** A UTC day (YYYY-MM-DD). */
    day: (d: string | null | undefined) => (d ? day.format(new Date(`${d}T00:00:00Z`)) : "—"),
  };
}

export type Format = ReturnType<typeof buildFormat>;
