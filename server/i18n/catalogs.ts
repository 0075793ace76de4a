// The message catalogs (messages/<locale>.json), loaded once per process or browser: the server
// translates with them (messages.ts), the client components with their part of them
// (app/_components/intl-provider.tsx). Pure: no configuration, so the client bundle can import it.
import en from "../../messages/en.json";
import nl from "../../messages/nl.json";
import type { Locale } from "./locales";
import { pseudoMessages } from "./pseudo";

export type Messages = typeof en;

const CATALOGS: Record<Locale, Messages> = { en, nl };
let pseudo: Record<Locale, Messages> | undefined;

/** A language's messages; under the pseudo-locale (MUSTER_PSEUDO_LOCALE=1, tests) each wrapped in ⟦…⟧. */
export function catalog(locale: Locale, pseudoLocale = false): Messages {
  if (!pseudoLocale) return CATALOGS[locale];
  pseudo ??= { en: pseudoMessages(en), nl: pseudoMessages(nl) };
  return pseudo[locale];
}
