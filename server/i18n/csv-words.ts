// CSV values that are words, in the language a download asks for (`?lang=nl`). Column names never
// change; in English (the default) the values are the stable machine words the database holds
// ("never-reported", "on-track"), in another language the catalog's words (messages: csv.*).
// Plain lookups, no ICU: the work thread that writes the big files uses this too.
import type { Locale } from "./locales";
import { loadMessages, type Messages } from "./messages";

type Csv = Messages["csv"];
export type CsvWordGroup = Exclude<keyof Csv, "text">;

export type CsvWords = {
  locale: Locale;
  /** The word for a machine value in this language (unknown values pass unchanged). */
  word: (group: CsvWordGroup, value: string | null | undefined) => string;
  /** A sentence of csv.text with `{name}` filled in. */
  text: (id: keyof Csv["text"], params?: Record<string, string | number>) => string;
};

export function csvWords(locale: Locale): CsvWords {
  const messages = loadMessages(locale) as unknown as Record<string, Record<string, Record<string, string>>>;
  const lookup = (path: string) => {
    const [, group, value] = path.split(".") as [string, string, string];
    return messages.csv?.[group]?.[value];
  };
  return {
    locale,
    word: (group, value) => (value ? (lookup(`csv.${group}.${value}`) ?? value) : ""),
    text: (id, params = {}) => (lookup(`csv.text.${id}`) ?? id).replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)),
  };
}
