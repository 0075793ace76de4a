// The languages Muster speaks, and how a request's language is chosen. Pure: no Next, no database.
export const LOCALES = ["en", "nl"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** The name of each language in itself, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", nl: "Nederlands" };

/** The Intl locale that formats numbers and dates for each language (nl-NL: 1.149, 3 dec. 2026, 23,0%). */
export const INTL_LOCALES: Record<Locale, string> = { en: "en-GB", nl: "nl-NL" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The best supported language for an `Accept-Language` header (RFC 9110 quality values; a
 * regional tag such as `nl-BE` matches its language). Falls back to English.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.tag && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const language = tag.split("-")[0];
    if (isLocale(language)) return language;
  }
  return DEFAULT_LOCALE;
}
