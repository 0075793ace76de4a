// Shows what the server said (server/i18n/said.ts) in the viewer's language, through the page's
// translator (next-intl's getTranslations() or useTranslations(), namespace-free). Records made
// before the server kept what it said show their stored English text.
import { type Said, sayWith, type Translator } from "~/server/i18n/said";

export function sayOr(t: unknown, said: Said | null | undefined, fallback: string): string {
  return said ? sayWith(t as Translator, said) : fallback;
}
