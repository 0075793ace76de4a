// Number and date formatting for server-rendered pages, in the viewer's locale
// (taken from Accept-Language; falls back to en-GB).
import { headers } from "next/headers";

export async function viewerLocale(): Promise<string> {
  const accept = (await headers()).get("accept-language") ?? "";
  const first = accept.split(",")[0]?.split(";")[0]?.trim();
  try {
    return first ? Intl.getCanonicalLocales(first)[0]! : "en-GB";
  } catch {
    return "en-GB";
  }
}

export function makeFormat(locale: string) {
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  return {
    n: (v: number | null | undefined) => (v === null || v === undefined ? "—" : int.format(v)),
    pct: (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? "—" : pct.format(v)),
    day: (day: string | null | undefined) =>
      day ? new Date(`${day}T00:00:00Z`).toLocaleDateString(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }) : "—",
  };
}

export async function getFormat() {
  return makeFormat(await viewerLocale());
}
