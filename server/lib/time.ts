// Calendar helpers. Days are UTC calendar days written YYYY-MM-DD.
export const DAY_MS = 86_400_000;

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function parseDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function addDays(day: string, n: number): string {
  return dayOf(parseDay(day) + n * DAY_MS);
}

export function isValidDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = parseDay(value);
  return Number.isFinite(ms) && dayOf(ms) === value;
}

/** Parses durations like "30m", "12h", "7d" into milliseconds; null when malformed. */
export function parseDuration(value: string): number | null {
  const m = /^(\d+)\s*([mhdw])$/.exec(value.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = { m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS }[m[2] as "m" | "h" | "d" | "w"];
  return n > 0 ? n * unit : null;
}
