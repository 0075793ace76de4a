// Answers of the agent API: a status, a JSON body and extra headers. Errors follow the protocol:
// { error: { code, message, details? } } with a code from ERROR_CODES.
import type { ErrorCode } from "~/agent/shared/protocol";

export type AgentReply = { status: number; body: unknown; headers?: Record<string, string> };

export function errorReply(status: number, code: ErrorCode, message: string, details?: unknown, retryAfterSeconds?: number): AgentReply {
  return {
    status,
    body: { error: details === undefined ? { code, message } : { code, message, details } },
    ...(retryAfterSeconds !== undefined ? { headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) } } : {}),
  };
}

export const UNAUTHORIZED = errorReply(401, "unauthorized", "Unknown device or wrong device secret; enroll this device again");

export function unavailable(message = "The server cannot store reports right now; keep the report and retry later", retryAfterSeconds = 30): AgentReply {
  return errorReply(503, "unavailable", message, undefined, retryAfterSeconds);
}
