// The three endpoints of wire protocol v1, as the agent calls them.
import type { CheckinRequest, CheckinResponse, EnrollRequest, EnrollResponse, ErrorBody } from "../../shared/protocol";
import { AGENT_NAME, AGENT_VERSION } from "../version";
import { request, type HttpResponse, type TransportOptions } from "./http";

export const API_PREFIX = "/api/agent/v1";

export function endpoint(server: string, path: "enroll" | "checkin" | "catalog"): string {
  return `${server.replace(/\/+$/, "")}${API_PREFIX}/${path}`;
}

export function withUserAgent(opts: TransportOptions): TransportOptions {
  return { ...opts, userAgent: `${AGENT_NAME}/${AGENT_VERSION} (${process.platform}; node ${process.versions.node})` };
}

/** `code: message` from a protocol error body, or the HTTP status when the body is not one. */
export function describeError(res: HttpResponse): string {
  try {
    const e = (JSON.parse(res.body) as ErrorBody).error;
    if (e && typeof e.message === "string") return `HTTP ${res.status} ${e.code}: ${e.message}`;
  } catch {
    // not JSON
  }
  return `HTTP ${res.status}${res.body ? `: ${res.body.slice(0, 200).trim()}` : ""}`;
}

export function errorCode(res: HttpResponse): string | undefined {
  try {
    return (JSON.parse(res.body) as ErrorBody).error?.code;
  } catch {
    return undefined;
  }
}

export function postEnroll(server: string, body: EnrollRequest, opts: TransportOptions): Promise<HttpResponse> {
  return request({ method: "POST", url: endpoint(server, "enroll"), json: body }, withUserAgent(opts));
}

export function postCheckin(server: string, secret: string, body: CheckinRequest, opts: TransportOptions): Promise<HttpResponse> {
  return request({ method: "POST", url: endpoint(server, "checkin"), json: body, headers: { authorization: `Bearer ${secret}` } }, withUserAgent(opts));
}

export function getCatalog(server: string, secret: string, etag: string | undefined, opts: TransportOptions): Promise<HttpResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${secret}` };
  if (etag) headers["if-none-match"] = etag;
  return request({ method: "GET", url: endpoint(server, "catalog"), headers }, withUserAgent(opts));
}

export function parseJson<T>(res: HttpResponse): T | undefined {
  try {
    return JSON.parse(res.body) as T;
  } catch {
    return undefined;
  }
}

export function isEnrollResponse(v: unknown): v is EnrollResponse {
  const r = v as Partial<EnrollResponse> | undefined;
  return typeof r?.deviceId === "string" && typeof r.deviceSecret === "string" && r.deviceId !== "" && r.deviceSecret !== "";
}

export function isCheckinResponse(v: unknown): v is CheckinResponse {
  return (v as Partial<CheckinResponse> | undefined)?.accepted === true;
}
