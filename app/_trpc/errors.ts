// Reads field errors and messages out of a tRPC error for display beside form fields.
import { TRPCClientError } from "@trpc/client";

export type FieldErrors = Record<string, string[] | undefined>;

export function fieldErrors(error: unknown): FieldErrors {
  if (error instanceof TRPCClientError) {
    const data = error.data as { zodError?: { fieldErrors?: FieldErrors } | null } | undefined;
    return data?.zodError?.fieldErrors ?? {};
  }
  return {};
}

export function errorMessage(error: unknown): string | null {
  if (!error) return null;
  if (error instanceof TRPCClientError) {
    const data = error.data as { zodError?: unknown } | undefined;
    return data?.zodError ? "Please correct the highlighted fields." : error.message;
  }
  return error instanceof Error ? error.message : "Something went wrong";
}
