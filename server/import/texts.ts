// What an import says to people (outcomes, refusals, bad rows, skipped rows, ambiguities): keys of
// the catalogs' `importText` namespace, stored with the import so the Import page shows them in the
// reader's language; the English text is stored beside them for API clients and the audit log.
import type { Messages } from "../i18n/messages";
import { said, type Said, type SaidParam } from "../i18n/said";

export type ImportTextKey = keyof Messages["importText"] & string;

/** Every key is written out where it is said (`say("fieldEmpty", ...)`): the catalog test finds unused ones. */
export function say(key: ImportTextKey, params?: Record<string, SaidParam>): Said {
  return said(NAMESPACE + key, params);
}

const NAMESPACE = "importText.";

/** A value a file supplies, as quoted in a message: at most 80 characters, so a hostile file cannot make messages (stored per bad row) huge. */
export function quoted(value: string): string {
  return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}
