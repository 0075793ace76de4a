// Zod issues as catalog messages. A schema names its own message as a key
// (`z.string().min(12, "errors.passwordTooShort")`); zod's own English defaults are mapped to
// generic keys by issue code, with the limits as parameters. A custom English message that is not
// a key yet is passed on as it is.
import { z } from "zod";
import { type ErrorParams, type ErrorText, isErrorKey, type LocalizedText, localized } from "./errors";

type Issue = z.core.$ZodIssue;
const ZOD_ENGLISH = z.locales.en().localeError;

function isZodDefault(issue: Issue): boolean {
  const def = ZOD_ENGLISH(issue as never);
  return (typeof def === "string" ? def : def?.message) === issue.message;
}

function limits(issue: Issue): ErrorParams {
  const out: ErrorParams = {};
  if ("minimum" in issue) out.minimum = Number(issue.minimum);
  if ("maximum" in issue) out.maximum = Number(issue.maximum);
  const own = (issue as { params?: Record<string, unknown> }).params ?? {};
  for (const [k, v] of Object.entries(own)) if (typeof v === "string" || typeof v === "number") out[k] = v;
  return out;
}

function defaultText(issue: Issue): ErrorText {
  const params = limits(issue);
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? { key: "errors.required" } : { key: "errors.tooShort", params };
      if (issue.origin === "array" || issue.origin === "set") return { key: "errors.tooFew", params };
      return { key: "errors.tooSmall", params };
    case "too_big":
      if (issue.origin === "string") return { key: "errors.tooLong", params };
      if (issue.origin === "array" || issue.origin === "set") return { key: "errors.tooMany", params };
      return { key: "errors.tooLarge", params };
    case "invalid_format":
      if (issue.format === "email") return { key: "errors.invalidEmail" };
      if (issue.format === "url") return { key: "errors.invalidUrl" };
      return { key: "errors.invalidFormat" };
    case "invalid_type":
      return issue.message.endsWith("received undefined") ? { key: "errors.required" } : { key: "errors.invalidValue" };
    case "invalid_value":
    case "invalid_union":
      return { key: "errors.invalidChoice" };
    default:
      return { key: "errors.invalidValue" };
  }
}

/** One issue as the formatter sends it: its key when it has one, and the English text. */
export function issueText(issue: Issue): LocalizedText {
  if (isErrorKey(issue.message)) return localized({ key: issue.message, params: limits(issue) });
  if (isZodDefault(issue)) return localized(defaultText(issue));
  return { text: issue.message };
}

export type LocalizedZodError = {
  /** z.flattenError's shape, in English (for API clients). */
  flat: { formErrors: string[]; fieldErrors: Record<string, string[]> };
  /** The same messages with their keys, for the browser to show in the viewer's language. */
  form: LocalizedText[];
  fields: Record<string, LocalizedText[]>;
};

export function localizeZodError(error: z.ZodError): LocalizedZodError {
  const out: LocalizedZodError = { flat: { formErrors: [], fieldErrors: {} }, form: [], fields: {} };
  for (const issue of error.issues) {
    const text = issueText(issue);
    const field = issue.path[0];
    if (field === undefined) {
      out.form.push(text);
      out.flat.formErrors.push(text.text);
    } else {
      const name = String(field);
      (out.fields[name] ??= []).push(text);
      (out.flat.fieldErrors[name] ??= []).push(text.text);
    }
  }
  return out;
}
