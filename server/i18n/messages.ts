// The message catalogs as the server reads them (catalogs.ts), under its configuration.
import { config } from "../config";
import { catalog, type Messages } from "./catalogs";
import type { Locale } from "./locales";
import { PSEUDO_CLOSE, PSEUDO_OPEN } from "./pseudo";

export type { Messages };

export function loadMessages(locale: Locale): Messages {
  return catalog(locale);
}

/** What pages get: a language's messages, under MUSTER_PSEUDO_LOCALE=1 (tests) each wrapped in ⟦…⟧. */
export function pageMessages(locale: Locale): Messages {
  return catalog(locale, config.pseudoLocale);
}

/** A text from another catalog (the notification catalogs) as a page shows it: marked like the page's own under MUSTER_PSEUDO_LOCALE=1. */
export function pageText(text: string): string {
  return config.pseudoLocale ? `${PSEUDO_OPEN}${text}${PSEUDO_CLOSE}` : text;
}
