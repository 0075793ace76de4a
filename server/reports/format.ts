// Fixed formatting for report documents in each language (en: "12,480", "31 March 2026", "9.6%";
// nl: "12.480", "31 maart 2026", "9,6%"), written out here rather than left to the machine's ICU
// data, so a published report reads the same on every machine and in every download.
// Percentages are rounded DOWN to one decimal, as on the dashboard.
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";

type Rules = { group: string; decimal: string; months: string[]; short: string[]; minus: string };

const RULES: Record<Locale, Rules> = {
  en: {
    group: ",",
    decimal: ".",
    minus: "\u2212",
    months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    short: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
  },
  nl: {
    group: ".",
    decimal: ",",
    minus: "\u2212",
    months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    short: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
  },
};

export function reportFormat(locale: Locale) {
  const r = RULES[locale] ?? RULES[DEFAULT_LOCALE];
  /** 12480 -> "12,480" (nl "12.480"); null -> "—". */
  const num = (n: number | null | undefined): string => {
    if (n === null || n === undefined) return "—";
    const sign = n < 0 ? "-" : "";
    return sign + String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, r.group);
  };
  const parts = (day: string) => day.split("-").map(Number) as [number, number, number];
  /** "2026-03-31" -> "31 March 2026" (nl "31 maart 2026"); null -> "—". */
  const longDay = (day: string | null | undefined): string => {
    if (!day) return "—";
    const [y, m, d] = parts(day);
    return `${d} ${r.months[m - 1]} ${y}`;
  };
  /** "2026-03-31" -> "31 Mar 2026" (nl "31 mrt 2026"), for tables. */
  const shortDay = (day: string | null | undefined): string => {
    if (!day) return "—";
    const [y, m, d] = parts(day);
    return `${d} ${r.short[m - 1]} ${y}`;
  };
  const tenths = (t: number) => `${num(Math.floor(t / 10))}${r.decimal}${t % 10}`;
  return {
    locale,
    num,
    longDay,
    shortDay,
    /** "Mar 2026" (nl "mrt 2026"), for chart axes. */
    shortMonth: (day: string) => {
      const [y, m] = parts(day);
      return `${r.short[m - 1]} ${y}`;
    },
    /** "31 Mar" (nl "31 mrt"), for chart axes. */
    dayMonth: (day: string) => {
      const [, m, d] = parts(day);
      return `${d} ${r.short[m - 1]}`;
    },
    /** A signed change: "+12", "−1,204", "0". */
    signed: (n: number): string => (n > 0 ? `+${num(n)}` : n < 0 ? `${r.minus}${num(-n)}` : "0"),
    /** ISO time -> "31 March 2026, 14:05 UTC". */
    longTime: (iso: string): string => `${longDay(iso.slice(0, 10))}, ${iso.slice(11, 16)} UTC`,
    /** part / whole as a percentage floored to one decimal: "9.6%" (nl "9,6%"); "—" when whole is 0. */
    percentOf: (part: number, whole: number): string => (whole <= 0 ? "—" : `${tenths(Math.floor((part * 1000) / whole))}%`),
    /** A stored fixed-decimal percentage ("87.5") for display: "87.5%" (nl "87,5%"). */
    percentText: (p: string | null): string => (p === null ? "—" : `${p.replace(".", r.decimal)}%`),
    /** n per `days` days as removals per day with one decimal ("12.3", nl "12,3"). */
    perDay: (n: number, days: number): string => tenths(Math.floor((Math.max(0, n) * 10) / days)),
  };
}

export type ReportFormat = ReturnType<typeof reportFormat>;

/** English, for what is stored in English (report titles in the database, CSV trailers). */
const EN = reportFormat("en");
export const { num, longDay, shortDay, signed, longTime, percentOf, percentText, perDay } = EN;
