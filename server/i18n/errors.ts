// Errors people read come from the catalogs' `errors` namespace. A MusterError or a zod issue
// carries a message key and its parameters; the tRPC formatter sends both, with the English text
// as a fallback for API clients, logs and the admin CLI, and the browser shows the message in the
// viewer's language (app/_trpc/errors.ts). Pure: no Next, no database.
import { createTranslator } from "use-intl/core";
import { DEFAULT_LOCALE, type Locale } from "./locales";
import { loadMessages, type Messages } from "./messages";
import { type Said, sayWith } from "./said";

export type ErrorKey = `errors.${keyof Messages["errors"] & string}`;
export type ErrorParams = Record<string, string | number>;
/** A message a person reads, as a catalog key and its ICU parameters. */
export type ErrorText = { key: ErrorKey; params?: ErrorParams };
/** What the formatter sends for one message: the English text always, the key when there is one. */
export type LocalizedText = { text: string; key?: ErrorKey; params?: ErrorParams };

type Translate = (key: string, params?: ErrorParams) => string;
const translators = new Map<Locale, Translate>();

function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    const tr = createTranslator({ locale, messages: loadMessages(locale) }) as unknown as Translate;
    t = (key, params) => tr(key, params);
    translators.set(locale, t);
  }
  return t;
}

export function isErrorKey(value: unknown): value is ErrorKey {
  if (typeof value !== "string" || !value.startsWith("errors.")) return false;
  return Object.hasOwn(loadMessages(DEFAULT_LOCALE).errors, value.slice("errors.".length));
}

/** The message in one language (English unless told). */
export function errorText(e: ErrorText, locale: Locale = DEFAULT_LOCALE): string {
  return translator(locale)(e.key, e.params);
}

/** Something said (server/i18n/said.ts) in one language (English unless told). */
export function saidText(s: Said, locale: Locale = DEFAULT_LOCALE): string {
  return sayWith(translator(locale), s);
}

export function localized(e: ErrorText): LocalizedText {
  return { text: errorText(e), key: e.key, ...(e.params ? { params: e.params } : {}) };
}
