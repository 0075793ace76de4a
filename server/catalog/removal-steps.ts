// The catalog's removal guides in the reader's language. The built-in catalog (agent/shared/catalog)
// is written in English and stays so (the agent carries it); the translations live here, on the
// server only. A guide is shown translated when every one of its steps has a translation, else in
// the catalog's English, and says which (`lang`), so pages and PDFs can mark English text as such.
import "server-only";
import { REMOVAL_STEPS_NL } from "./removal-nl";

/** The catalog's own language. */
export const CATALOG_LANGUAGE = "en";

/** Translations of the catalog's steps per language, keyed by the English step. */
export const REMOVAL_TRANSLATIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = { nl: REMOVAL_STEPS_NL };

export type ShownSteps = { steps: string[]; lang: string };

/** A guide's steps in `locale` when all of them are translated, else the catalog's English. */
export function guideSteps(steps: readonly string[], locale: string): ShownSteps {
  const table = Object.hasOwn(REMOVAL_TRANSLATIONS, locale) ? REMOVAL_TRANSLATIONS[locale] : undefined;
  const translated = table ? steps.map((s) => (Object.hasOwn(table, s) ? table[s] : undefined)) : [];
  if (table && translated.every((s) => s !== undefined)) return { steps: translated as string[], lang: locale };
  return { steps: [...steps], lang: CATALOG_LANGUAGE };
}
