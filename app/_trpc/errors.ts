// Reads field errors and messages out of a tRPC error for display beside form fields. The tRPC
// client (client.tsx) has already put them in the viewer's language: the server sends each
// message as a catalog key with its parameters (server/trpc/error-data.ts), and
// `localizeError` swaps the English text for the viewer's catalog entry.
import { TRPCClientError } from "@trpc/client";
import type { ErrorParams, LocalizedText } from "~/server/i18n/errors";
import type { ErrorI18n } from "~/server/trpc/error-data";

export type FieldErrors = Record<string, string[] | undefined>;
/** The viewer's translator (next-intl's `useTranslations()`), loosely typed: keys come from the server. */
export type Translate = { (key: string, params?: ErrorParams): string; has(key: string): boolean };

export function fieldErrors(error: unknown): FieldErrors {
  if (error instanceof TRPCClientError) {
    const data = error.data as { zodError?: { fieldErrors?: FieldErrors } | null } | undefined;
    return data?.zodError?.fieldErrors ?? {};
  }
  return {};
}

export function errorMessage(error: unknown): string | null {
  if (!error) return null;
  return error instanceof Error ? error.message : String(error);
}

/** One message in the viewer's language: its key when the catalog has it, else the server's text. */
export function translateText(t: Translate, m: LocalizedText | { message: string; key?: string; params?: ErrorParams }): string {
  const text = "text" in m ? m.text : m.message;
  return m.key && t.has(m.key) ? t(m.key, m.params) : text;
}

/** Puts a tRPC error's message and field errors in the viewer's language (in place). */
export function localizeError<E>(error: E, t: Translate): E {
  if (!(error instanceof TRPCClientError)) return error;
  const data = error.data as ({ code?: string; i18n?: ErrorI18n | null; zodError?: { formErrors: string[]; fieldErrors: FieldErrors } | null } & object) | undefined;
  const i18n = data?.i18n;
  if (i18n) {
    error.message = translateText(t, i18n.message);
    const fields = Object.fromEntries(Object.entries(i18n.fields).map(([k, list]) => [k, list.map((m) => translateText(t, m))]));
    Object.assign(error, { data: { ...data, zodError: { formErrors: data.zodError?.formErrors ?? [], fieldErrors: { ...data.zodError?.fieldErrors, ...fields } } } });
  } else if (!data && error.cause instanceof TypeError) {
    error.message = t("errors.network"); // fetch failed: offline, or the server is down
  } else if (data?.code === "INTERNAL_SERVER_ERROR") {
    error.message = t("errors.unexpected");
  }
  return error;
}
