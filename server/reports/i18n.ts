// A report's language: chosen at download time (`?lang=nl`), else the viewer's. The document's
// words come from the catalogs (messages/<locale>.json, namespaces "report" and "reports"), its
// numbers and dates from format.ts; both are fixed per language, so the same frozen data always
// reads the same in that language. (Under MUSTER_PSEUDO_LOCALE=1 its words are marked as a page's are.)
import { createTranslator } from "next-intl";
import { isLocale, type Locale, LOCALES } from "../i18n/locales";
import { pageMessages } from "../i18n/messages";
import { badRequest } from "../lib/errors";
import { reportFormat } from "./format";

function make(locale: Locale) {
  return { locale, t: createTranslator({ locale, messages: pageMessages(locale) }), f: reportFormat(locale) };
}

export type ReportText = ReturnType<typeof make>;

const made = new Map<Locale, ReportText>();

export function reportText(locale: Locale): ReportText {
  let rt = made.get(locale);
  if (!rt) made.set(locale, (rt = make(locale)));
  return rt;
}

/** The `lang` parameter of a download: absent gives `fallback`; anything but a known language is a 400. */
export function parseLang(value: string | null | undefined, fallback: Locale): Locale {
  if (value === null || value === undefined || value === "") return fallback;
  if (isLocale(value)) return value;
  throw badRequest("errors.unknownLanguage", { value: value.slice(0, 20), choices: LOCALES.join(" or ") }, { fieldErrors: { lang: [`Use ${LOCALES.join(" or ")}`] } });
}

/** "Status report: Ministry of Justice (MIN-JUS), 31 March 2026" in the reader's language (the
 *  reports table keeps the English one, written when the report was published). */
export function reportTitleIn(rt: ReportText, r: { scopeName: string | null; scopeCode: string | null; asOf: string }): string {
  const scope = r.scopeName !== null && r.scopeCode !== null ? rt.t("report.pdf.titleAgency", { name: r.scopeName, code: r.scopeCode }) : rt.t("report.pdf.titleAll");
  return rt.t("report.pdf.title", { scope, day: rt.f.longDay(r.asOf) });
}
