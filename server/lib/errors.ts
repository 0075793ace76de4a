// One error type for business rules, mapped to tRPC codes by the formatter and to HTTP
// statuses by the route handlers.
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

export class MusterError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "MusterError";
  }
  get status(): number {
    return ERROR_KINDS[this.kind];
  }
}

export const notFound = (what: string) => new MusterError("NOT_FOUND", `${what} not found`);
export const forbidden = (why = "You do not have access to this") => new MusterError("FORBIDDEN", why);
export const badRequest = (why: string, details?: Record<string, unknown>) =>
  new MusterError("BAD_REQUEST", why, details);
export const conflict = (why: string) => new MusterError("CONFLICT", why);
