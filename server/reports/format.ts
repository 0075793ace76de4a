// Fixed formatting for report documents (British English, whatever the reader's locale), so the
// text of a published report is the same on every machine and in every download.
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** 12480 -> "12,480"; null -> "—". */
export function num(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  const sign = n < 0 ? "-" : "";
  return sign + String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A signed change: "+12", "-1,204", "0". */
export function signed(n: number): string {
  return n > 0 ? `+${num(n)}` : n < 0 ? `\u2212${num(-n)}` : "0";
}

/** "2026-03-31" -> "31 March 2026"; null -> "—". */
export function longDay(day: string | null | undefined): string {
  if (!day) return "—";
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "2026-03-31" -> "31 Mar 2026" (tables). */
export function shortDay(day: string | null | undefined): string {
  if (!day) return "—";
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]!.slice(0, 3)} ${y}`;
}

/** ISO time -> "31 March 2026, 14:05 UTC". */
export function longTime(iso: string): string {
  return `${longDay(iso.slice(0, 10))}, ${iso.slice(11, 16)} UTC`;
}

/** part / whole as a percentage floored to one decimal: "9.6%"; "—" when whole is 0. */
export function percentOf(part: number, whole: number): string {
  if (whole <= 0) return "—";
  const tenths = Math.floor((part * 1000) / whole);
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

/** A stored fixed-decimal percentage ("87.5") for display. */
export function percentText(p: string | null): string {
  return p === null ? "—" : `${p}%`;
}

/** n per `days` days as removals per day with one decimal ("12.3", "40,633.5"). */
export function perDay(n: number, days: number): string {
  const tenths = Math.floor((Math.max(0, n) * 10) / days);
  return `${num(Math.floor(tenths / 10))}.${tenths % 10}`;
}

export function plural(n: number, one: string, many: string): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}
