// A policy's texts in the reader's language. The policies table holds the English text in its
// columns and other languages in `texts` (JSON, per language, each field optional); a text not
// given in a language falls back to the English. Pure: pages, reports and the seed share it.
import type { Locale } from "../i18n/locales";

export type PolicyText = { name?: string; legalReference?: string; summary?: string };
export type PolicyTexts = Partial<Record<Locale, PolicyText>>;

/** The stored JSON read leniently: anything that is not an object of strings is ignored. */
export function parsePolicyTexts(json: string | null | undefined): PolicyTexts {
  if (!json) return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return {};
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: PolicyTexts = {};
  for (const [locale, texts] of Object.entries(value as Record<string, unknown>)) {
    if (!texts || typeof texts !== "object") continue;
    const t: PolicyText = {};
    for (const field of ["name", "legalReference", "summary"] as const) {
      const v = (texts as Record<string, unknown>)[field];
      if (typeof v === "string" && v.trim()) t[field] = v;
    }
    out[locale as Locale] = t;
  }
  return out;
}

/** The policy with its name, legal reference and summary in `locale` where it has them. */
export function policyInLocale<P extends { name: string; legalReference: string; summary?: string; texts?: PolicyTexts | null }>(p: P, locale: Locale): P {
  const t = p.texts?.[locale];
  if (!t) return p;
  return { ...p, name: t.name ?? p.name, legalReference: t.legalReference ?? p.legalReference, ...(p.summary !== undefined ? { summary: t.summary ?? p.summary } : {}) };
}
