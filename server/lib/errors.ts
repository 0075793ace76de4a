// One error type for business rules, mapped to tRPC codes by the formatter and to HTTP
// statuses by the route handlers. A message people read is a catalog key with its parameters
// (server/i18n/errors.ts): `message` is then its English text (API clients, logs, the CLI), and
// the browser shows the key in the viewer's language.
import { type ErrorKey, type ErrorParams, type ErrorText, errorText } from "../i18n/errors";

export const ERROR_KINDS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
} as const;
export type ErrorKind = keyof typeof ERROR_KINDS;

/** A catalog message, or plain English for messages only operators read. */
export type ErrorMessage = ErrorText | string;

export class MusterError extends Error {
  readonly key?: ErrorKey;
  readonly params?: ErrorParams;
  constructor(
    readonly kind: ErrorKind,
    message: ErrorMessage,
    readonly details?: Record<string, unknown>,
  ) {
    super(typeof message === "string" ? message : errorText(message));
    this.name = "MusterError";
    if (typeof message !== "string") {
      this.key = message.key;
      this.params = message.params;
    }
  }
  get status(): number {
    return ERROR_KINDS[this.kind];
  }
  /** The message as a catalog entry, when it has one. */
  get text(): ErrorText | undefined {
    return this.key ? { key: this.key, params: this.params } : undefined;
  }
}

const msg = (key: ErrorKey, params?: ErrorParams): ErrorText => ({ key, params });

export const notFound = (key: ErrorKey, params?: ErrorParams) => new MusterError("NOT_FOUND", msg(key, params));
export const forbidden = (key: ErrorKey = "errors.noAccess", params?: ErrorParams) => new MusterError("FORBIDDEN", msg(key, params));
export const badRequest = (key: ErrorKey, params?: ErrorParams, details?: Record<string, unknown>) => new MusterError("BAD_REQUEST", msg(key, params), details);
export const conflict = (key: ErrorKey, params?: ErrorParams) => new MusterError("CONFLICT", msg(key, params));

/** A MusterError, also one made by another copy of this module (Next's bundle and the custom server each load one). */
export function isMusterError(err: unknown): err is MusterError {
  return err instanceof MusterError || (err instanceof Error && err.name === "MusterError" && "kind" in err);
}
