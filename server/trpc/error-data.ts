// What the tRPC error formatter adds to an error for the browser: zod's field errors in English
// (z.flattenError's shape, for API clients) and the same messages as catalog keys with their
// parameters (`i18n`), which app/_trpc/errors.ts shows in the viewer's language.
import { ZodError } from "zod";
import { type LocalizedText, localized } from "../i18n/errors";
import { localizeZodError } from "../i18n/zod-errors";
import { isMusterError } from "../lib/errors";

export type ErrorI18n = {
  /** The message of the whole error. */
  message: LocalizedText;
  /** Messages beside form fields (zod issues, or a business rule that names its field). */
  fields: Record<string, LocalizedText[]>;
};

export type ErrorData = { zodError: { formErrors: string[]; fieldErrors: Record<string, string[]> } | null; i18n: ErrorI18n | null };

export function errorData(cause: unknown): ErrorData {
  if (cause instanceof ZodError) {
    const z = localizeZodError(cause);
    const hasFields = Object.keys(z.fields).length > 0;
    const message = hasFields || !z.form[0] ? localized({ key: "errors.correctFields" }) : z.form[0];
    return { zodError: z.flat, i18n: { message, fields: z.fields } };
  }
  if (isMusterError(cause) && cause.key) {
    const message = localized({ key: cause.key, params: cause.params });
    const field = cause.details?.field;
    return { zodError: null, i18n: { message, fields: typeof field === "string" ? { [field]: [message] } : {} } };
  }
  return { zodError: null, i18n: null };
}
