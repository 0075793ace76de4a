// Number and date formatting for server-rendered pages, in the viewer's language (their choice,
// else the browser's; nl-NL: 1.149, 3 dec. 2026, 23,0%). The rules themselves are in format-rules.ts.
import { getLocale } from "next-intl/server";
import { INTL_LOCALES } from "~/server/i18n/locales";
import { makeFormat } from "./format-rules";

export { makeFormat, type Format } from "./format-rules";

/** The Intl locale of the viewer's language ("en-GB", "nl-NL"). */
export async function viewerLocale(): Promise<string> {
  return INTL_LOCALES[await getLocale()];
}

export async function getFormat() {
  return makeFormat(await viewerLocale());
}
