// The message catalogs (messages/<locale>.json), loaded once per process.
import en from "../../messages/en.json";
import nl from "../../messages/nl.json";
import { config } from "../config";
import type { Locale } from "./locales";
import { PSEUDO_CLOSE, PSEUDO_OPEN, pseudoMessages } from "./pseudo";

export type Messages = typeof en;

const CATALOGS: Record<Locale, Messages> = { en, nl };

export function loadMessages(locale: Locale): Messages {
  return CATALOGS[locale];
}

let pseudo: Record<Locale, Messages> | undefined;

/** What pages get: a language's messages, under MUSTER_PSEUDO_LOCALE=1 (tests) each wrapped in ⟦…⟧. */
export function pageMessages(locale: Locale): Messages {
  if (!config.pseudoLocale) return CATALOGS[locale];
  pseudo ??= { en: pseudoMessages(en), nl: pseudoMessages(nl) };
  return pseudo[locale];
}

/** A text from another catalog (the notification catalogs) as a page shows it: marked like the page's own under MUSTER_PSEUDO_LOCALE=1. */
export function pageText(text: string): string {
  return config.pseudoLocale ? `${PSEUDO_OPEN}${text}${PSEUDO_CLOSE}` : text;
}
