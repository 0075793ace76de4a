// What the custom server decides about a request before anyone handles it: which forwarded
// headers to believe (only those a configured proxy address sent, MUSTER_TRUST_PROXY), the
// client's address, HSTS when the deployment is served over HTTPS, the request path in origin
// form, and, for everything Next serves (the dashboard, tRPC, sign-in, downloads), a body size
// limit and a per-address rate limit. The agent API keeps its own limits (ingest/).
import type { IncomingMessage, ServerResponse } from "node:http";
import { plainAddress, readEnv, type TrustedProxies, trustedProxies } from "../config";
import { TokenBuckets } from "../ingest/rate-limit";
import { discardBody } from "../lib/discard-body";

/** Largest request body Next is handed (tRPC inputs and sign-in forms are a few KiB). */
export const DASHBOARD_BODY_BYTES = 1024 * 1024;
export const HSTS = "max-age=31536000; includeSubDomains";
/** What every answer of the front door itself carries (Next's own headers never see these). */
const REFUSAL_HEADERS = {
  "Content-Type": "text/plain; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Referrer-Policy": "same-origin",
};
const FORWARDED = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip"];
/** Static build output is not rate-limited: a page load fetches many of these at once. */
const UNLIMITED = /^\/(?:_next\/static\/|favicon\.ico(?:$|\?))/;
/** Inventory uploads: streamed to disk by the import routes, which enforce their own size limit. */
const IMPORT_UPLOADS = /^\/(?:api\/import\/v1\/inventory|import\/upload)(?:$|\?)/;

type Env = Record<string, string | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(",") : (v ?? ""));
const list = (v: string | string[] | undefined) =>
  first(v)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * A request target in origin form ("/path?query"): an absolute-form target
 * ("http://host/api/agent/v1/checkin", which HTTP/1.1 servers must accept) becomes its path, so
 * every request takes the one code path its path names.
 */
export function originForm(target: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return target;
  try {
    const u = new URL(target);
    return `${u.pathname}${u.search}`;
  } catch {
    return "/";
  }
}

/** The client: the socket peer, unless that is a trusted proxy; then the nearest address in
 *  X-Forwarded-For (read from the right) that is not one of the trusted proxies. */
export function clientAddressFrom(peer: string, forwardedFor: string[], trusted: TrustedProxies): string {
  if (!trusted.has(peer)) return plainAddress(peer);
  for (let i = forwardedFor.length - 1; i >= 0; i--) {
    const hop = plainAddress(forwardedFor[i]!);
    if (!trusted.has(hop)) return hop;
  }
  return plainAddress(forwardedFor[0] ?? peer);
}

export type FrontDoor = {
  /** The client's address: the socket's, or the one a trusted proxy put in X-Forwarded-For. */
  clientIp(req: IncomingMessage): string;
  /** Whether the client reached us over HTTPS (NEXTAUTH_URL is https, or the trusted proxy says so). */
  isHttps(req: IncomingMessage): boolean;
  /** Puts the target in origin form, adds headers for every response (HSTS over HTTPS), drops forwarded headers nobody vouches for. */
  prepare(req: IncomingMessage, res: ServerResponse): void;
  /** For requests handed to Next: answers 411/413/429 itself and returns true, or returns false. */
  refuse(req: IncomingMessage, res: ServerResponse, ip: string, now?: number): boolean;
  readonly buckets: TokenBuckets;
};

export function createFrontDoor(env: Env = process.env): FrontDoor {
  const trusted = trustedProxies(env);
  const fromProxy = (req: IncomingMessage) => trusted.has(req.socket.remoteAddress ?? "");
  const httpsUrl = /^https:\/\//i.test(readEnv("NEXTAUTH_URL", env) ?? "");
  // Generous per-address budget: an office behind one NAT address loads pages together.
  const buckets = new TokenBuckets(readEnv("MUSTER_HTTP_BURST", env), readEnv("MUSTER_HTTP_RATE_PER_MIN", env));
  let pruned = 0;

  const clientIp = (req: IncomingMessage): string => (req.socket.remoteAddress ? clientAddressFrom(req.socket.remoteAddress, list(req.headers["x-forwarded-for"]), trusted) : "unknown");
  const isHttps = (req: IncomingMessage): boolean => {
    if (httpsUrl) return true;
    if (!fromProxy(req)) return false;
    return list(req.headers["x-forwarded-proto"]).at(-1)?.toLowerCase() === "https";
  };
  const answer = (res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { ...REFUSAL_HEADERS, ...extra });
    res.end(`${message}\n`);
  };

  return {
    buckets,
    clientIp,
    isHttps,
    prepare(req, res) {
      req.url = originForm(req.url ?? "/");
      if (isHttps(req)) res.setHeader("Strict-Transport-Security", HSTS);
      if (!fromProxy(req)) for (const h of FORWARDED) delete req.headers[h];
    },
    refuse(req, res, ip, now = Date.now()) {
      if (now - pruned > 60_000) {
        buckets.prune(now);
        pruned = now;
      }
      if (!UNLIMITED.test(req.url ?? "")) {
        const wait = buckets.take(ip, now);
        if (wait > 0) {
          answer(res, 429, "Too many requests from this address; retry later.", { "Retry-After": String(wait) });
          discardBody(req);
          return true;
        }
      }
      if (IMPORT_UPLOADS.test(req.url ?? "")) return false;
      const length = req.headers["content-length"];
      if (length === undefined) {
        if (req.headers["transfer-encoding"] === undefined) return false;
        answer(res, 411, "Send the request body with a Content-Length.");
        discardBody(req);
        return true;
      }
      if (Number(length) > DASHBOARD_BODY_BYTES) {
        answer(res, 413, `The request body is larger than ${DASHBOARD_BODY_BYTES} bytes.`);
        discardBody(req);
        return true;
      }
      return false;
    },
  };
}
